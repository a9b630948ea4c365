/// Hamilton–Norwood stages of male pattern hair loss, including the anterior ("a") variants.
public enum NorwoodStage: String, CaseIterable, Sendable, Codable, Hashable {
    case i = "I"
    case ii = "II"
    case iia = "IIa"
    case iii = "III"
    case iiia = "IIIa"
    case iiiVertex = "III vertex"
    case iv = "IV"
    case iva = "IVa"
    case v = "V"
    case va = "Va"
    case vi = "VI"
    case vii = "VII"

    /// The classic series, in order of progression.
    public static let classicSeries: [NorwoodStage] = [.i, .ii, .iii, .iiiVertex, .iv, .v, .vi, .vii]
    /// The anterior series (front-to-back recession without a separate crown patch).
    public static let anteriorSeries: [NorwoodStage] = [.iia, .iiia, .iva, .va]

    /// Lenient parser: case-insensitive; roman or arabic numerals ("5", "5a", "V", "va");
    /// vertex spelled "III vertex", "IIIv", "III-vertex", "3v", "3 vertex". Nil when unknown.
    public init?(parsing text: String) {
        var s = text.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" && $0 != "." }
        if s.hasPrefix("norwood") { s.removeFirst("norwood".count) }
        if s.hasPrefix("nw") { s.removeFirst(2) }
        if s.hasPrefix("class") { s.removeFirst("class".count) }
        if s.hasPrefix("stage") { s.removeFirst("stage".count) }
        var suffix = ""
        if s.hasSuffix("vertex") { s.removeLast("vertex".count); suffix = "vertex" }
        else if s.hasSuffix("a") { s.removeLast(); suffix = "a" }
        else if s.count >= 2, s.hasSuffix("v"), let n = Self.number(String(s.dropLast())), n == 3 {
            // "iiiv"/"3v" means III vertex, but "iv" alone is 4: only strip a trailing v after a valid 3.
            s.removeLast(); suffix = "vertex"
        }
        guard let n = Self.number(s) else { return nil }
        let roman = ["", "I", "II", "III", "IV", "V", "VI", "VII"][n]
        let raw: String
        switch suffix {
        case "vertex": raw = roman + " vertex"
        case "a": raw = roman + "a"
        default: raw = roman
        }
        guard let stage = NorwoodStage(rawValue: raw) else { return nil }
        self = stage
    }

    /// Parses like `init?(parsing:)` but throws a typed error naming the input.
    public static func parse(_ text: String) throws(ScalpModelError) -> NorwoodStage {
        guard let stage = NorwoodStage(parsing: text) else { throw .unknownStage(text) }
        return stage
    }

    private static func number(_ s: String) -> Int? {
        let romans = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7]
        if let n = romans[s] { return n }
        if let n = Int(s), (1...7).contains(n) { return n }
        return nil
    }
}
