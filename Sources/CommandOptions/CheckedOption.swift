import ArgumentParser

/// An input error of one option: one line naming the option and what was expected
/// (`stipple: error: --depth-range: '0.8:0.4' is not LO:HI …`, exit status 1).
public struct OptionError: Error, Equatable, CustomStringConvertible, Sendable {
    public let option: String, message: String
    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }
    public var description: String { "\(option): \(message)" }
}

/// An option whose text has a syntax (a range, a list, a colour). The text is parsed when the
/// arguments are read, but a bad value is reported when the command runs — by `value()`, inside
/// the command's error reporting — so the user sees one line naming the option and what was
/// expected, with exit status 1, as for every other input error, rather than the parser's
/// generic "invalid value" and the usage text.
public protocol CheckedOption: ExpressibleByArgument, Sendable {
    associatedtype Value: Sendable
    associatedtype Failure: Error & Sendable
    /// The value of `text`, or the error naming the option and what was expected.
    static func parse(_ text: String) throws(Failure) -> Value
    var parsed: Result<Value, Failure> { get }
    init(parsed: Result<Value, Failure>)
}

extension CheckedOption {
    public init(argument: String) {
        self.init(parsed: Result { () throws(Failure) -> Value in try Self.parse(argument) })
    }

    /// The parsed value, or the parse error.
    public func value() throws(Failure) -> Value { try parsed.get() }
}

/// An option naming one case of an enum (`--grouping`, `--deposit`, `--scale`), in any letter
/// case; any other word is refused by `refusal`, which lists the choices.
public protocol ChoiceOption: CheckedOption where Failure == OptionError, Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// The text as the enum spells its cases (default: lower case).
    static func normalised(_ text: String) -> String
    /// The error for `text`, given the choices joined by ", ".
    static func refusal(_ text: String, choices: String) -> OptionError
}

extension ChoiceOption {
    public static func normalised(_ text: String) -> String { text.lowercased() }

    public static func parse(_ text: String) throws(OptionError) -> Value {
        guard let value = Value(rawValue: normalised(text)) else {
            throw refusal(text, choices: Value.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// Help shows the default as its case's name.
    public var defaultValueDescription: String { (try? parsed.get().rawValue) ?? "" }
}
