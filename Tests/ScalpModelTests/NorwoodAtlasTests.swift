import Foundation
import Testing
@testable import ScalpModel

@Suite("Norwood atlas")
struct NorwoodAtlasTests {
    @Test("every stage loads and builds a map with residual hair in 0…1")
    func everyStageLoads() throws {
        for stage in NorwoodStage.allCases {
            let map = try Fixtures.map(stage)
            #expect(map.residualHair.values.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(zip(map.residualHair.values, map.scalp.values).allSatisfy { $0 <= $1 + 1e-6 })
            #expect(map.baldAreaCM2 >= 0)
        }
        #expect(try Fixtures.map(.i).baldAreaCM2 < 1)
        #expect(try Fixtures.map(.vii).baldAreaCM2 > 250)
    }

    @Test("bald area grows monotonically with stage in each series (strictly, by ≥ 5 cm² per step)",
          arguments: [NorwoodStage.classicSeries, [NorwoodStage.i] + NorwoodStage.anteriorSeries])
    func monotone(series: [NorwoodStage]) throws {
        let areas = try series.map { try Fixtures.map($0).baldAreaCM2 }
        for k in 1..<areas.count {
            #expect(areas[k] >= areas[k - 1] + 5, "\(series[k - 1].rawValue) \(areas[k - 1]) → \(series[k].rawValue) \(areas[k])")
        }
    }

    @Test("stage IV keeps a bridge of hair between frontal and crown loss; in VI it is gone")
    func bridge() throws {
        let iv = try Fixtures.map(.iv), vi = try Fixtures.map(.vi)
        let s = Fixtures.chart.referenceScale
        let bridgeY = 122 * s, crownY = 172 * s
        #expect(iv.residualHair.value(x: 0, y: bridgeY) > 0.9)
        #expect(iv.residualHair.value(x: 0, y: crownY) < 0.1)
        #expect(vi.residualHair.value(x: 0, y: bridgeY) < 0.1)
    }

    @Test("VII leaves a horseshoe: hair low at the back and sides, none on top")
    func horseshoe() throws {
        let vii = try Fixtures.map(.vii)
        let b = Fixtures.chart.bounds
        #expect(vii.residualHair.value(x: 0, y: b.maxY - 5) > 0.9)
        #expect(vii.residualHair.value(x: b.maxX - 5, y: Fixtures.chart.glabellaRadius) > 0.9)
        #expect(vii.residualHair.value(x: 0, y: Fixtures.chart.glabellaRadius) < 0.05)
    }

    static func stagesJSON(patch: String) -> Data {
        let stages = NorwoodStage.allCases.map { s in
            s == .v ? "{\"stage\": \"V\", \"patches\": [\(patch)]}" : "{\"stage\": \"\(s.rawValue)\"}"
        }.joined(separator: ",")
        return Data("""
        {"native_hairline": {"height_above_brow_mm": 70, "shape": "rounded", "softness_mm": 4}, "stages": [\(stages)]}
        """.utf8)
    }

    @Test("malformed stage data gives a typed error naming file, stage, field and expectation")
    func malformed() {
        let data = Self.stagesJSON(patch: "{\"center_mm\": [0, 160], \"radii_mm\": [40, -3]}")
        do {
            _ = try NorwoodAtlas.loadStages(data)
            Issue.record("expected malformedData")
        } catch {
            #expect(error.description
                == "norwood/stages.json: stage \"V\": field \"patches[0].radii_mm\" expected two positive numbers")
        }
        #expect(throws: ScalpModelError.self) { try NorwoodAtlas.loadStages(Self.stagesJSON(patch: "{\"center_mm\": [0, 160], \"radii_mm\": [40, 30], \"loss\": 1.5}")) }
        #expect(throws: ScalpModelError.self) { try NorwoodAtlas.loadStages(Data("{not json".utf8)) }
    }

    @Test("missing stages and unknown stage names are reported")
    func missingOrUnknown() {
        let onlyI = Data("{\"native_hairline\": {\"height_above_brow_mm\": 70, \"shape\": \"rounded\", \"softness_mm\": 4}, \"stages\": [{\"stage\": \"I\"}]}".utf8)
        do { _ = try NorwoodAtlas.loadStages(onlyI); Issue.record("expected error") } catch {
            #expect(error.description.contains("missing \"II\""))
        }
        let bogus = Data("{\"native_hairline\": {\"height_above_brow_mm\": 70, \"shape\": \"rounded\", \"softness_mm\": 4}, \"stages\": [{\"stage\": \"IX\"}]}".utf8)
        do { _ = try NorwoodAtlas.loadStages(bogus); Issue.record("expected error") } catch {
            #expect(error.description.contains("stages[0].stage"))
        }
    }

    @Test("a missing data directory is a typed unreadable-file error naming the file")
    func missingDirectory() {
        do {
            _ = try NorwoodAtlas.load(from: URL(fileURLWithPath: "/nonexistent/norwood"))
            Issue.record("expected error")
        } catch {
            #expect(error.description.hasPrefix("norwood/regions.json"))
        }
    }
}
