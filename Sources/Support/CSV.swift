/// Stipple's one CSV dialect: RFC 4180 (comma-separated, fields quoted with `"` when they hold a
/// comma, quote or line break, quotes doubled inside), written and read here only.
///
/// The writer side formats numbers deterministically (shortest round-trip text, or fixed decimals
/// through `FixedDecimal`); the reader side (`CSV.records`) is the inverse of `text(_:)`, so a
/// file Stipple writes reads back field for field. The benchmarked ΔE path keeps its own
/// numeric byte scanner (`LabPairTable` in SkinOptics), which never meets quoted fields.
public enum CSV {
    /// Shortest round-trip decimal for a Double (Swift's description), empty for nil; whole
    /// numbers below 10¹⁵ without a fraction (`3`, not `3.0`).
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// Quotes a field when it contains a comma, quote or line break (RFC 4180).
    public static func text(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends the decimal digits of `value` (tens of thousands of rows: no String per number).
    public static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    /// Appends `value` with `decimals` places by Stipple's one rounding rule (`FixedDecimal`:
    /// the exact binary value rounded, ties to even, as `%.Nf` prints it).
    public static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        // Written into scratch space on the stack, then appended: growing `out` by `room` zeros
        // and trimming it back cost more than the digits themselves (dots.csv is 5 numbers a dot).
        let room = FixedDecimal.maxLength(of: value, decimals: decimals)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { buffer in
            let written = FixedDecimal.write(value, decimals: decimals, to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
        }
    }

    /// One record of a CSV text: its fields (unquoted) and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
    }

    /// A quoted field that never closes; `line` is where it opened.
    public struct UnterminatedQuote: Error, Sendable, Equatable {
        public let line: Int
    }

    /// Splits `text` into RFC 4180 records. Line ends are `\n` or `\r\n`; a quoted field may hold
    /// commas, doubled quotes and line breaks. Lines that are empty (or only blanks) are skipped.
    /// Fields are returned as written (quotes removed); trimming is the caller's choice.
    public static func records(_ text: String) throws(UnterminatedQuote) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quoteOpenedAt = 0, wasQuoted = false, wasQuotedRecord = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" } && !wasQuotedRecord
            if !blank { records.append(Record(fields: fields, line: recordLine)) }
            fields.removeAll()
            wasQuotedRecord = false
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { inQuotes = false }
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
            } else if c == UInt8(ascii: "\"") && field.allSatisfy({ $0 == 32 || $0 == 9 }) && !wasQuoted {
                field.removeAll(keepingCapacity: true)
                inQuotes = true; wasQuoted = true; wasQuotedRecord = true; quoteOpenedAt = line
            } else if c == UInt8(ascii: ",") {
                endField()
            } else if c == UInt8(ascii: "\n") {
                if field.last == UInt8(ascii: "\r") { field.removeLast() }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw UnterminatedQuote(line: quoteOpenedAt) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            if field.last == UInt8(ascii: "\r") { field.removeLast() }
            endRecord()
        }
        return records
    }
}
