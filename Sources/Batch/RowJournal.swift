import Foundation
import Support

/// The finished plans of a batch that keeps no per-plan folders (`--keep summary`): one line per
/// plan, `<id>\t<row JSON>\n`, appended as each plan finishes, in `rows[-shard-K-of-N].jsonl`.
///
/// Why a journal and not a folder per plan: a 100k-plan sweep of tiny plans wrote 4 GB of
/// per-plan files the researcher never opens; the journal holds only the summary row (≈ 0.5 kB)
/// and still makes the batch resumable, because a rerun reads it back and skips the ids it holds.
///
/// Crash safety: each line goes to the kernel in one `write` on a file opened for appending, so a
/// killed process leaves complete lines plus at most one partial last line; opening the journal
/// cuts that partial line off. Memory: an index of id → (offset, length) keyed by the id's 64
/// bits rather than its 16-character text (a heap string each), about 30 bytes per plan.
final class RowJournal {
    static func fileName(suffix: String) -> String { "rows\(suffix).jsonl" }

    let url: URL
    private let descriptor: Int32
    /// Where a finished plan's row sits in the file.
    struct Entry {
        var offset: UInt64
        var length: UInt32
    }
    /// Where each finished plan's row sits, by the bits of its id (`key(_:)`).
    private(set) var index: [UInt64: Entry] = [:]
    private var end: UInt64 = 0

    /// The 64 bits of a batch id: exactly 16 lower-case hex digits, as `BatchInputs.hash` writes
    /// them; anything else (which no job has) is nil and never matches.
    static func key<Bytes: Collection<UInt8>>(_ id: Bytes) -> UInt64? {
        guard id.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in id {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// Opens (creating if needed) the journal; `reset` empties it first (`--force`).
    init(_ url: URL, reset: Bool) throws(OutputError) {
        self.url = url
        let flags = O_RDWR | O_CREAT | (reset ? O_TRUNC : 0)
        let fd = open(url.path, flags, 0o644)
        guard fd >= 0 else {
            throw OutputError(path: url.path, message: "cannot open the row journal (\(String(cString: strerror(errno))))")
        }
        descriptor = fd
        try scan()
    }

    /// Reads every complete line into the index and truncates a partial last line.
    private func scan() throws(OutputError) {
        var offset: UInt64 = 0
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineStart: UInt64 = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard n >= 0 else {
                throw OutputError(path: url.path, message: "cannot read the row journal (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            for i in 0..<n {
                let byte = chunk[i]
                if byte == UInt8(ascii: "\n") {
                    if let tab = pending.firstIndex(of: UInt8(ascii: "\t")), let key = Self.key(pending[..<tab]),
                       let length = UInt32(exactly: pending.count - tab - 1) {
                        index[key] = Entry(offset: lineStart + UInt64(tab + 1), length: length)
                    }
                    pending.removeAll(keepingCapacity: true)
                    lineStart = offset + UInt64(i) + 1
                } else {
                    pending.append(byte)
                }
            }
            offset += UInt64(n)
        }
        end = lineStart
        if end != offset, ftruncate(descriptor, off_t(end)) != 0 {
            throw OutputError(path: url.path, message: "cannot cut the unfinished last line (\(String(cString: strerror(errno))))")
        }
    }

    func contains(_ id: String) -> Bool { Self.key(id.utf8).map { index[$0] != nil } ?? false }

    /// The stored row JSON of `id`, or nil.
    func row(_ id: String) -> Data? {
        guard let key = Self.key(id.utf8), let entry = index[key] else { return nil }
        let length = Int(entry.length)
        var bytes = [UInt8](repeating: 0, count: length)
        let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(entry.offset)) }
        return n == length ? Data(bytes) : nil
    }

    /// Appends one finished plan's row in a single write.
    func append(id: String, row: [UInt8]) throws(OutputError) {
        var line = Array(id.utf8)
        line.append(UInt8(ascii: "\t"))
        line += row.lazy.filter { $0 != UInt8(ascii: "\n") }
        line.append(UInt8(ascii: "\n"))
        let written = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(end)) }
        guard written == line.count else {
            // Leave no partial line behind for the next run to trust.
            _ = ftruncate(descriptor, off_t(end))
            throw OutputError(path: url.path, message: "cannot append to the row journal (\(String(cString: strerror(errno))))")
        }
        if let key = Self.key(id.utf8), let length = UInt32(exactly: line.count - id.utf8.count - 2) {
            index[key] = Entry(offset: end + UInt64(id.utf8.count + 1), length: length)
        }
        end += UInt64(line.count)
    }

    /// Flushes to disk; called once the batch is done.
    func synchronize() { _ = fsync(descriptor) }

    deinit { close(descriptor) }
}
