import Foundation
import Support

/// A fragment of HTML markup. The pages (report.html, compare.html, a batch's index.html, the
/// studio's page) are built from these, never from bare strings, so escaping is the type's job,
/// not something each line has to remember:
///
/// - a string literal in code is markup (`"<td class=\"num\">"`: written by us);
/// - a `String` interpolated into one is text and is escaped (`"<h1>\(plan.name)</h1>"`), as is
///   `HTML(text:)`; numbers and booleans are written as they print;
/// - an `HTML` interpolated or added is kept as it is (it was built the same way);
/// - markup from anywhere else enters only through `HTML(trusted:)`, the one greppable door
///   (`HTMLEscapingTests` lists the places allowed to use it).
///
/// Pages are assembled in a fixed order, so the same result always gives the same bytes.
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup, ready to write.
    public private(set) var markup: String

    /// The empty fragment.
    public init() { markup = "" }

    /// `text` escaped: safe in element content and in quoted attribute values.
    public init(text: String) { markup = Self.escape(text) }

    /// Markup taken as it is, unescaped. Only for markup made by other code that escapes its own
    /// text (an inline SVG from `SVGCanvas`) or a page template shipped with Stipple: never for
    /// anything a plan, a file or a client can choose.
    public init(trusted markup: String) { self.markup = markup }

    /// A literal in the source is markup.
    public init(stringLiteral literal: String) { markup = literal }

    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    public var description: String { markup }

    public var bytes: [UInt8] { Array(markup.utf8) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }

        /// The literal parts of `"…\(x)…"`: markup.
        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text (a part of a string): escaped.
        public mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }

        /// A fragment built as `HTML`: kept.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        public mutating func appendInterpolation<N: BinaryInteger>(_ number: N) { markup += String(number) }

        public mutating func appendInterpolation(_ flag: Bool) { markup += flag ? "true" : "false" }
    }

    /// This markup with every `slot` (a placeholder of a shipped template) replaced by `value`.
    public func filling(_ slot: String, with value: HTML) -> HTML {
        HTML(trusted: markup.replacingOccurrences(of: slot, with: value.markup))
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.markup + b.markup) }

    public static func += (a: inout HTML, b: HTML) { a.markup += b.markup }

    /// `&`, `<`, `>`, `"` and `'` as entities (`&#39;` for the apostrophe): text safe in element
    /// content and in double- or single-quoted attribute values. Internal: other modules escape by
    /// building `HTML`. The routine is shared with `XMLWriter` (`MarkupEscaping`).
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text, .html) }
}

extension Sequence where Element == HTML {
    /// The fragments one after another, `separator` between them.
    public func joined(separator: HTML = HTML()) -> HTML {
        var out = HTML()
        var first = true
        for fragment in self {
            if !first { out += separator }
            first = false
            out += fragment
        }
        return out
    }
}

// The small vocabulary the pages are written in: numbers as text, tables, data URIs, the page.
extension HTML {
    /// A PNG as a `data:` URI, so the page needs no other file (it opens from a USB stick).
    public static func pngDataURI(_ png: [UInt8]) -> String {
        "data:image/png;base64," + Data(png).base64EncodedString()
    }

    /// A picture as a `data:` URI of the type its file name says (a batch's WebP sheets, else PNG).
    static func pictureDataURI(_ bytes: [UInt8], name: String) -> String {
        name.hasSuffix(".webp") ? "data:image/webp;base64," + Data(bytes).base64EncodedString() : pngDataURI(bytes)
    }

    /// An SVG document as a `data:` URI (an `<img>` of a vector chart).
    public static func svgDataURI(_ svg: [UInt8]) -> String {
        "data:image/svg+xml;base64," + Data(svg).base64EncodedString()
    }

    /// A number with `places` decimals (POSIX formatting, so it is the same on every machine).
    public static func number(_ value: Double?, _ places: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(places)f", value)
    }

    /// A whole number with narrow no-break-space thousands groups (18 770 reads better on a
    /// projector, and unlike a thin space the group never breaks across lines).
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "−" : "") + groups.joined(separator: "\u{202F}")
    }

    /// A percentage with `places` decimals from a fraction.
    public static func percent(_ fraction: Double?, _ places: Int = 1) -> String {
        guard let fraction else { return "–" }
        return number(fraction * 100, places) + " %"
    }

    /// A small colour chip followed by its hex code (`hex` is produced by Stipple, still escaped).
    public static func swatch(_ hex: String) -> HTML {
        "<span class=\"chip\" style=\"background:\(hex)\"></span><code>\(hex)</code>"
    }

    /// A table of `header` texts and `rows` of cells. `numeric` columns are right-aligned;
    /// `sortable` tables sort when a header is clicked.
    public static func table(_ header: [String], _ rows: [[HTML]], numeric: Set<Int> = [],
                             sortable: Bool = false, caption: String? = nil, id: String? = nil) -> HTML {
        var out: HTML = "<table"
        if let id { out += " id=\"\(id)\"" }
        if sortable { out += " class=\"sortable\"" }
        out += ">"
        if let caption { out += "<caption>\(caption)</caption>" }
        out += "<thead><tr>"
        for (i, h) in header.enumerated() {
            out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            out += "\(h)</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += (numeric.contains(i) ? "<td class=\"num\">" : "<td>") + cell + "</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// A table whose cells are all plain text (each escaped).
    public static func table(_ header: [String], text rows: [[String]], numeric: Set<Int> = [],
                             sortable: Bool = false, caption: String? = nil, id: String? = nil) -> HTML {
        table(header, rows.map { $0.map(HTML.init(text:)) }, numeric: numeric, sortable: sortable, caption: caption, id: id)
    }

    /// A page whose style sheet and script are the files at `styleHref` and `scriptSource`
    /// (relative addresses): pages that all carry the same ones (a batch's reports) store them once.
    public static func page(title: String, styleHref: String, body: HTML, scriptSource: String) -> [UInt8] {
        document(title: title, head: "<link rel=\"stylesheet\" href=\"\(styleHref)\">", body: body,
                 tail: "<script src=\"\(scriptSource)\"></script>")
    }

    /// A complete page: doctype, UTF-8, viewport, inline `style` and `script` (no network).
    public static func page(title: String, style: HTML, body: HTML, script: HTML) -> [UInt8] {
        document(title: title, head: "<style>\(style)</style>", body: body, tail: "<script>\(script)</script>")
    }

    /// The page around `body`: `head` ends the head (the style), `tail` the body (the script).
    private static func document(title: String, head: HTML, body: HTML, tail: HTML) -> [UInt8] {
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            \(head)
            </head>
            <body data-step="0">
            \(body)
            \(tail)
            </body>
            </html>

            """
        return html.bytes
    }
}
