import ArgumentParser
import Foundation
import Impressions
import SkinOptics

/// `--depth-range LO:HI`: needle depths in mm, LO < HI. Whether the range lies within the
/// modelled depths is checked against the data (`ShadeRequest`), since the limits live there.
public struct DepthRangeOption: CheckedOption {
    public let parsed: Result<ClosedRange<Double>, OptionError>
    /// The text as typed, for messages about the range as a whole.
    public let text: String
    public init(parsed: Result<ClosedRange<Double>, OptionError>) {
        self.parsed = parsed
        text = (try? parsed.get()).map { "\($0.lowerBound):\($0.upperBound)" } ?? ""
    }
    public init(argument: String) {
        parsed = Result { () throws(OptionError) in try Self.parse(argument) }
        text = argument
    }

    public static func parse(_ text: String) throws(OptionError) -> ClosedRange<Double> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo < hi else {
            throw OptionError(option: "--depth-range", message: "'\(text)' is not LO:HI in mm with LO < HI (e.g. 0.4:0.8)")
        }
        return lo...hi
    }
}

/// A hair colour as the client's hair is given: a name from `Data/hair/hair_colours.csv`, or
/// explicit CIELAB.
public enum HairTarget: Sendable {
    case named(String)
    /// `L,a,b` as typed (the label the answers show) and its value.
    case lab(Lab, text: String)

    /// The label the answers show and the colour: a name is looked up in the data folder's
    /// hair colours (read only then).
    public func resolve(dataDirectory: URL) throws -> (label: String, lab: Lab) {
        switch self {
        case .lab(let lab, let text):
            return (text, lab)
        case .named(let name):
            let hair = try HairColours(dataDirectory: dataDirectory)
            do { return (name.lowercased(), try hair.lab(named: name)) } catch {
                throw OptionError(option: "--hair", message: "\(error); or give L,a,b")
            }
        }
    }
}

/// `--hair NAME|L,a,b`. Three numbers are CIELAB and must lie in the range below; anything else
/// is a name, looked up when the command runs.
public struct HairOption: CheckedOption {
    public let parsed: Result<HairTarget, OptionError>
    public init(parsed: Result<HairTarget, OptionError>) { self.parsed = parsed }

    public static func parse(_ text: String) throws(OptionError) -> HairTarget {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let l = parts[0], let a = parts[1], let b = parts[2] else { return .named(text) }
        // The limits a plan's hair_colour is read with (`PhysicalLimits`, declared once).
        guard PhysicalLimits.hairL.contains(l), PhysicalLimits.hairAB.contains(a), PhysicalLimits.hairAB.contains(b) else {
            throw OptionError(option: "--hair", message: "\(text): expected L* \(PhysicalLimits.hairL.expectation) and a*, b* \(PhysicalLimits.hairAB.expectation) (a plan's hair_colour limits)")
        }
        return .lab(Lab(L: l, a: a, b: b), text: text)
    }
}

/// `--pigments a,b,c`: pigment names, resolved against the data folder's pigments.
public struct PigmentList: ExpressibleByArgument, Sendable {
    public let names: [String]

    public init(argument: String) {
        names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The named pigments in the order given; an empty list or an unknown name names the option.
    public func resolve(in library: PigmentLibrary) throws(OptionError) -> [Pigment] {
        guard !names.isEmpty else {
            throw OptionError(option: "--pigments", message: "empty list: expected pigment names separated by commas, from \(library.names.joined(separator: ", "))")
        }
        do { return try names.map { name throws(SkinOpticsError) in try library.pigment(named: name) } } catch {
            throw OptionError(option: "--pigments", message: "\(error)")
        }
    }
}

/// `--grouping 1RL|3RL|5RL`, in any letter case.
public struct NeedleGroupingOption: ChoiceOption {
    public let parsed: Result<NeedleGrouping, OptionError>
    public init(parsed: Result<NeedleGrouping, OptionError>) { self.parsed = parsed }

    public static func normalised(_ text: String) -> String { text.uppercased() }
    public static func refusal(_ text: String, choices: String) -> OptionError {
        OptionError(option: "--grouping '\(text)'", message: "is not a modelled needle grouping: expected one of \(choices)")
    }
}

/// `--deposit needle-track|deep`, in any letter case.
public struct DepositOption: ChoiceOption {
    public let parsed: Result<DepositKind, OptionError>
    public init(parsed: Result<DepositKind, OptionError>) { self.parsed = parsed }

    public static func refusal(_ text: String, choices: String) -> OptionError {
        OptionError(option: "--deposit '\(text)'", message: "is not a deposit: expected one of \(choices)")
    }
}
