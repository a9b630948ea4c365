@testable import Figures
import Foundation
import Impressions
@testable import Plans
import Rendering
import ScalpModel
@testable import Simulation
import SimulationFixtures
import StippleTestSupport
import Testing

@Suite("Simulation pipeline: layering, spacing, density, determinism")
struct SimulationTests {
    @Test("each session keeps every earlier dot and adds new ones")
    func layering() {
        let r = Fixtures.demo
        #expect(r.sessions.map(\.totalImpressions) == r.sessions.map(\.totalImpressions).sorted())
        var previous = 0
        for s in r.sessions {
            #expect(s.newImpressions > 0)
            #expect(s.totalImpressions == previous + s.newImpressions)
            let sessionsOfPrefix = Set(r.impressions.prefix(s.totalImpressions).map(\.session))
            #expect(sessionsOfPrefix == Set((1...s.number).map { UInt16($0) }))
            previous = s.totalImpressions
        }
    }

    @Test("no pair of dots, from any sessions, is closer than the spacing rule allows")
    func spacingRuleHolds() {
        for r in [Fixtures.demo, Fixtures.tooFast] {
            let violations = SpacingChecker(result: r).violations()
            #expect(violations == 0, "\(r.plan.name): \(violations) pairs closer than min(r(p), r(q))")
        }
    }

    @Test("the spacing checker itself catches a pair placed too close")
    func checkerCatchesViolation() {
        let r = Fixtures.demo
        var dots = r.impressions
        var intruder = dots[dots.count / 2]
        intruder.x += 0.01
        dots.append(intruder)
        let broken = SimulationResult(plan: r.plan, source: r.source, chart: r.chart, scalp: r.scalp, target: r.target,
                                      rule: r.rule, healing: r.healing, parallel: true, colours: r.colours, outlook: nil, impressions: dots, sessions: r.sessions)
        #expect(SpacingChecker(result: broken).violations() >= 1)
    }

    @Test("cumulative density lands within 3 % of fraction × design impressions")
    func densityWithinTolerance() {
        let r = Fixtures.demo
        let design = r.target.values.reduce(0.0) { $0 + Double($1) } * r.target.grid.cellAreaCM2
        for s in r.sessions {
            let expected = design * s.plan.fractionOfTarget
            let ratio = Double(s.totalImpressions) / expected
            #expect(abs(ratio - 1) < 0.03, "session \(s.number): \(s.totalImpressions) vs \(expected)")
        }
    }

    @Test("the too-much-too-fast plan merges dots the layered plan does not")
    func tooFastIsWorse() {
        let good = Fixtures.demo.sessions.last!.metrics.all
        let bad = Fixtures.tooFast.sessions.last!.metrics.all
        #expect(good.mergePairs == 0)
        #expect(bad.mergePairs > 1000)
        #expect(bad.nearestNeighbourMinMM! < good.nearestNeighbourMinMM!)
        #expect(bad.coveredFraction > 3 * good.coveredFraction)
        #expect(Fixtures.tooFast.sessions[0].healedDiameterMM > Fixtures.demo.sessions[0].healedDiameterMM)
    }

    /// Every file `simulate` writes for the demo plan, drawn once for the tests that read them.
    static let demoFiles = try! PlanOutputs.files(for: Fixtures.demo)

    @Test("same plan and seed give byte-identical files; another seed gives other dots")
    func determinism() throws {
        let plan = Fixtures.demo.plan
        let first = Self.demoFiles
        let second = try PlanOutputs.files(for: Fixtures.engine.simulate(plan, source: "demo"))
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) { #expect(a.bytes == b.bytes, "\(a.name) differs between runs") }
        var reseeded = plan
        reseeded.seed += 1
        // Only dots.csv is compared: the pictures of another seed need not be drawn.
        let other = try PlanOutputs.files(for: Fixtures.engine.simulate(reseeded, source: "demo"), selection: .init(images: .none, dots: true))
        #expect(other.first { $0.name == "dots.csv" }!.bytes != first.first { $0.name == "dots.csv" }!.bytes)
    }

    @Test("outputs: report schema, one CSV row per session × region, decodable PNGs")
    func outputs() throws {
        let r = Fixtures.demo
        let files = Self.demoFiles
        let names = Set(files.map(\.name))
        for n in 1...3 {
            #expect(names.contains("density_session\(n).png") && names.contains("dots_session\(n).png")
                    && names.contains("appearance_session\(n).png"))
        }
        let report = try JSONSerialization.jsonObject(with: Data(files.first { $0.name == "report.json" }!.bytes)) as! [String: Any]
        #expect(report["schema"] as? String == "stipple.report" && report["schema_version"] as? Int == 1)
        #expect((report["sessions"] as? [Any])?.count == 3)
        let csv = String(decoding: files.first { $0.name == "sessions.csv" }!.bytes, as: UTF8.self)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 1 + 3 * (r.scalp.regions.names.count + 1))
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == rows[0].split(separator: ",").count })
        let dots = String(decoding: files.first { $0.name == "dots.csv" }!.bytes, as: UTF8.self).split(separator: "\n")
        #expect(dots.count == 1 + r.impressions.count)
        #expect(dots[0] == "session,x_mm,y_mm,diameter_um,depth_mm")
        for file in files where file.name.hasSuffix(".png") {
            let decoded = try PNGCodec.decodeRGBA(file.bytes)
            // Head views are a wide strip of three views, the macro sheet two 640 × 480 panels;
            // every other picture is large both ways.
            let minHeight = file.name.hasPrefix("head_session") ? 400 : file.name.hasPrefix("macro_session") ? 600 : 800
            #expect(decoded.width > 800 && decoded.height > minHeight, "\(file.name) \(decoded.width)×\(decoded.height)")
        }
    }

    @Test("report carries each session's healed colour, contrast and undertone")
    func colourInReport() throws {
        let files = Self.demoFiles
        let report = try JSONSerialization.jsonObject(with: Data(files.first { $0.name == "report.json" }!.bytes)) as! [String: Any]
        let client = report["colour"] as! [String: Any]
        #expect(client["skin"] as? String == "monk-4")
        #expect((client["skin_lab"] as? [String: Any])?["L"] != nil)
        for session in report["sessions"] as! [[String: Any]] {
            let colour = session["colour"] as! [String: Any]
            let healed = colour["healed_lab"] as! [String: Double]
            let skin = client["skin_lab"] as! [String: Double]
            #expect(healed["L"]! < skin["L"]!, "pigmented skin must be darker than bare skin")
            #expect((colour["delta_e00_to_skin"] as! Double) > 0)
            #expect(["cool", "neutral", "warm"].contains(colour["undertone"] as! String))
            #expect((colour["healed_hex"] as! String).hasPrefix("#"))
            #expect(colour["delta_e00_to_hair"] is Double)
        }
    }

    @Test("unknown skin, pigment or hair colour names are the engine reader's errors at their line; a depth set after reading is still refused at its line")
    func unknownColourNames() throws {
        let text = try String(contentsOf: Fixtures.dataRoot.appendingPathComponent("plans/norwood-v-three-sessions.yaml"), encoding: .utf8)
        let reader = Fixtures.engine.planReader
        for (from, to, name, field) in [("pigment: carbon-black", "pigment: unobtainium", "unobtainium", "sessions[0].pigment"),
                                        ("skin: monk-4", "skin: monk-12", "monk-12", "client.skin"),
                                        ("hair_colour: dark-brown", "hair_colour: purple", "purple", "client.hair_colour")] {
            let bad = try #require(text.range(of: from).map { text.replacingCharacters(in: $0, with: to) }, "\(from) in the shipped plan")
            let at = try #require(bad.range(of: name))
            let line = bad[..<at.lowerBound].filter { $0 == "\n" }.count + 1
            do { _ = try reader.parse(bad, file: "p.yaml"); Issue.record("accepted \(to)") } catch {
                #expect(error.description.hasPrefix("p.yaml:\(line): field '\(field)'"), "the line of the name in the plan file: \(error)")
            }
        }
        var plan = try Fixtures.plan("norwood-v-three-sessions.yaml")
        plan.sessions[0].depthMM = 2.8
        do { _ = try Fixtures.engine.simulate(plan, source: "p.yaml"); Issue.record("accepted") } catch {
            let line = try #require(plan.locations[.session(0, .depth)])
            #expect(error.description.hasPrefix("p.yaml:\(line): field 'sessions[0].depth_mm'"), "\(error)")
        }
    }

    @Test("the Boolean-model coverage is close to the rasterised coverage at low density")
    func coverageAgreesWithBooleanModel() {
        let all = Fixtures.demo.sessions.last!.metrics.all
        #expect(abs(all.coveredFraction - all.booleanModelCoverage) / all.booleanModelCoverage < 0.05)
    }
}

/// Checks the spacing invariant with a bucket grid: every pair (p, q) must be at least
/// min(r(p), r(q)) apart, r taken from the plan's rule at the dot's cell.
struct SpacingChecker {
    let result: SimulationResult

    func violations() -> Int {
        let dots = result.impressions
        let radii = dots.map { result.rule.radiusMM(x: $0.x, y: $0.y, finalTarget: result.target) ?? 0 }
        let grid = result.target.grid
        // A violating pair (p, q) is closer than r(p), so searching each dot's own radius finds it.
        let size = 1.0
        let columns = Int((Double(grid.width) * grid.cellSize / size).rounded(.up)) + 1
        let rows = Int((Double(grid.height) * grid.cellSize / size).rounded(.up)) + 1
        func bucket(_ i: Int) -> (Int, Int) {
            (Int((dots[i].x - grid.minX) / size), Int((dots[i].y - grid.minY) / size))
        }
        // Counting sort of dot indices by bucket: flat arrays, no dictionaries.
        var start = [Int](repeating: 0, count: columns * rows + 1)
        for i in dots.indices { let (c, r) = bucket(i); start[r * columns + c + 1] += 1 }
        for k in 1..<start.count { start[k] += start[k - 1] }
        var fill = start, order = [Int](repeating: 0, count: dots.count)
        for i in dots.indices { let (c, r) = bucket(i); order[fill[r * columns + c]] = i; fill[r * columns + c] += 1 }
        var bad = 0
        for i in dots.indices {
            let (c, r) = bucket(i)
            let reach = Int((radii[i] / size).rounded(.up))
            for rr in max(0, r - reach)...min(rows - 1, r + reach) {
                for cc in max(0, c - reach)...min(columns - 1, c + reach) {
                    let b = rr * columns + cc
                    for k in start[b]..<start[b + 1] {
                        let j = order[k]
                        guard j > i else { continue }
                        let dx = dots[i].x - dots[j].x, dy = dots[i].y - dots[j].y
                        let limit = min(radii[i], radii[j])
                        if dx * dx + dy * dy < limit * limit * (1 - 1e-12) { bad += 1 }
                    }
                }
            }
        }
        return bad
    }
}
