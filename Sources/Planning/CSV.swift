/// Small, allocation-light CSV formatting with deterministic number output.
enum CSV {
    /// Shortest round-trip decimal for a Double (Swift's description), empty for nil.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// Quotes a field when it contains a comma, quote or newline (RFC 4180).
    static func text(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
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

    /// Fixed-point decimal with `decimals` places, rounded half away from zero.
    static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        let scale = [1.0, 10, 100, 1000, 10000, 100000, 1000000][decimals]
        let scaled = (abs(value) * scale).rounded()
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        let whole = Int(scaled / scale)
        appendInteger(whole, to: &out)
        guard decimals > 0 else { return }
        out.append(UInt8(ascii: "."))
        var fraction = Int(scaled - Double(whole) * scale)
        var divisor = Int(scale) / 10
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
