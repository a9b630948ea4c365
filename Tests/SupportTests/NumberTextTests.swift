import Foundation
@testable import Support
import Testing

@Suite("DecimalParser and FixedDecimal")
struct NumberTextTests {
    /// Same bits (so −0 and 0 differ), or both nil.
    static func same(_ x: Double?, _ y: Double?) -> Bool {
        switch (x, y) {
        case (nil, nil): return true
        case let (a?, b?): return a.bitPattern == b.bitPattern
        default: return false
        }
    }

    /// What DecimalParser.parse must return: Double(String), except that infinities are refused.
    static func expected(_ s: String) -> Double? {
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }

    @Test("edge cases: signs, bare points, exponents, zero, overflow, underflow")
    func edgeCases() {
        let accepted: [(String, Double)] = [
            ("-0", -0.0), ("0", 0), ("+0.0", 0), ("1e-5", 1e-5), (".5", 0.5), ("5.", 5), ("+3", 3), ("-.25e2", -25),
            ("1E3", 1000), ("1e+3", 1000), ("007.50", 7.5), ("0.000123", 0.000123), ("1e-400", 0), ("-1e-400", -0.0),
            ("123456789012345678901234567890", 123456789012345678901234567890.0),
            ("0.1000000000000000000000000000000001", 0.1), ("4.9e-324", 4.9e-324), ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("9007199254740993", 9007199254740993), ("0e99999999999999999999", 0),
        ]
        for (text, value) in accepted {
            let parsed = DecimalParser.parse(text)
            #expect(Self.same(parsed, value), "\(text) → \(String(describing: parsed)), expected \(value)")
            #expect(Self.same(parsed, Double(text)), "\(text): differs from Double(String)")
        }
        #expect(DecimalParser.parse("-0")!.sign == .minus)
        let refused = ["", "+", "-", ".", "+.", "e5", "1e", "1e+", "1e-", "1.2.3", "--1", "1-", "nan", "NaN", "inf", "-inf",
                       "Infinity", "0x10", "0x1p3", "1_000", " 1", "1 ", "1,5", "1e400", "-1e400", "1e99999999999999999999",
                       "2e308", "١"]
        for text in refused { #expect(DecimalParser.parse(text) == nil, "'\(text)' should be refused") }
    }

    @Test("scan stops at the end of the number and reports overflow as infinity")
    func scanStops() {
        var text = "12.5e1,x"
        text.withUTF8 { buf in
            let r = DecimalParser.scan(buf.baseAddress!, from: 0, to: buf.count)
            #expect(r?.value == 125 && r?.next == 6)
        }
        text = "1e400"
        text.withUTF8 { buf in #expect(DecimalParser.scan(buf.baseAddress!, from: 0, to: buf.count)?.value == .infinity) }
        text = "1e"  // the exponent needs a digit; the number is "1"
        text.withUTF8 { buf in #expect(DecimalParser.scan(buf.baseAddress!, from: 0, to: buf.count)?.next == 1) }
    }

    @Test("bit-identical to Double(String) on 200k seeded random numbers in many spellings")
    func randomRoundTrips() {
        var rng = SplitMix64(seed: 1234)
        var mismatches: [String] = []
        for k in 0..<200_000 {
            let text: String
            switch k % 5 {
            case 0:  // CSV-like fixed decimals
                let v = Double.random(in: -200...200, using: &rng)
                text = String(format: "%.\(Int.random(in: 0...8, using: &rng))f", v)
            case 1:  // shortest round-trip text of a random magnitude
                let v = Double.random(in: -1...1, using: &rng) * Foundation.pow(10, Double.random(in: -30...30, using: &rng))
                text = v.description
            case 2:  // %g / %e with up to 17 significant digits
                let v = Double.random(in: -1...1, using: &rng) * Foundation.pow(10, Double.random(in: -320...308, using: &rng))
                text = String(format: Bool.random(using: &rng) ? "%.\(Int.random(in: 0...16, using: &rng))e" : "%.17g", v)
            default:  // random spellings of the grammar: sign, digits, point, digits, exponent
                var s = ["", "-", "+"][Int.random(in: 0...2, using: &rng)]
                let intDigits = Int.random(in: 0...(k % 5 == 3 ? 6 : 25), using: &rng)
                for _ in 0..<intDigits { s.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
                let hasPoint = Bool.random(using: &rng)
                let fracDigits = hasPoint ? Int.random(in: 0...(k % 5 == 3 ? 8 : 25), using: &rng) : 0
                if hasPoint { s.append(".") }
                for _ in 0..<fracDigits { s.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
                if intDigits + fracDigits == 0 { s.append("7") }
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    s += ["e", "E"][Int.random(in: 0...1, using: &rng)] + ["", "-", "+"][Int.random(in: 0...2, using: &rng)]
                    s += String(Int.random(in: 0...(k % 5 == 3 ? 30 : 400), using: &rng))
                }
                text = s
            }
            if !Self.same(DecimalParser.parse(text), Self.expected(text)) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test("FixedDecimal equals String(format: %.Nf) on 200k seeded random values, including exact ties")
    func fixedMatchesPrintf() {
        var rng = SplitMix64(seed: 99)
        var mismatches: [String] = []
        for k in 0..<200_000 {
            let decimals = Int.random(in: 0...9, using: &rng)
            let x: Double
            switch k % 4 {
            case 0: x = Double.random(in: -1...1, using: &rng) * Foundation.pow(10, Double.random(in: -12...12, using: &rng))
            case 1: x = Double.random(in: 0...150, using: &rng)  // ΔE00-like
            case 2:  // just around a rounding boundary (k + ½)·10^−N
                let half = (Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) + 0.5) / Foundation.pow(10, Double(decimals))
                x = [half, half.nextUp, half.nextDown][Int.random(in: 0...2, using: &rng)]
            default:  // dyadic values: exact ties at few decimals (0.125, 2.5, …)
                x = Double(Int.random(in: -4096...4096, using: &rng)) / 64
            }
            let ours = FixedDecimal.string(x, decimals: decimals)
            let theirs = String(format: "%.\(decimals)f", x)
            if ours != theirs { mismatches.append("\(x) %.\(decimals)f: \(ours) vs \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test("FixedDecimal edge cases: negative zero, ties to even, huge values, NaN")
    func fixedEdges() {
        #expect(FixedDecimal.string(-0.0, decimals: 6) == "-0.000000")
        #expect(FixedDecimal.string(-1e-9, decimals: 6) == "-0.000000")
        #expect(FixedDecimal.string(0.5, decimals: 0) == "0")
        #expect(FixedDecimal.string(1.5, decimals: 0) == "2")
        #expect(FixedDecimal.string(2.5, decimals: 0) == "2")
        #expect(FixedDecimal.string(0.125, decimals: 2) == "0.12")
        #expect(FixedDecimal.string(0.375, decimals: 2) == "0.38")
        #expect(FixedDecimal.string(2.0425, decimals: 6) == "2.042500")
        #expect(FixedDecimal.string(100, decimals: 0) == "100")
        for x in [1e20, -3.5e15, 4.6e9, .greatestFiniteMagnitude, .nan, .infinity] {
            #expect(FixedDecimal.string(x, decimals: 6) == String(format: "%.6f", x))
        }
    }
}
