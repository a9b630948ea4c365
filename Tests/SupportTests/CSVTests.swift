import Foundation
import Testing
@testable import Support

@Suite("CSV: one RFC 4180 dialect written and read")
struct CSVTests {
    @Test("fields written with CSV.text read back unchanged, quotes, commas and line breaks included")
    func roundTrip() throws {
        let rows = [["plain", "with,comma", "say \"hi\"", "two\nlines", ""], ["III vertex", "1.5", "", "x", "\"q\""]]
        let text = rows.map { $0.map(CSV.text).joined(separator: ",") }.joined(separator: "\r\n") + "\n"
        let records = try CSV.records(text)
        #expect(records.map(\.fields) == rows)
        #expect(records.map(\.line) == [1, 3])  // the second record starts after the quoted line break
    }

    @Test("blank lines are skipped and line numbers stay those of the file")
    func blankLines() throws {
        let records = try CSV.records("a,b\n\n  \n1,2\n3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 4, 5])
    }

    @Test("an unclosed quote is an error naming the line it opened on")
    func unterminated() {
        #expect(throws: CSV.UnterminatedQuote(line: 2)) { try CSV.records("a,b\n\"open,1\n2,3\n") }
    }

    @Test("numbers: whole values without a fraction, others round-trip; fixed decimals follow %.Nf")
    func numbers() {
        #expect(CSV.number(3) == "3" && CSV.number(-0.25) == "-0.25" && CSV.number(nil) == "")
        #expect(CSV.number(0.1 + 0.2) == "0.30000000000000004")
        for (value, decimals) in [(1.0005, 3), (-0.0004, 3), (2.5, 0), (123.45, 1), (-7.125, 2)] {
            var out: [UInt8] = []
            CSV.appendFixed(value, decimals: decimals, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(format: "%.\(decimals)f", value), "\(value)")
        }
        var out: [UInt8] = []
        CSV.appendInteger(-120, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-120")
    }
}

@Suite("NiceNumbers")
struct NiceNumberTests {
    @Test("axis ticks step by 1, 2 or 5 × 10ᵏ and cover the range")
    func ticks() {
        #expect(NiceNumbers.ticks(0...10) == [0, 2, 4, 6, 8, 10])
        #expect(NiceNumbers.ticks(0...1825, target: 6) == [0, 500, 1000, 1500])
        #expect(NiceNumbers.ticks(3...3) == [3])
    }

    @Test("colour-bar steps include 2.5; scale maxima use the finer ladder")
    func steps() {
        #expect(NiceNumbers.tickStep(25) == 25 && NiceNumbers.tickStep(33) == 50 && NiceNumbers.tickStep(0) == 1)
        #expect(NiceNumbers.ceiling(132) == 150 && NiceNumbers.ceiling(100) == 100 && NiceNumbers.ceiling(0.07) == 0.08)
        #expect(NiceNumbers.ceiling(-1) == 1)
    }
}
