import Support
import Testing

/// The named seed streams stay apart: no two processes of a plan draw from the same stream up to
/// the plan limits (20 sessions, 50 areas), 10 000 batch replicates, up to 99 extra touch-up seeds (9 are used) and a million
/// impressions, and the derived seeds themselves differ.
@Suite struct SeedStreamTests {
    static let streams: [UInt64] = [SeedStreams.hairline, SeedStreams.follicles]
        + (0..<20).map(SeedStreams.session) + (1...99).map(SeedStreams.touchUpSeed)
        + (0..<50).map { SeedStreams.fueScars(area: $0) } + (1...10_000).map(SeedStreams.replicate)

    @Test("the streams of different processes never coincide")
    func streamsAreDistinct() {
        #expect(Set(Self.streams).count == Self.streams.count)
        // Scar uptake draws per impression: its whole block lies above every other stream.
        let uptake = [0, 1, 2, 999_999].map { SeedStreams.scarUptake(impression: $0) }
        #expect(Set(uptake).count == 4)
        #expect(uptake.allSatisfy { $0 > Self.streams.max()! })
        #expect(SeedStreams.scarUptake(impression: 1) != SeedStreams.hairline)
    }

    @Test("derived seeds differ across streams and plan seeds, and are reproducible")
    func derivedSeeds() {
        for planSeed: UInt64 in [0, 1, 42, .max] {
            let seeds = Self.streams.map { SeedStreams.seed(planSeed, stream: $0) }
            #expect(Set(seeds).count == seeds.count, "plan seed \(planSeed)")
            #expect(seeds == Self.streams.map { SeedStreams.seed(planSeed, stream: $0) })
        }
        #expect(SeedStreams.seed(1, stream: SeedStreams.hairline) != SeedStreams.seed(2, stream: SeedStreams.hairline))
    }
}
