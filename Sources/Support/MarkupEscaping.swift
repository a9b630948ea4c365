extension String {
    /// This text with every Unicode scalar for which `replacement` returns a string replaced by
    /// that string (`""` drops the scalar), and every other scalar kept. The one loop behind the
    /// markup escaping (`MarkupEscaping`) and JSON string quoting (`StippleJSON.quoted`), which
    /// differ only in what they replace.
    @inlinable
    public func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) { out += text } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// The entity escaping that HTML pages (`Figures.HTML`) and XML/SVG documents
/// (`Rendering.XMLWriter`) share: `& < > "` and the apostrophe as entities, so text is safe in
/// element content and in double- or single-quoted attribute values. One routine, because the
/// two differ only in the apostrophe's entity and in XML 1.0's forbidden characters.
public enum MarkupEscaping {
    /// What a markup language needs beyond the four shared entities.
    public struct Dialect: Sendable {
        /// The entity written for `'`.
        public let apostrophe: String
        /// Drop the characters XML 1.0 forbids (controls other than tab, newline and return,
        /// U+FFFE, U+FFFF) instead of copying them.
        public let dropsXMLForbidden: Bool

        /// HTML: `&#39;` (the numeric reference every browser reads); nothing dropped.
        public static let html = Dialect(apostrophe: "&#39;", dropsXMLForbidden: false)
        /// XML 1.0 (SVG): `&apos;`, forbidden characters dropped so the document stays well-formed.
        public static let xml = Dialect(apostrophe: "&apos;", dropsXMLForbidden: true)
    }

    /// `text` with the markup-special characters as entities, in `dialect`.
    public static func escape(_ text: String, _ dialect: Dialect) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": dialect.apostrophe
            default: dialect.dropsXMLForbidden && isForbiddenInXML(scalar) ? "" : nil
            }
        }
    }

    /// Controls other than tab, newline and return, and the non-characters U+FFFE and U+FFFF.
    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }
}
