/// Named, independent random streams derived from one plan seed, so adding a random process
/// later never changes the numbers an existing one draws. The one registry of stream numbers:
/// the simulation's (hairline, follicles, sessions, touch-up seeds) and the batch's replicates.
public enum SeedStreams {
    public static let hairline: UInt64 = 1
    public static let follicles: UInt64 = 2
    public static func session(_ index: Int) -> UInt64 { 100 + UInt64(index) }
    /// The k-th extra seed of the touch-up spread (k = 1, 2, …; `TouchUpSeeds`).
    public static func touchUpSeed(_ k: Int) -> UInt64 { 200 + UInt64(k) }
    /// The r-th replicate of a batch variant (r = 1, 2, …; replicate 0 keeps the plan's seed).
    public static func replicate(_ r: Int) -> UInt64 { 1_000_000 + UInt64(r) }

    public static func seed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }

    /// The seed of replicate `r` of a plan seeded `seed`: the plan's own for r = 0, else drawn
    /// from stream `replicate(r)` and kept below 2⁴⁹ (≈ 5.6 × 10¹⁴), so it is exact as a double
    /// (pandas, R, JSON) and `CSV.number` writes it as an integer (it does below 10¹⁵).
    public static func replicateSeed(_ seed: UInt64, replicate r: Int) -> UInt64 {
        r == 0 ? seed : Self.seed(seed, stream: replicate(r)) & ((1 << 49) - 1)
    }
}
