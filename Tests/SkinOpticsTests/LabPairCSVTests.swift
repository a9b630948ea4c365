import Foundation
import Support
import Testing
@testable import SkinOptics

@Suite("LabPairTable: CSV of Lab pairs")
struct LabPairCSVTests {
    static func table(_ text: String, policy: LabPairTable.BadRowPolicy = .stop) throws(LabPairCSVError) -> LabPairTable {
        try LabPairTable(bytes: Array(text.utf8), path: "t.csv", policy: policy)
    }

    @Test("header, blank lines, CRLF and blanks around fields; rows echoed verbatim plus de00")
    func parsesAndEchoes() throws {
        let t = try Self.table("L1,a1,b1,L2,a2,b2\r\n\n 50.0000, 2.6772 ,-79.7751,50,0,-82.7485 \r\n\r\n50,3.1571,-77.2803,50,0,-82.7485")
        #expect(t.count == 2)
        #expect(t.a1 == [2.6772, 3.1571])
        let out = String(decoding: t.formatted(deltaE: t.deltaE2000()), as: UTF8.self)
        #expect(out == "L1,a1,b1,L2,a2,b2,de00\n50.0000, 2.6772 ,-79.7751,50,0,-82.7485,2.042460\n50,3.1571,-77.2803,50,0,-82.7485,2.861510\n")
    }

    @Test("no header when the first row is numeric; a partly numeric first row is an error, not a header")
    func headerDetection() throws {
        #expect(try Self.table("1,2,3,4,5,6\n").header == nil)
        #expect(throws: LabPairCSVError.badRow(path: "t.csv", line: 1, found: "'x' as field 2 (a1), which is not a decimal number")) {
            try Self.table("1,x,3,4,5,6\n")
        }
    }

    @Test("bad rows: stop names the first; skip collects each and keeps the rest")
    func badRows() throws {
        let text = "1,2,3,4,5,6\n1,2,3\n101,0,0,0,0,0\n0,0,0,0,0,-201\n1,2,3,4,5,nan\n7,0,0,7,0,0\n"
        do {
            _ = try Self.table(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.description == "t.csv:2: expected 6 numbers L1,a1,b1,L2,a2,b2, found 3 fields: '1,2,3'")
        }
        let t = try Self.table(text, policy: .skip)
        #expect(t.count == 2)
        #expect(t.skipped.map(\.line) == [2, 3, 4, 5])
        #expect(t.skipped[1].description.hasSuffix("found L1 = 101, outside 0–100 (L*)"))
        #expect(t.skipped[2].description.hasSuffix("found b2 = -201, outside −200–200 (a*, b*)"))
        #expect(t.skipped[3].description.contains("NaN and infinity are refused"))
    }

    @Test("empty input and header-only input are errors")
    func empty() {
        #expect(throws: LabPairCSVError.empty(path: "t.csv")) { try Self.table("") }
        #expect(throws: LabPairCSVError.empty(path: "t.csv")) { try Self.table("\n  \n") }
        #expect(throws: LabPairCSVError.empty(path: "t.csv")) { try Self.table("L1,a1,b1,L2,a2,b2\n") }
    }

    @Test("the batch result equals the scalar kernel row by row on 10k random rows")
    func batchEqualsScalar() throws {
        var rng = SplitMix64(seed: 7)
        var text = ""
        var pairs: [(Lab, Lab)] = []
        for _ in 0..<10_000 {
            let v = (0..<6).map { k in k % 3 == 0 ? Double.random(in: 0...100, using: &rng) : Double.random(in: -128...128, using: &rng) }
            text += v.map { String(format: "%.5f", $0) }.joined(separator: ",") + "\n"
            let p = v.map { Double(String(format: "%.5f", $0))! }
            pairs.append((Lab(L: p[0], a: p[1], b: p[2]), Lab(L: p[3], a: p[4], b: p[5])))
        }
        let t = try Self.table(text)
        let de = t.deltaE2000()
        #expect(de.count == pairs.count)
        #expect(zip(de, pairs).allSatisfy { $0 == deltaE2000($1.0, $1.1) })
    }
}
