import Support

/// A small streaming XML writer: elements with attributes in the order given, text and
/// attribute values escaped, so whatever a plan or a model file names (a title with `<`, `&` or
/// quotes) cannot break the document. Used for SVG figures.
public struct XMLWriter: Sendable {
    public private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    public init() {}

    /// `<name a="v" …>`; closed by `close()`.
    public mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributes(attributes) + ">"
        open.append(name)
        if open.count == 1 { text += "\n" }
    }

    /// Closes the innermost open element.
    public mutating func close() {
        guard let name = open.popLast() else { return }
        text += "</" + name + ">"
        if open.count <= 1 { text += "\n" }
    }

    /// `<name …/>`, or `<name …>content</name>` with `content` escaped.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], content: String? = nil) {
        if let content {
            text += "<" + name + Self.attributes(attributes) + ">" + Self.escape(content) + "</" + name + ">"
        } else {
            text += "<" + name + Self.attributes(attributes) + "/>"
        }
        if open.count <= 1 { text += "\n" }
    }

    /// Appends another writer's elements (without its declaration) as children here.
    public mutating func append(fragment: XMLWriter) {
        text += fragment.text.hasPrefix(Self.declaration) ? String(fragment.text.dropFirst(Self.declaration.count)) : fragment.text
    }

    /// The document, every element closed.
    public func finished() -> String {
        var copy = self
        while !copy.open.isEmpty { copy.close() }
        return copy.text
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// The text with `& < > " '` as entities and characters XML 1.0 forbids (controls other than
    /// tab, newline, return) dropped; the routine is shared with the HTML pages (`MarkupEscaping`).
    public static func escape(_ s: String) -> String { MarkupEscaping.escape(s, .xml) }

    private static func attributes(_ list: [(String, String)]) -> String {
        list.map { " " + $0.0 + "=\"" + escape($0.1) + "\"" }.joined()
    }
}
