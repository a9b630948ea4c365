import Foundation
@testable import ScalpModel
import Testing

/// Ludwig and Savin stages: parsing, and the shape rules the female pattern must keep.
@Suite("Hair-loss scales: Ludwig and Savin")
struct HairLossScaleTests {
    static func map(_ stage: HairLossStage) throws -> ScalpMap {
        try ScalpMap(chart: Fixtures.chart, atlas: Fixtures.atlas, hairLoss: stage, hairline: HairlineDesign())
    }
    static let ludwigSeries: [HairLossStage] = LudwigStage.allCases.map { .ludwig($0) }
    static let savinSeries: [HairLossStage] = SavinStage.centralSeries.map { .savin($0) }
    static let female: [HairLossStage] = ludwigSeries + SavinStage.allCases.map { .savin($0) }

    @Test("stage names parse leniently on their own scale", arguments: [
        (HairLossScale.ludwig, "II", HairLossStage.ludwig(.ii)), (.ludwig, "2", .ludwig(.ii)), (.ludwig, "iii", .ludwig(.iii)),
        (.ludwig, "Ludwig I", .ludwig(.i)), (.ludwig, "grade 3", .ludwig(.iii)),
        (.savin, "I-1", .savin(.i1)), (.savin, "i1", .savin(.i1)), (.savin, "1-3", .savin(.i3)), (.savin, "II 2", .savin(.ii2)),
        (.savin, "III", .savin(.iii)), (.savin, "3", .savin(.iii)), (.savin, "Advanced", .savin(.advanced)),
        (.savin, "FRONTAL", .savin(.frontal)), (.norwood, "5a", .norwood(.va)), (.norwood, "III vertex", .norwood(.iiiVertex)),
    ])
    func lenient(scale: HairLossScale, text: String, expected: HairLossStage) {
        #expect(HairLossStage(scale: scale, parsing: text) == expected)
    }

    @Test("every stage name reads back as itself, and Savin I-1, II-1 and III stay distinct")
    func roundTrip() {
        for scale in HairLossScale.allCases {
            for name in scale.stageNames { #expect(HairLossStage(scale: scale, parsing: name)?.name == name) }
        }
        #expect(Set(["I-1", "II-1", "III", "I-2", "II-2"].compactMap { HairLossStage(scale: .savin, parsing: $0) }).count == 5)
    }

    @Test("a stage of another scale, or no stage, is unknown; the error lists the scale's stages",
          arguments: [(HairLossScale.ludwig, "IV"), (.ludwig, "I-1"), (.ludwig, "V"), (.savin, "I-5"), (.savin, "IV"),
                      (.savin, "II"), (.savin, ""), (.norwood, "frontal")])
    func unknown(scale: HairLossScale, text: String) {
        #expect(HairLossStage(scale: scale, parsing: text) == nil)
        #expect(throws: ScalpModelError.unknownScaleStage(scale: scale.rawValue, text: text)) {
            try HairLossStage.parse(scale: scale, text)
        }
        let message = ScalpModelError.unknownScaleStage(scale: scale.rawValue, text: text).description
        #expect(message.contains(scale.stageNames.last!))
    }

    @Test("the atlas defines every Ludwig and Savin stage")
    func atlasComplete() throws {
        for stage in Self.female { _ = try Fixtures.atlas.pattern(stage) }
        #expect(Fixtures.atlas.femalePatterns.count == LudwigStage.allCases.count + SavinStage.allCases.count)
    }

    @Test("the treated area grows with the stage along each series")
    func treatedAreaGrows() throws {
        for series in [Self.ludwigSeries, Self.savinSeries] {
            let areas = try series.map { try Self.map($0).treatedAreaCM2 }
            for k in 1..<areas.count { #expect(areas[k] > areas[k - 1] + 5, "\(series[k].label): \(areas)") }
        }
        // Savin I-1 is no loss at all: nothing to treat.
        #expect(try Self.map(.savin(.i1)).treatedAreaCM2 == 0)
        // Lost hair grows as well (a worse stage is worse).
        let lost = try Self.ludwigSeries.map { try Self.map($0).baldAreaCM2 }
        #expect(lost == lost.sorted() && Set(lost).count == lost.count)
    }

    @Test("the frontal hairline is kept: full hair and no treatment in the first 10 mm behind it", arguments: female)
    func frontalHairlineKept(stage: HairLossStage) throws {
        let m = try Self.map(stage)
        let native = try Self.map(.norwood(.i))
        // Cells of the native scalp whose distance behind the native hairline (chart y on the
        // same column) is under 10 mm of skin: ≤ 7.2 chart mm (chart compresses ≈ 0.72 at the front).
        var checked = 0
        for c in 0..<m.grid.width {
            var front: Int?
            for r in 0..<m.grid.height where native.scalp.values[r * m.grid.width + c] >= 0.5 { front = r; break }
            guard let r0 = front, abs(m.grid.center(column: c, row: r0).x) < 60 else { continue }
            for r in r0..<min(m.grid.height, r0 + 7) {
                let i = r * m.grid.width + c
                #expect(m.residualHair.values[i] >= native.residualHair.values[i] - 0.02, "\(stage.label) at column \(c)")
                #expect(m.treatment.values[i] < 0.01, "\(stage.label) treats the hairline band at column \(c)")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("thinning is partial, not bald, and matches residual_at_centre in the data file", arguments: female)
    func partialResidual(stage: HairLossStage) throws {
        let url = Fixtures.atlasDirectory.appendingPathComponent("female_stages.json")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let entries = try #require((doc["scales"] as? [String: Any])?[stage.scale.rawValue] as? [[String: Any]])
        let entry = try #require(entries.first { $0["stage"] as? String == stage.name })
        let stated = try #require(entry["residual_at_centre"] as? Double)
        let pattern = try Fixtures.atlas.pattern(stage)
        let m = try Self.map(stage)
        guard let first = pattern.patches.first else { #expect(stated == 1); return }
        let s = Fixtures.chart.referenceScale
        let residual = Double(m.residualHair.value(x: first.centerX * s, y: first.centerY * s))
        #expect(abs(residual - stated) < 0.03, "\(stage.label): model \(residual), data \(stated)")
        #expect(residual > 0.1 && residual < 0.95)
    }

    @Test("a female stage with a recession is rejected with the file, stage and field")
    func rejectsRecession() {
        let text = #"{"scales": {"ludwig": [{"stage": "I", "recession": {"midline_mm": 5}}], "savin": []}}"#
        #expect(throws: ScalpModelError.self) { try NorwoodAtlas.loadFemaleStages(Data(text.utf8)) }
        do { _ = try NorwoodAtlas.loadFemaleStages(Data(text.utf8)) } catch {
            #expect(error.description.contains("female_stages.json") && error.description.contains("ludwig stage \"I\""))
        }
        let missing = #"{"scales": {"ludwig": [{"stage": "I", "patches": []}], "savin": []}}"#
        do { _ = try NorwoodAtlas.loadFemaleStages(Data(missing.utf8)); Issue.record("accepted") } catch {
            #expect(error.description.contains("missing \"II\", \"III\""))
        }
    }
}
