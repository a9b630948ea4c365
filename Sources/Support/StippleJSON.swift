import Foundation

/// Stipple's one JSON configuration. Every JSON document Stipple writes (report.json, a batch's
/// summary and manifest, the studio's answers, the CLI's `--json` output, the fade commands'
/// files, the generated data files) gets its encoder here, so key order, key spelling, slashes and
/// non-finite numbers are written one way:
///
/// - keys sorted (the same value always gives the same bytes);
/// - keys in snake_case by `SnakeCaseKeys` (one-letter keys such as Lab's `L` stay as written),
///   unless the caller asks for `.asDeclared` (data files read back by a plain decoder);
/// - `/` not escaped (paths and units read as written);
/// - numbers stay numbers; the non-finite ones JSON cannot hold become the strings
///   `"inf"`, `"-inf"`, `"nan"` instead of failing the whole document.
///
/// Rounding is not the encoder's business: records declare theirs with `Rounded`.
public enum StippleJSON {
    /// Indented (files people read) or one line (JSON Lines, HTTP answers).
    public enum Layout: Sendable { case pretty, compact }
    /// snake_case keys (reports and answers), or the property names as declared (data files
    /// whose readers decode them with `decoder()`).
    public enum Keys: Sendable { case snakeCase, asDeclared }

    public static func encoder(_ layout: Layout = .pretty, keys: Keys = .snakeCase) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = layout == .pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                                     : [.sortedKeys, .withoutEscapingSlashes]
        if keys == .snakeCase { encoder.keyEncodingStrategy = SnakeCaseKeys.strategy }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder for Stipple's own JSON data files (keys as declared, the same non-finite spelling).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `value` encoded as UTF-8 bytes; a pretty document ends with a newline (a text file's last line).
    public static func bytes<T: Encodable>(_ value: T, _ layout: Layout = .pretty, keys: Keys = .snakeCase) throws -> [UInt8] {
        var bytes = Array(try encoder(layout, keys: keys).encode(value))
        if layout == .pretty { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// `value` encoded as text (see `bytes`).
    public static func text<T: Encodable>(_ value: T, _ layout: Layout = .pretty, keys: Keys = .snakeCase) throws -> String {
        String(decoding: try bytes(value, layout, keys: keys), as: UTF8.self)
    }
}

/// A string as a JSON string literal, for JSON assembled as text (a plan converted from YAML
/// node by node). Escapes what RFC 8259 requires (quote, backslash, controls) and also U+2028
/// and U+2029, which end a line in JavaScript, so the text can sit inside a page's script.
/// This is JSON's escaping, not HTML's: HTML text goes through `HTML` in Figures.
public enum JSONText {
    /// Whether `s` is a JSON number as written (RFC 8259 §6: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    public static func isNumberLiteral(_ s: String) -> Bool {
        var c = Substring(s)
        func digits() -> Int { let n = c.prefix(while: { $0.isASCII && $0.isNumber }).count; c = c.dropFirst(n); return n }
        if c.first == "-" { c = c.dropFirst() }
        if c.first == "0" { c = c.dropFirst() } else if digits() == 0 { return false }
        if c.first == "." { c = c.dropFirst(); if digits() == 0 { return false } }
        if c.first == "e" || c.first == "E" {
            c = c.dropFirst()
            if c.first == "+" || c.first == "-" { c = c.dropFirst() }
            if digits() == 0 { return false }
        }
        return c.isEmpty
    }

    /// `s` as a JSON string literal: quotes, backslashes and controls escaped, and U+2028/U+2029
    /// (line breaks to JavaScript) as `\u` escapes.
    public static func quoted(_ s: String) -> String {
        let body = s.replacingScalars { u in
            switch u {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case _ where u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029: String(format: "\\u%04x", u.value)
            default: nil
            }
        }
        return "\"" + body + "\""
    }
}
