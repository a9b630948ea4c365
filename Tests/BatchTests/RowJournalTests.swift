import Foundation
@testable import Batch
import StippleTestSupport
import Testing

/// The row journal of `--keep summary` indexes rows by the 64 bits of their id (not its text),
/// to keep the per-plan memory small; these check that finding rows is unchanged by that.
@Suite("row journal index")
struct RowJournalTests {
    @Test("ids are read as exactly 16 lower-case hex digits; anything else never matches")
    func keys() {
        #expect(RowJournal.key("00000000000000ff".utf8) == 0xff)
        #expect(RowJournal.key("cbf29ce484222325".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(RowJournal.key("ffffffffffffffff".utf8) == UInt64.max)
        for bad in ["", "ff", "00000000000000FF", "+0000000000000ff", "00000000000000fg", "000000000000000ff"] {
            #expect(RowJournal.key(bad.utf8) == nil, "\(bad)")
        }
    }

    @Test("rows appended, then read back after reopening, by id; a cut last line is dropped")
    func roundTrip() throws {
        let dir = try CLIRunner.scratch("row-journal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(RowJournal.fileName(suffix: ""))
        let ids = (0..<300).map { String(format: "%016llx", UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        do {
            let journal = try RowJournal(url, reset: false)
            for (k, id) in ids.enumerated() { try journal.append(id: id, row: Array("{\"k\":\(k)}\n".utf8)) }
            #expect(journal.row(ids[7]).map { String(decoding: $0, as: UTF8.self) } == "{\"k\":7}")
        }
        // A killed writer's partial line, and a line whose id is not a batch id.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Array("0123456789ABCDEF\t{\"k\":-1}\n00000000000000aa\t{\"k\":".utf8))
        try handle.close()
        let reopened = try RowJournal(url, reset: false)
        #expect(reopened.index.count == ids.count)
        for (k, id) in ids.enumerated() {
            #expect(reopened.contains(id))
            #expect(reopened.row(id).map { String(decoding: $0, as: UTF8.self) } == "{\"k\":\(k)}")
        }
        #expect(!reopened.contains("00000000000000aa"))
        #expect(!reopened.contains("0123456789ABCDEF"))
        #expect(!reopened.contains("0123456789abcdef"))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\t{\"k\":-1}\n"), "the partial line was not cut")
        #expect(try RowJournal(url, reset: true).index.isEmpty)
    }
}
