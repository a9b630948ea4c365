
/// A problem with a plan file, precise enough to fix without reading the code:
/// which file, which line, which field, and what was expected instead.
public struct PlanError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The plan file's path as given (or "<input>").
    public var file: String
    /// 1-based line of the offending value, when known.
    public var line: Int?
    /// Dotted path of the field, e.g. `sessions[1].fraction_of_target`; empty for whole-file problems.
    public var field: String
    /// What was expected and what was found.
    public var message: String

    public init(file: String, line: Int? = nil, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return field.isEmpty ? "\(location): \(message)" : "\(location): field '\(field)': \(message)"
    }
}
