import Foundation
import Impressions
@testable import Reports
@testable import Simulation
import SimulationFixtures
import Support
import Testing

/// The output writers that were made cheaper (issue 16) write the same bytes as the plain
/// methods they replaced.
@Suite("Output writers: dots.csv straight into its storage, cached snake_case keys")
struct OutputWriterTests {
    /// dots.csv as it was written before: every number appended through `CSV.appendFixed`.
    static func plainDotsCSV(_ dots: [Impression]) -> [UInt8] {
        var out = Array("session,x_mm,y_mm,diameter_um,depth_mm\n".utf8)
        for dot in dots {
            CSV.appendInteger(Int(dot.session), to: &out)
            out.append(UInt8(ascii: ","))
            CSV.appendFixed(dot.x, decimals: 3, to: &out)
            out.append(UInt8(ascii: ","))
            CSV.appendFixed(dot.y, decimals: 3, to: &out)
            out.append(UInt8(ascii: ","))
            CSV.appendFixed(Double(dot.diameterMM) * 1000, decimals: 1, to: &out)
            out.append(UInt8(ascii: ","))
            CSV.appendFixed(Double(dot.depthMM), decimals: 3, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// `base` with other impressions (only dots.csv reads them here).
    static func with(_ dots: [Impression], _ base: SimulationResult = Fixtures.demo) -> SimulationResult {
        SimulationResult(plan: base.plan, source: base.source, chart: base.chart, scalp: base.scalp, target: base.target,
                         rule: base.rule, healing: base.healing, parallel: false, colours: base.colours, outlook: nil,
                         impressions: dots, sessions: base.sessions)
    }

    @Test("dots.csv of the demo plan: the same bytes as number-by-number appending")
    func demoDots() {
        let dots = Fixtures.demo.impressions
        #expect(dots.count > 10_000)
        #expect(ReportFiles.dotsCSV(Fixtures.demo) == Self.plainDotsCSV(dots))
    }

    @Test("dots.csv at the edges: negative and −0 coordinates, ties, huge values, NaN, sessions and sizes changing back and forth")
    func edgeDots() {
        let values: [Double] = [0, -0.0, -1.2345, 0.0005, 0.0015, -0.0005, 123.4565, 9.999_999, 1e20, -3e15, .nan, .infinity, 4_503_599_627.370_496]
        var dots: [Impression] = []
        var rng = SplitMix64(seed: 7)
        for i in 0..<400 {
            let x = values[i % values.count], y = values[(i * 7 + 3) % values.count]
            let session = UInt16([1, 1, 2, 1, 65535, 3][Int(rng.next() % 6)])
            let diameter: Float = [0.18, 0.18, 0.25, -0.0, 1e30, .nan][Int(rng.next() % 6)]
            let depth: Float = [0.55, 0.55, 0.6, 0.0005][Int(rng.next() % 4)]
            dots.append(Impression(x: x, y: y, diameterMM: diameter, depthMM: depth, session: session))
        }
        #expect(ReportFiles.dotsCSV(Self.with(dots)) == Self.plainDotsCSV(dots))
        #expect(ReportFiles.dotsCSV(Self.with([])) == Self.plainDotsCSV([]))
    }

    @Test("snake_case keys: the cache answers what the conversion does, on repeats and beyond its capacity")
    func cachedKeys() {
        let keys = ["impressionsPerCM2", "L", "a", "nearestNeighbourP5MM", "skinITADegrees", "healedDiameterUM", "URLValue", "x2y",
                    "deltaE00ToHealed", "ééAccentKey", "already_snake"]
        let expected = ["impressions_per_cm2", "L", "a", "nearest_neighbour_p5_mm", "skin_ita_degrees", "healed_diameter_um", "url_value",
                        "x2y", "delta_e00_to_healed", "éé_accent_key", "already_snake"]
        let cache = SnakeCaseKeys.Cache()
        for _ in 0..<3 { #expect(keys.map(cache.converted) == expected) }
        // Past the capacity new keys are converted without being kept, and still right.
        for i in 0..<(SnakeCaseKeys.Cache.capacity + 50) {
            let key = "keyNumber\(i)Value"
            #expect(cache.converted(key) == SnakeCaseKeys.convert(key))
        }
        #expect(keys.map(cache.converted) == expected)
    }

    /// A fade_curves.csv / timeline_sessions.csv row as it was built: the fields' strings joined.
    static func plainSessionRow(day: Double, _ look: SessionLook) -> String {
        [CSV.number(day), String(look.session), CSV.number(look.ageDays), CSV.number(look.retained.rounded(places: 4)),
         CSV.number(look.lab.L.rounded(places: 2)), CSV.number(look.lab.a.rounded(places: 2)), CSV.number(look.lab.b.rounded(places: 2)),
         look.hex, CSV.number(look.deltaE00ToHealed.rounded(places: 3)), CSV.number(look.deltaE00ToHair?.rounded(places: 3)),
         CSV.number(look.deltaE00ToSkin.rounded(places: 3)), look.undertone.rawValue,
         CSV.number(look.diameterScale.rounded(places: 4)), CSV.number(look.depthMM.rounded(places: 3)),
         CSV.number(look.retainedOfInjected.rounded(places: 4))].joined(separator: ",")
    }

    @Test("fade_curves.csv and timeline_sessions.csv: the same bytes as joining each row's fields")
    func sessionRows() throws {
        let result = Fixtures.demo
        let outlook = try #require(result.outlook)
        var curves = FadeReportFiles.sessionsHeader + "\n"
        for (i, curve) in outlook.curves.enumerated() {
            for look in curve { curves += Self.plainSessionRow(day: result.plan.sessions[i].day + look.ageDays, look) + "\n" }
        }
        var followUps = FadeReportFiles.sessionsHeader + "\n"
        for f in outlook.followUps { for look in f.sessions { followUps += Self.plainSessionRow(day: f.day, look) + "\n" } }
        #expect(outlook.curves.joined().count > 300)
        #expect(FadeReportFiles.curvesCSV(result, outlook) == Array(curves.utf8))
        #expect(FadeReportFiles.sessionsCSV(outlook) == Array(followUps.utf8))
    }
}
