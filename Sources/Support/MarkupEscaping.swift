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
        // Most text has nothing to escape: numbers, names, and every picture's `data:` URI, a
        // few megabytes of base64 per page. One pass over its UTF-8 bytes decides that, far
        // cheaper than rebuilding it scalar by scalar (the rebuild was a third of report.html's
        // cost). Any byte that might need work sends the text down the full path.
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { mayNeedEscaping($0, dialect) } }
            ?? !text.utf8.contains { mayNeedEscaping($0, dialect) }
        if clean { return text }
        return text.replacingScalars { scalar in
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

    /// Whether a UTF-8 byte can belong to a character `escape` replaces or drops: the five
    /// specials, and in XML a forbidden control or the lead byte 0xEF of U+FFFE and U+FFFF.
    @inline(__always)
    static func mayNeedEscaping(_ byte: UInt8, _ dialect: Dialect) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0xEF: dialect.dropsXMLForbidden
        default: false
        }
    }

    /// Controls other than tab, newline and return, and the non-characters U+FFFE and U+FFFF.
    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }
}
