import Foundation
import Support
import Testing

/// One rounding rule and one JSON configuration for every output (issue 24, item 3).
@Suite("one rounding rule, one JSON configuration")
struct OneRuleTests {
    @Test("rounded(places:) is FixedDecimal's rule: the exact binary value, ties to even")
    func roundingRule() {
        #expect(0.125.rounded(places: 2) == 0.12)    // an exact tie: to even (half away gave 0.13)
        #expect(0.375.rounded(places: 2) == 0.38)
        #expect(180.5.rounded(places: 0) == 180)
        #expect(1.005.rounded(places: 2) == 1.0)     // 1.005 is stored just below 1.005
        #expect((-2.5).rounded(places: 0) == -2)
        #expect(0.1.rounded(places: 3) == 0.1)
        #expect(Double.nan.rounded(places: 2).isNaN && Double.infinity.rounded(places: 2) == .infinity)
        // JSON and CSV print the same digits for the same number: the shortest text of the
        // rounded Double is FixedDecimal's text without trailing zeros.
        var generator = SplitMix64(seed: 24)
        for _ in 0..<2000 {
            let x = Double.random(in: -500...500, using: &generator)
            for places in 0...5 {
                let fixed = FixedDecimal.string(x, decimals: places)
                #expect(x.rounded(places: places) == Double(fixed)!, "\(x) to \(places)")
            }
        }
    }

    struct Record: Encodable {
        @Rounded<2> var areaCM2: Double
        @RoundedIfPresent<3> var spacingMM: Double?
        @RoundedIfPresent<3> var missingMM: Double?
        let L: Double
        let path: String
        let ratio: Double
    }

    @Test("records round once where declared; StippleJSON sorts, snake_cases (L stays L), keeps slashes and non-finite numbers")
    func encoder() throws {
        var record = Record(areaCM2: 12.345, spacingMM: 0.12345, missingMM: nil, L: 41.5, path: "plans/a.yaml", ratio: .nan)
        #expect(record.areaCM2 == 12.35)   // 12.345 is stored just above the tie
        record.areaCM2 = 0.125
        #expect(record.areaCM2 == 0.12, "a set value is rounded too")
        let text = try StippleJSON.text(record, .compact)
        #expect(text == #"{"L":41.5,"area_cm2":0.12,"path":"plans/a.yaml","ratio":"nan","spacing_mm":0.123}"#)
        let pretty = try StippleJSON.text(record)
        #expect(pretty.hasSuffix("}\n") && pretty.contains("\n  \"area_cm2\" : 0.12"))
        let declared = try StippleJSON.text(record, .compact, keys: .asDeclared)
        #expect(declared.contains(#""areaCM2":0.12"#))
    }

    @Test("JSONText quotes for JSON, not for HTML: controls and U+2028 escaped, < and & left alone")
    func jsonText() {
        #expect(JSONText.quoted("a\"b\\c\n\u{2028}<&") == #""a\"b\\c\n\u2028<&""#)
        #expect(JSONText.isNumberLiteral("-0.5e3") && !JSONText.isNumberLiteral("05") && !JSONText.isNumberLiteral("1."))
    }

    @Test("MarkupEscaping: HTML and XML share the four entities; the apostrophe and XML's forbidden controls differ")
    func markupDialects() {
        let text = "a<b & \"c\" 'd'\u{1}\t\u{FFFE}"
        #expect(MarkupEscaping.escape(text, .html) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;\u{1}\t\u{FFFE}")
        #expect(MarkupEscaping.escape(text, .xml) == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;\t")
        #expect("abc".replacingScalars { $0 == "b" ? "" : ($0 == "c" ? "C!" : nil) } == "aC!")
    }

    @Test("MarkupEscaping's quick pass: text with nothing to escape comes back unchanged, and one special or forbidden character anywhere still takes the full path")
    func markupQuickPass() {
        let base64 = String(repeating: "iVBORw0KGgo+/=", count: 5_000) + " é ü → \u{FFFD}"
        #expect(MarkupEscaping.escape(base64, .html) == base64)
        #expect(MarkupEscaping.escape(base64, .xml) == base64, "U+FFFD shares its lead byte with U+FFFE but is kept")
        #expect(MarkupEscaping.escape(base64 + "<", .html) == base64 + "&lt;")
        #expect(MarkupEscaping.escape(base64 + "\u{FFFF}", .xml) == base64)
        #expect(MarkupEscaping.escape(base64 + "\u{1F}", .xml) == base64 && MarkupEscaping.escape(base64 + "\u{1F}", .html) == base64 + "\u{1F}")
        #expect(MarkupEscaping.escape(base64 + "\t\n\r", .xml) == base64 + "\t\n\r", "tab, newline and return are allowed in XML")
    }

    struct Optionals: Codable, Equatable {
        @NullWhenAbsent var always: Double?
        var usual: Double?
    }

    @Test("NullWhenAbsent: a nil is written as null (a plain optional's key is left out) and a missing key reads as nil")
    func nullWhenAbsent() throws {
        #expect(try StippleJSON.text(Optionals(always: nil, usual: nil), .compact) == #"{"always":null}"#)
        #expect(try StippleJSON.text(Optionals(always: 0.5, usual: 2.5), .compact) == #"{"always":0.5,"usual":2.5}"#)
        let decoder = StippleJSON.decoder()
        #expect(try decoder.decode(Optionals.self, from: Data("{}".utf8)) == Optionals(always: nil, usual: nil))
        #expect(try decoder.decode(Optionals.self, from: Data(#"{"always":null,"usual":1}"#.utf8)) == Optionals(always: nil, usual: 1))
        #expect(try decoder.decode(Optionals.self, from: Data(#"{"always":3}"#.utf8)).always == 3)
    }
}
