import Fading
import Foundation
@testable import Plans
import SkinOptics
import Testing

@Suite("A plan typed when read: names resolved with file:line, each limit declared once")
struct PlanLimitsTests {
    let reader = PlanReader()

    static func plan(client: String = "norwood: V", session: String = "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6") -> String {
        "name: p\nclient:\n  \(client)\ndesign: {target_density_per_cm2: 110}\nsessions:\n  - {\(session)}\n"
    }

    static var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    @Test("an unknown skin, pigment or hair colour is a reader error naming file, line, field and the known names",
          arguments: [("norwood: V\n  skin: monk-12", "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6",
                       "p.yaml:4: field 'client.skin': unknown skin preset 'monk-12'", "monk-10"),
                      ("norwood: V", "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6, pigment: unobtainium",
                       "p.yaml:6: field 'sessions[0].pigment': unknown pigment 'unobtainium'", "carbon-black"),
                      ("norwood: V\n  hair_colour: purple", "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6",
                       "p.yaml:4: field 'client.hair_colour': unknown hair colour 'purple'", "dark-brown")])
    func unknownNames(client: String, session: String, prefix: String, known: String) throws {
        do {
            _ = try reader.parse(Self.plan(client: client, session: session), file: "p.yaml")
            Issue.record("accepted: \(prefix)")
        } catch {
            #expect(error.description.hasPrefix(prefix), "\(error)")
            #expect(error.description.contains(known), "lists the known names: \(error)")
        }
    }

    @Test("names resolve to typed values, leniently spelled: the preset, the pigment, the hair colour's Lab")
    func resolvedValues() throws {
        let plan = try reader.parse(Self.plan(client: "norwood: V\n  skin: Fitzpatrick IV\n  hair_colour: Dark-Brown",
                                              session: "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6, pigment: Warm-Brown"),
                                    file: "p.yaml")
        let vocabulary = try PlanVocabulary.located.get()
        #expect(plan.client.skin == (try vocabulary.skins.preset(named: "fitzpatrick-4")))
        #expect(plan.sessions[0].pigment == (try vocabulary.pigments.pigment(named: "warm-brown")))
        #expect(plan.client.hairColour?.lab == (try vocabulary.hair.lab(named: "dark-brown")))
        #expect(plan.client.hairColour?.name == "Dark-Brown", "the name as written is kept for the report")
    }

    /// Each limit the reader checks, just inside and just outside each end.
    static var limitedFields: [(field: String, write: (Double) -> String, range: (PlanLimits) -> PhysicalRange)] { [
        ("sessions[0].depth_mm", { plan(session: "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: \($0)") }, { $0.depthMM }),
        ("sessions[0].dilution", { plan(session: "day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6, dilution: \($0)") }, { _ in PlanLimits.dilution }),
        ("sessions[0].needle_mm", { plan(session: "day: 0, fraction_of_target: 1, needle_mm: \($0), depth_mm: 0.6") }, { _ in PlanLimits.needleMM }),
        ("client.hair_colour.a", { plan(client: "norwood: V\n  hair_colour: {L: 30, a: \($0), b: 5}") }, { _ in PlanLimits.hairAB }),
        ("client.hair_colour.L", { plan(client: "norwood: V\n  hair_colour: {L: \($0), a: 3, b: 5}") }, { _ in PlanLimits.hairL }),
    ] }

    @Test("the reader accepts exactly what the declared limit accepts, and says the limit when it refuses", arguments: 0..<5)
    func readerEnforcesTheDeclaration(_ index: Int) throws {
        let (field, write, range) = Self.limitedFields[index]
        let limit = range(try reader.limits())
        let step = 1e-6
        for value in [limit.lower - step, limit.lower, limit.lower + step, limit.upper - step, limit.upper, limit.upper + step] {
            let result = Result { () throws(PlanError) in try reader.parse(write(value), file: "p.yaml") }
            if limit.contains(value) {
                #expect((try? result.get()) != nil, "\(field) = \(value) refused: \(result)")
            } else {
                #expect(throws: PlanError.self, "\(field) = \(value) accepted") { try result.get() }
                if case .failure(let error) = result {
                    #expect(error.description.contains("field '\(field)': expected a number \(limit.expectation), found"), "\(error)")
                }
            }
        }
    }

    @Test("one declaration: the reader, the optics and the fade model use the skin model's needle depths and epidermis")
    func oneDeclaration() throws {
        let root = try DataLibrary.locate().root
        let constants = try SkinModelConstants(dataDirectory: root)
        let vocabulary = try PlanVocabulary.located.get()
        let limits = try reader.limits()
        #expect(limits.physical == constants.limits)
        // The depths Data/skin/model.json names: (epidermisThicknessMM, maxPigmentDepthMM].
        #expect(limits.depthMM == PhysicalRange(constants.epidermisThicknessMM...constants.maxPigmentDepthMM, lowerIsOpen: true, unit: " mm"))
        let evaluator = PigmentedSkinEvaluator(skin: try SkinModel(parameters: vocabulary.skins.presets[0].parameters, basis: vocabulary.skins.basis),
                                               pigment: vocabulary.pigments.pigments[0])
        #expect(evaluator.depthRange == limits.depthMM.closed, "the optics' depths")
        let fades = try FadeLibrary(dataDirectory: root)
        #expect(fades.limits == limits.physical, "the fade code's depths")
        #expect(try fades.setup(model: .bi).needleDepthMM == limits.depthMM)
        #expect(fades.depth.epidermisMM == constants.epidermisThicknessMM, "one epidermis for optics and fading")
        #expect(FadeLibrary.builtIn.depth.epidermisMM == constants.epidermisThicknessMM, "the compiled-in fade defaults agree with the data")
        // The fade timeline refuses what the reader refuses.
        let setup = try fades.setup(model: .bi)
        #expect(throws: FadeError.self) { try FadeTimeline.evaluate(model: setup, depthMM: limits.depthMM.upper.nextUp, days: [0]) }
        #expect(throws: FadeError.self) { try FadeTimeline.evaluate(model: setup, depthMM: limits.depthMM.lower, days: [0]) }
        #expect((try? FadeTimeline.evaluate(model: setup, depthMM: limits.depthMM.upper, days: [0])) != nil)
        // The optics refuse the dilutions the reader refuses.
        #expect(throws: SkinOpticsError.self) { try evaluator.lab(depthMM: 0.6, dilution: PlanLimits.dilution.lower, doseMgPerCm2: 1) }
        #expect(throws: SkinOpticsError.self) { try evaluator.lab(depthMM: 0.6, dilution: PlanLimits.dilution.upper.nextUp, doseMgPerCm2: 1) }
        // No data file holds a second epidermis: models.json has none since the merge.
        let models = try String(contentsOf: root.appendingPathComponent("fade/models.json"), encoding: .utf8)
        #expect(!models.contains("epidermisMM"))
    }

    @Test("docs/plan-schema.md's limits table is PlanLimits.markdownTable")
    func documentedTable() throws {
        let doc = try String(contentsOf: Self.repository.appendingPathComponent("docs/plan-schema.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "<!-- limits-table: generated from PlanLimits.markdownTable; PlanLimitsTests checks it -->\n"))
        let end = try #require(doc.range(of: "<!-- end limits-table -->"))
        let table = String(doc[start.upperBound..<end.lowerBound])
        let expected = try reader.limits().markdownTable
        if ProcessInfo.processInfo.environment["STIPPLE_WRITE_DOCS"] == "1", table != expected {
            try (doc.replacingCharacters(in: start.upperBound..<end.lowerBound, with: expected))
                .write(to: Self.repository.appendingPathComponent("docs/plan-schema.md"), atomically: true, encoding: .utf8)
        }
        #expect(table == expected, "regenerate with STIPPLE_WRITE_DOCS=1 swift test --filter PlanLimitsTests")
    }

    @Test("the defaults a plan leaves out are PlanDefaults")
    func defaults() throws {
        let plan = try reader.parse(Self.plan(), file: "p.yaml")
        #expect(plan.client.skin.name == PlanDefaults.skin && plan.sessions[0].pigment.name == PlanDefaults.pigment)
        #expect(plan.sessions[0].dilution == PlanDefaults.dilution && plan.seed == PlanDefaults.seed)
        #expect(plan.client.nativeHairDensity == PlanDefaults.nativeHairDensity && plan.client.headCircumferenceMM == PlanDefaults.headCircumferenceMM)
    }
}
