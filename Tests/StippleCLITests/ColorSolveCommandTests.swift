import Foundation
import StippleTestSupport
import Testing

@Suite("stipple color solve")
struct ColorSolveCommandTests {
    @Test("JSON: the chosen pigment, dilution and depth within the recommended range, the colours and the runners-up")
    func json() throws {
        let r = try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "dark-brown", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try ColorCommandTests.json(r.stdout)
        for key in ["pigment", "dilution", "depth_mm", "lab", "hex", "hair_lab", "delta_e00_to_hair", "delta_e00_to_skin", "undertone",
                    "skin", "skin_lab", "depth_range_mm", "dose_mg_per_cm2", "runners_up", "faded_lab", "faded_delta_e00_to_hair",
                    "drift_delta_e00", "horizon_days", "passes"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        let depth = try #require(ColorCommandTests.number(j, "depth_mm")), dilution = try #require(ColorCommandTests.number(j, "dilution"))
        #expect(depth >= 0.4 && depth <= 0.8 && dilution > 0 && dilution <= 1)
        let runners = try #require(j["runners_up"] as? [[String: Any]])
        #expect(runners.count == 2)
        // Dark-brown hair on monk-4: the choice passes the review's colour and fading thresholds.
        #expect(j["passes"] as? Bool == true && ColorCommandTests.number(j, "horizon_days") == 730)
        #expect(ColorCommandTests.number(j, "drift_delta_e00")! < 3)
        // At healing alone (--horizon-days 0) the answers are ranked by ΔE00 to the hair.
        let plain = try ColorCommandTests.json(try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "dark-brown", "--json", "--horizon-days", "0"]).stdout)
        let best = try #require(ColorCommandTests.number(plain, "delta_e00_to_hair"))
        for runner in try #require(plain["runners_up"] as? [[String: Any]]) { #expect(ColorCommandTests.number(runner, "delta_e00_to_hair")! >= best) }
        #expect(plain["faded_lab"] == nil && best <= ColorCommandTests.number(j, "delta_e00_to_hair")!)
        // Deterministic: the same query prints the same bytes.
        #expect(try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "dark-brown", "--json"]).stdout == r.stdout)
    }

    @Test("text output names the target, the searched range and the answer; explicit Lab and a pigment list work")
    func text() throws {
        let r = try CLIRunner.run(["color", "solve", "--skin", "fitzpatrick-IV", "--hair", "28,4,7", "--pigments", "warm-brown", "--depth-range", "0.3:0.9"])
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["closest healed colour to hair 28,4,7", "fitzpatrick-4", "0.30–0.90 mm", "warm-brown, dilution", "ΔE00 to hair"] {
            #expect(r.stdout.contains(word), "'\(word)' missing:\n\(r.stdout)")
        }
        #expect(!r.stdout.contains("runners-up"))
    }

    @Test("white hair: no choice passes, and the output says why in plain words")
    func whiteHair() throws {
        let r = try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "white"])
        #expect(r.status == 0 && r.stdout.contains("NO CHOICE PASSES THE REVIEW: no pigment, dilution and needle depth"), "\(r.stdout)")
        #expect(r.stdout.contains("SMP pigment only darkens skin"))
        let j = try ColorCommandTests.json(try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "white", "--json"]).stdout)
        #expect(j["passes"] as? Bool == false && (j["explanation"] as? String)?.isEmpty == false)
    }

    static let bad: [(args: [String], mentions: [String])] = [
        (["--hair", "ginger"], ["--hair", "unknown hair colour 'ginger'", "dark-brown"]),
        (["--hair", "dark-brown", "--skin", "monk-12"], ["--skin", "monk-10"]),
        (["--pigments", ",,"], ["--pigments", "empty", "carbon-black"]),
        (["--pigments", "ink"], ["--pigments", "unknown pigment 'ink'"]),
        (["--depth-range", "0.5:3"], ["--depth-range", "outside", "at most 2 mm"]),
        (["--depth-range", "0.8:0.4"], ["--depth-range", "LO < HI"]),
        (["--hair", "120,0,0"], ["--hair", "L* from 0 to 100"]),
        (["--horizon-days", "4000"], ["--horizon-days", "0–3650"]),
    ]

    @Test("bad input names the option and the valid values, exit 1", arguments: bad.indices)
    func badInput(_ index: Int) throws {
        let r = try CLIRunner.run(["color", "solve", "--skin", "monk-4", "--hair", "dark-brown"] + Self.bad[index].args)
        #expect(r.status == 1 && r.stdout.isEmpty, "\(Self.bad[index].args): \(r.status)")
        for word in Self.bad[index].mentions { #expect(r.stderr.contains(word), "'\(word)' not in \(r.stderr)") }
    }
}
