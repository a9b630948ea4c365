import ArgumentParser
import Batch
import Figures
import Plans
import ScalpModel

/// `--stage` of `stipple init`: a Norwood stage, kept as typed (the plan says what the user
/// wrote) once `NorwoodStage` accepts it.
public struct NorwoodStageOption: CheckedOption {
    public let parsed: Result<String, OptionError>
    public init(parsed: Result<String, OptionError>) { self.parsed = parsed }

    public static func parse(_ text: String) throws(OptionError) -> String {
        do { _ = try NorwoodStage.parse(text) } catch { throw OptionError(option: "--stage", message: error.description) }
        return text
    }

    public var defaultValueDescription: String { (try? parsed.get()) ?? "" }
}

/// `--scale norwood|ludwig|savin` of `stipple atlas`, in any letter case.
public struct HairLossScaleOption: ChoiceOption {
    public let parsed: Result<HairLossScale, OptionError>
    public init(parsed: Result<HairLossScale, OptionError>) { self.parsed = parsed }

    public static func refusal(_ text: String, choices: String) -> OptionError {
        OptionError(option: "--scale", message: "unknown hair-loss scale '\(text)'; expected one of: \(choices)")
    }
}

/// `--template NAME`: the parser refuses an unknown name and lists the templates.
extension PlanTemplate: ExpressibleByArgument {}

/// `--images all|summary|none` and `--keep all|reports|summary`: the values are the enums'
/// cases, so help lists them and a typo is refused by the parser.
extension PlanOutputs.Selection.Images: ExpressibleByArgument {}
extension BatchOptions.Keep: ExpressibleByArgument {}
/// `--sheet-format webp|png` of `stipple batch`: the same, so a wrong value is refused with the choices.
extension SheetFormat: ExpressibleByArgument {}

/// `--shard K/N` with 0 ≤ K < N.
extension BatchOptions.Shard: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        self.init(index: k, count: n)
    }
}
