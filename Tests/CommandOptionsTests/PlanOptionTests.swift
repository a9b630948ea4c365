import ArgumentParser
import Batch
import CommandOptions
import Figures
import Plans
import ScalpModel
import Testing

/// The plan commands' option types (`init`, `atlas`, `batch`).
@Suite("plan options")
struct PlanOptionTests {
    @Test("--stage accepts the Norwood stages as typed and refuses others, naming the option and the stages")
    func stage() throws {
        #expect(try NorwoodStageOption(argument: "III vertex").value() == "III vertex")
        #expect(try NorwoodStageOption(argument: "5a").value() == "5a")
        for bad in ["XI", "", "VIII"] {
            do {
                _ = try NorwoodStageOption(argument: bad).value()
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.option == "--stage" && error.message.contains("VII"))
            }
        }
    }

    @Test("--scale reads a hair-loss scale in any letter case; another word names the three scales")
    func scale() throws {
        #expect(try HairLossScaleOption(argument: "Ludwig").value() == .ludwig)
        #expect(throws: OptionError(option: "--scale", message: "unknown hair-loss scale 'olsen'; expected one of: norwood, ludwig, savin")) {
            try HairLossScaleOption(argument: "olsen").value()
        }
    }

    @Test("--template and --shard read their forms and refuse others")
    func templateAndShard() {
        #expect(PlanTemplate(argument: "ludwig-ii") == .ludwigII && PlanTemplate(argument: "demo") == .demo)
        #expect(PlanTemplate(argument: "Demo") == nil && PlanTemplate(argument: "norwood") == nil)
        let shard = BatchOptions.Shard(argument: "1/4")
        #expect(shard?.index == 1 && shard?.count == 4)
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] { #expect(BatchOptions.Shard(argument: bad) == nil, "\(bad)") }
    }

    @Test("--images and --keep read their enums' cases and refuse other words")
    func imagesAndKeep() {
        #expect(PlanOutputs.Selection.Images(argument: "summary") == .summary && PlanOutputs.Selection.Images(argument: "none") == PlanOutputs.Selection.Images.none)
        #expect(PlanOutputs.Selection.Images(argument: "some") == nil)
        #expect(BatchOptions.Keep(argument: "reports") == .reports && BatchOptions.Keep(argument: "everything") == nil)
        #expect(PlanOutputs.Selection.Images.allValueStrings == PlanOutputs.Selection.Images.allCases.map(\.rawValue), "help lists every case")
    }
}
