import Foundation
import StippleTestSupport
import Testing

@Suite("stipple color, color delta-e and skin from the command line")
struct ColorCommandTests {
    static let query = ["color", "--pigment", "carbon-black", "--dilution", "0.6", "--depth", "0.7", "--skin", "monk-5"]

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)")
    }

    static func number(_ dict: [String: Any], _ key: String) -> Double? { (dict[key] as? NSNumber)?.doubleValue }

    @Test("color prints the pigmented and bare skin's Lab and hex, ΔE00, ΔL*, undertone and blur")
    func colorText() throws {
        let r = try CLIRunner.run(Self.query)
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["carbon-black", "monk-5", "pigmented", "skin", "ΔE00 vs skin", "ΔL*", "undertone", "blur radius"] {
            #expect(r.stdout.contains(word), "'\(word)' missing from:\n\(r.stdout)")
        }
        #expect(r.stdout.matches(of: /#[0-9a-f]{6}/).count == 3, "pigmented, as seen and skin")
        #expect(r.stdout.contains(/undertone +(cool|neutral|warm)/))
        let again = try CLIRunner.run(Self.query)
        #expect(again.stdout == r.stdout, "output must be deterministic")
    }

    @Test("color --json: keys, Lab objects, darker than the skin, positive ΔE00, inputs echoed")
    func colorJSON() throws {
        let r = try CLIRunner.run(Self.query + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        for key in ["lab", "skin_lab", "hex", "skin_hex", "delta_e00", "delta_L", "undertone", "clipped", "blur_radius_mm",
                    "pigment", "skin", "dilution", "depth_mm", "dose_mg_per_cm2"] {
            #expect(j[key] != nil, "missing key \(key)")
        }
        let lab = try #require(j["lab"] as? [String: Any]), skin = try #require(j["skin_lab"] as? [String: Any])
        #expect(Set(lab.keys) == ["L", "a", "b"] && Set(skin.keys) == ["L", "a", "b"])
        let spotL = try #require(Self.number(lab, "L")), skinL = try #require(Self.number(skin, "L"))
        #expect(spotL < skinL)
        #expect(try #require(Self.number(j, "delta_e00")) > 0)
        #expect(abs(try #require(Self.number(j, "delta_L")) - (spotL - skinL)) < 2e-4)
        #expect(["cool", "neutral", "warm"].contains(j["undertone"] as? String ?? ""))
        #expect((j["hex"] as? String)?.wholeMatch(of: /#[0-9a-f]{6}/) != nil)
        #expect(j["clipped"] is Bool)
        #expect(j["pigment"] as? String == "carbon-black" && j["skin"] as? String == "monk-5")
        #expect(Self.number(j, "dilution") == 0.6 && Self.number(j, "depth_mm") == 0.7)
        // Written by JSONEncoder with sorted keys: the order is stable and alphabetical.
        let order = ["blur_radius_mm", "clipped", "delta_L", "delta_e00", "depth_mm", "dilution", "pigment", "undertone"]
            .map { r.stdout.range(of: "\"\($0)\"")!.lowerBound }
        #expect(order == order.sorted(), "keys not sorted:\n\(r.stdout)")
    }

    @Test("deeper pigment is less visible: ΔE00 falls with depth (0.3 → 0.7 → 1.5 mm)")
    func deeperIsFainter() throws {
        var values: [Double] = []
        for depth in ["0.3", "0.7", "1.5"] {
            let r = try CLIRunner.run(["color", "--depth", depth, "--skin", "monk-5", "--dilution", "0.6", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            values.append(try #require(Self.number(try Self.json(r.stdout), "delta_e00")))
        }
        #expect(values[0] > values[1] && values[1] > values[2], "\(values)")
    }

    /// Sharma, Wu & Dalal (2005) pairs from the shipped table: (pair, L1…b2, ΔE00).
    static func sharma(_ pairs: [Int]) throws -> [(row: String, expected: Double)] {
        let text = try String(contentsOf: CLIRunner.repository.appendingPathComponent("Data/cie/ciede2000_sharma2005.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        return pairs.map { n in
            let f = rows[n - 1]
            return (f[1...6].joined(separator: ","), Double(f[7])!)
        }
    }

    @Test("delta-e reproduces published Sharma 2005 ΔE00 to 1e-4; header echoed with de00")
    func deltaESharma() throws {
        let dir = try CLIRunner.scratch("de-sharma")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pairs = try Self.sharma([1, 7, 13, 17, 24, 25, 34])
        let csv = dir.appendingPathComponent("pairs.csv")
        try Data(("L1,a1,b1,L2,a2,b2\n" + pairs.map(\.row).joined(separator: "\n") + "\n").utf8).write(to: csv)
        let r = try CLIRunner.run(["color", "delta-e", csv.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == pairs.count + 1)
        #expect(lines.first == "L1,a1,b1,L2,a2,b2,de00")
        for (line, pair) in zip(lines.dropFirst(), pairs) {
            #expect(line.hasPrefix(pair.row + ","), "input echoed verbatim: \(line)")
            let de = try #require(Double(line.split(separator: ",").last!))
            #expect(abs(de - pair.expected) < 1e-4, "\(line) vs \(pair.expected)")
            #expect(line.split(separator: ",").last!.split(separator: ".").last!.count == 6, "6 decimals")
        }
        // Without a header there is no header in the output; --out gets the same bytes.
        try Data((pairs.map(\.row).joined(separator: "\n")).utf8).write(to: csv)
        let out = dir.appendingPathComponent("out.csv")
        let bare = try CLIRunner.run(["color", "delta-e", csv.path, "--out", out.path])
        #expect(bare.status == 0 && bare.stdout.isEmpty, "\(bare.stderr)")
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written == lines.dropFirst().joined(separator: "\n") + "\n")
        #expect(CLIRunner.files(in: dir) == ["out.csv", "pairs.csv"], "no temporary files left")
    }

    @Test("a bad row stops the run with FILE:LINE, exit 1, nothing written to --out")
    func badRowStops() throws {
        let dir = try CLIRunner.scratch("de-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("bad.csv")
        try Data("L1,a1,b1,L2,a2,b2\n50,1,2,50,1,3\n\n50,1,2,50,1\n60,1,2,60,1,3\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("out.csv")
        let r = try CLIRunner.run(["color", "delta-e", csv.path, "--out", out.path])
        #expect(r.status == 1)
        #expect(r.stderr == "stipple: error: \(csv.path):4: expected 6 numbers L1,a1,b1,L2,a2,b2, found 5 fields: '50,1,2,50,1'\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(CLIRunner.files(in: dir) == ["bad.csv"])
    }

    @Test("--skip-bad-rows reports each bad line, writes the good rows and exits 2")
    func skipBadRows() throws {
        let dir = try CLIRunner.scratch("de-skip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("bad.csv")
        try Data("50,1,2,50,1,3\nfoo,1,2,3,4,5\n50,1,2,50,1,inf\n120,0,0,0,0,0\n60,1,2,60,1,3\n".utf8).write(to: csv)
        let out = dir.appendingPathComponent("out.csv")
        let r = try CLIRunner.run(["color", "delta-e", csv.path, "--out", out.path, "--skip-bad-rows"])
        #expect(r.status == 2)
        for line in 2...4 { #expect(r.stderr.contains("\(csv.path):\(line): expected 6 numbers"), "line \(line): \(r.stderr)") }
        #expect(r.stderr.contains("L1 = 120, outside 0–100"))
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 2 && rows[0].hasPrefix("50,1,2,50,1,3,") && rows[1].hasPrefix("60,1,2,60,1,3,"))
    }

    @Test("delta-e: empty file, header only, missing file and out-of-range Lab are clear errors")
    func deltaEBadFiles() throws {
        let dir = try CLIRunner.scratch("de-files")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String, String)] = [
            ("empty.csv", "", "no data rows"),
            ("header.csv", "L1,a1,b1,L2,a2,b2\n", "no data rows"),
            ("range.csv", "50,1,2,50,1,3\n50,250,0,50,0,0\n", "range.csv:2: expected 6 numbers L1,a1,b1,L2,a2,b2, found a1 = 250, outside −200–200"),
            ("negL.csv", "-1,0,0,50,0,0\n", "negL.csv:1: expected 6 numbers L1,a1,b1,L2,a2,b2, found L1 = -1, outside 0–100"),
        ]
        for (name, text, message) in cases {
            let file = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let r = try CLIRunner.run(["color", "delta-e", file.path])
            #expect(r.status == 1 && r.stdout.isEmpty, "\(name)")
            #expect(r.stderr.hasPrefix("stipple: error: ") && r.stderr.contains(message), "\(name): \(r.stderr)")
        }
        let missing = try CLIRunner.run(["color", "delta-e", dir.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 1 && missing.stderr.contains("nope.csv: cannot read file"))
    }

    /// Bad arguments to `stipple color`: non-zero exit and a message with the valid choices or range.
    static let badQueries: [(label: String, args: [String], mentions: [String])] = [
        ("unknown pigment", ["--pigment", "india-ink", "--depth", "0.7"], ["unknown pigment 'india-ink'", "carbon-black"]),
        ("unknown skin", ["--skin", "monk-12", "--depth", "0.7"], ["unknown skin preset 'monk-12'", "monk-1", "fitzpatrick-6"]),
        ("zero depth", ["--depth", "0"], ["--depth: 0.0 mm", "greater than 0.07 and at most 2 mm"]),
        ("negative depth", ["--depth=-0.5"], ["--depth: -0.5 mm", "at most 2 mm"]),
        ("too deep", ["--depth", "2.5"], ["--depth: 2.5 mm is outside the modelled needle depths", "at most 2 mm"]),
        ("inside epidermis", ["--depth", "0.05"], ["--depth: 0.05 mm is outside the modelled needle depths", "greater than 0.07"]),
        ("zero dilution", ["--depth", "0.7", "--dilution", "0"], ["--dilution", "(0, 1]"]),
        ("dilution above 1", ["--depth", "0.7", "--dilution", "1.5"], ["--dilution 1.5", "(0, 1]"]),
        ("negative dose", ["--depth", "0.7", "--dose=-1"], ["--dose", "more than 0"]),
        ("dose above the modelled range", ["--depth", "0.7", "--dose", "25"], ["--dose 25", "at most 20"]),
        ("unknown deposit", ["--depth", "0.7", "--deposit", "splash"], ["--deposit", "needle-track", "deep"]),
        ("needle too wide", ["--depth", "0.7", "--needle-mm", "0.9"], ["--needle-mm 0.9", "0.1–0.6 mm"]),
        ("needle too fine", ["--depth", "0.7", "--needle-mm", "0.05"], ["--needle-mm 0.05", "0.1–0.6 mm"]),
        ("unknown grouping", ["--depth", "0.7", "--grouping", "9RL"], ["--grouping '9RL'", "1RL, 3RL, 5RL"]),
    ]

    @Test("bad color arguments fail with the valid range or the known names", arguments: badQueries.indices)
    func badQuery(_ index: Int) throws {
        let bad = Self.badQueries[index]
        let r = try CLIRunner.run(["color"] + bad.args)
        #expect(r.status == 1, "\(bad.label) should fail with exit 1, got \(r.status)")
        #expect(r.stdout.isEmpty)
        for word in bad.mentions { #expect(r.stderr.contains(word), "\(bad.label): '\(word)' not in \(r.stderr)") }
    }

    @Test("skin --tone monk-7: fitted parameters, model vs target colour, residual and ITA class")
    func skinTone() throws {
        let text = try CLIRunner.run(["skin", "--tone", "monk-7"])
        #expect(text.status == 0, "\(text.stderr)")
        for word in ["monk-7", "melanin fraction", "blood fraction", "scattering scale", "pheomelanin share", "model", "target",
                     "#825c43", "fit residual ΔE00", "ITA°", "brown", "de Rigal", "target basis"] {
            #expect(text.stdout.contains(word), "'\(word)' missing:\n\(text.stdout)")
        }
        let r = try CLIRunner.run(["skin", "--tone", "Monk 7", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r.stdout)
        #expect(j["name"] as? String == "monk-7")
        let p = try #require(j["parameters"] as? [String: Any])
        #expect(Set(p.keys) == ["melanin_fraction", "blood_fraction", "scattering_scale", "pheomelanin_share"])
        #expect(j["swatch_hex"] as? String == "#825c43", "Monk 7 swatch (display label)")
        #expect((j["basis"] as? String)?.contains("de Rigal") == true && j["melanin_class"] as? String == "dark")
        let residual = try #require(Self.number(j, "residual_delta_e00"))
        #expect(residual >= 0 && residual < 3)
        let bounds = try #require(j["bounds"] as? [String: [Double]])
        #expect(Set(bounds.keys) == Set(p.keys) && bounds["blood_fraction"] == [0.002, 0.02])
        let atBound = try #require(j["at_bound"] as? [String])
        #expect(atBound.allSatisfy { p.keys.contains($0) })
        let measured = try #require(j["measured_lab"] as? [String: Any])
        let ita = try #require(Self.number(j, "ita_deg"))
        #expect(ita > -30 && ita <= 10 && j["ita_class"] as? String == "brown", "ITA \(ita)")
        let model = try #require(j["model_lab"] as? [String: Any]), target = try #require(j["target_lab"] as? [String: Any])
        #expect(abs(Self.number(model, "L")! - Self.number(target, "L")!) < 4)
        #expect(abs(Self.number(measured, "L")! - Self.number(target, "L")!) < 1, "as read by the instrument")
    }

    @Test("skin --list lists all 18 presets with residuals; bad skin arguments fail")
    func skinList() throws {
        let r = try CLIRunner.run(["skin", "--list"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 19 && lines[0].contains("residual"))
        #expect(lines.dropFirst().map { $0.split(separator: " ")[0] } == (1...10).map { "monk-\($0)" } + (1...6).map { "fitzpatrick-\($0)" }
            + ["caucasian-forehead", "chinese-forehead"])
        let unknown = try CLIRunner.run(["skin", "--tone", "monk-0"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown skin preset 'monk-0'") && unknown.stderr.contains("monk-10"))
        let neither = try CLIRunner.run(["skin"])
        #expect(neither.status != 0 && neither.stderr.contains("--tone"))
    }
}
