import Foundation

/// The small HTML vocabulary the reports are written in: escaping, tables and data URIs.
///
/// Every string that can come from a plan (its name, file path, region and pigment names,
/// review text) goes through `escape` before it reaches a page, so no plan can inject markup or
/// script into a report. Pages are assembled as strings in a fixed order, so the same result
/// always gives the same bytes.
public enum HTML {
    /// Text safe in element content and in double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A PNG as a `data:` URI, so the page needs no other file (it opens from a USB stick).
    public static func pngDataURI(_ png: [UInt8]) -> String {
        "data:image/png;base64," + Data(png).base64EncodedString()
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
    public static func swatch(_ hex: String) -> String {
        "<span class=\"chip\" style=\"background:\(escape(hex))\"></span><code>\(escape(hex))</code>"
    }

    /// A table: `header` cells are escaped text; `rows` cells are already HTML (escape first).
    /// `numeric` columns are right-aligned; `sortable` tables sort when a header is clicked.
    public static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [],
                             sortable: Bool = false, caption: String? = nil, id: String? = nil) -> String {
        var out = "<table" + (id.map { " id=\"\(escape($0))\"" } ?? "") + (sortable ? " class=\"sortable\"" : "") + ">"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        out += "<thead><tr>"
        for (i, h) in header.enumerated() {
            out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            out += escape(h) + "</th>"
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

    /// A complete page: doctype, UTF-8, viewport, inline `style` and `script` (no network).
    public static func page(title: String, style: String, body: String, script: String) -> [UInt8] {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body data-step="0">
            \(body)
            <script>\(script)</script>
            </body>
            </html>

            """
        return Array(html.utf8)
    }
}
