import Foundation
import Support

/// A problem with a Lab-pair CSV, naming the file, the line and what was expected.
public enum LabPairCSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// No data rows (empty, blank, or a header only).
    case empty(path: String)
    /// A row that is not six numbers in range; `found` says what was there instead.
    case badRow(path: String, line: Int, found: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read file (\(reason))"
        case .empty(let path):
            return "\(path): no data rows; expected lines of 6 numbers L1,a1,b1,L2,a2,b2 (an optional header line first)"
        case .badRow(let path, let line, let found):
            return "\(path):\(line): expected 6 numbers L1,a1,b1,L2,a2,b2, found \(found)"
        }
    }

    /// The line of a bad row (nil for whole-file errors).
    public var line: Int? {
        if case .badRow(_, let line, _) = self { return line }
        return nil
    }
}

/// Rows of CIELAB pairs read from CSV, in structure-of-arrays form for the batch ΔE00 kernel,
/// with each row's original text kept for echoing.
///
/// **Input contract.** Lines `L1,a1,b1,L2,a2,b2`: six decimal numbers (`DecimalParser` grammar:
/// signs, decimals, exponents; no NaN or infinity), blanks around fields allowed, `\n` or `\r\n`
/// line ends, blank lines ignored. If the first non-blank line contains no number at all it is a
/// header and is echoed with `,de00` appended. L* must lie in [0, 100], a* and b* in [−200, 200].
/// A row breaking any of these is an error naming its 1-based line; `BadRowPolicy` decides whether
/// the first one stops the read or each is collected and skipped.
///
/// **Output contract** (`formatted(deltaE:)`): every accepted row's text exactly as it appeared
/// (minus surrounding blanks and the line end), then `,` and ΔE00 with 6 decimals (`%.6f`,
/// `FixedDecimal`), `\n` line ends.
///
/// The whole file is held in memory (the rows are echoed from it): about the file size plus
/// 64 bytes per row, plus the output.
public struct LabPairTable: Sendable {
    public enum BadRowPolicy: Sendable { case stop, skip }

    /// The file's bytes; rows and the header are ranges into it.
    public let source: [UInt8]
    public let path: String
    /// Byte range of the header line, if there is one.
    public private(set) var header: Range<Int>?
    public private(set) var L1: [Double] = [], a1: [Double] = [], b1: [Double] = []
    public private(set) var L2: [Double] = [], a2: [Double] = [], b2: [Double] = []
    /// Start and end byte offsets of each accepted row's text.
    public private(set) var rowStart: [Int] = [], rowEnd: [Int] = []
    /// Rows refused under `.skip` (each a `.badRow`), in line order.
    public private(set) var skipped: [LabPairCSVError] = []

    public var count: Int { L1.count }

    /// Reads and parses a file.
    public init(contentsOf path: String, policy: BadRowPolicy = .stop) throws(LabPairCSVError) {
        try self.init(bytes: try Self.readFile(path), path: path, policy: policy)
    }

    /// Parses CSV bytes; `path` is only used in messages.
    public init(bytes: [UInt8], path: String, policy: BadRowPolicy = .stop) throws(LabPairCSVError) {
        source = bytes
        self.path = path
        var newlines = 0
        for byte in bytes where byte == 10 { newlines += 1 }
        let capacity = newlines + 1
        for k in 0..<6 { withColumn(k) { $0.reserveCapacity(capacity) } }
        rowStart.reserveCapacity(capacity); rowEnd.reserveCapacity(capacity)
        var failure: LabPairCSVError?
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            failure = parse(base, count: buffer.count, policy: policy)
        }
        if let failure { throw failure }
        if count == 0 && skipped.isEmpty { throw .empty(path: path) }
    }

    private mutating func withColumn(_ k: Int, _ body: (inout [Double]) -> Void) {
        switch k {
        case 0: body(&L1)
        case 1: body(&a1)
        case 2: body(&b1)
        case 3: body(&L2)
        case 4: body(&a2)
        default: body(&b2)
        }
    }

    static let fieldNames = ["L1", "a1", "b1", "L2", "a2", "b2"]

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 }

    /// One pass over the bytes; returns the error that stopped it (policy `.stop`), or nil.
    private mutating func parse(_ p: UnsafePointer<UInt8>, count n: Int, policy: BadRowPolicy) -> LabPairCSVError? {
        var pos = 0
        var line = 0
        var sawContent = false
        var values: (Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0)
        while pos < n {
            line += 1
            var end = pos
            if let hit = memchr(p + pos, 10, n - pos) {
                end = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else {
                end = n
            }
            let next = end + 1
            var s = pos, e = end
            if e > s && p[e - 1] == 13 { e -= 1 }
            while s < e && Self.isBlank(p[s]) { s += 1 }
            while e > s && Self.isBlank(p[e - 1]) { e -= 1 }
            pos = next
            if s == e { continue }
            let firstContent = !sawContent
            sawContent = true
            // Fast path: six numbers separated by commas.
            var i = s
            var field = 0
            var ok = true
            withUnsafeMutableBytes(of: &values) { raw in
                let v = raw.bindMemory(to: Double.self)
                while true {
                    while i < e && Self.isBlank(p[i]) { i += 1 }
                    guard let (value, after) = DecimalParser.scan(p, from: i, to: e) else { ok = false; return }
                    i = after
                    while i < e && Self.isBlank(p[i]) { i += 1 }
                    v[field] = value
                    field += 1
                    if i == e { break }
                    guard p[i] == UInt8(ascii: ","), field < 6 else { ok = false; return }
                    i += 1
                }
            }
            if ok && field == 6 {
                let (l1, x1, y1, l2, x2, y2) = values
                if Self.inRange(l1, x1, y1, l2, x2, y2) {
                        L1.append(l1); a1.append(x1); b1.append(y1); L2.append(l2); a2.append(x2); b2.append(y2)
                    rowStart.append(s); rowEnd.append(e)
                    continue
                }
            }
            // Slow path: say precisely what is wrong (or recognise the header).
            let fields = Self.fields(p, s, e)
            if firstContent && !fields.contains(where: { Self.number(p, $0) != nil }) {
                header = s..<e
                continue
            }
            if let stop = refuse(line: line, found: Self.describe(p, s, e, fields), policy: policy) { return stop }
        }
        return nil
    }

    private mutating func refuse(line: Int, found: String, policy: BadRowPolicy) -> LabPairCSVError? {
        let error = LabPairCSVError.badRow(path: path, line: line, found: found)
        if policy == .stop { return error }
        skipped.append(error)
        return nil
    }

    /// Field byte ranges of a line (blanks trimmed).
    static func fields(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = s
        var i = s
        while true {
            if i == e || p[i] == UInt8(ascii: ",") {
                var a = start, b = i
                while a < b && isBlank(p[a]) { a += 1 }
                while b > a && isBlank(p[b - 1]) { b -= 1 }
                out.append(a..<b)
                if i == e { break }
                start = i + 1
            }
            i += 1
        }
        return out
    }

    static func number(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Double? {
        guard let (v, next) = DecimalParser.scan(p, from: r.lowerBound, to: r.upperBound), next == r.upperBound else { return nil }
        return v
    }

    static func text(_ p: UnsafePointer<UInt8>, _ r: Range<Int>, limit: Int = 40) -> String {
        let t = String(decoding: UnsafeBufferPointer(start: p + r.lowerBound, count: r.count), as: UTF8.self)
        return t.count > limit ? String(t.prefix(limit)) + "…" : t
    }

    /// What a bad line holds, for the error message.
    static func describe(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ fields: [Range<Int>]) -> String {
        if fields.count != 6 {
            return "\(fields.count) field\(fields.count == 1 ? "" : "s"): '\(text(p, s..<e, limit: 80))'"
        }
        for (k, r) in fields.enumerated() {
            guard let v = number(p, r) else {
                let t = text(p, r).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
                if ["nan", "inf", "infinity"].contains(t) { return "'\(text(p, r))' as field \(k + 1) (\(fieldNames[k])); NaN and infinity are refused" }
                return r.isEmpty ? "an empty field \(k + 1) (\(fieldNames[k]))" : "'\(text(p, r))' as field \(k + 1) (\(fieldNames[k])), which is not a decimal number"
            }
            if !v.isFinite { return "'\(text(p, r))' as field \(k + 1) (\(fieldNames[k])), which overflows a double" }
        }
        for (k, r) in fields.enumerated() {
            let v = number(p, r)!
            if k % 3 == 0 && !(0...100).contains(v) { return "\(fieldNames[k]) = \(text(p, r)), outside 0–100 (L*)" }
            if k % 3 != 0 && !(-200...200).contains(v) { return "\(fieldNames[k]) = \(text(p, r)), outside −200–200 (a*, b*)" }
        }
        return "'\(text(p, s..<e, limit: 80))'"
    }

    /// True if L* ∈ [0, 100] and a*, b* ∈ [−200, 200] (false for NaN and infinities).
    @inline(__always)
    static func inRange(_ l1: Double, _ x1: Double, _ y1: Double, _ l2: Double, _ x2: Double, _ y2: Double) -> Bool {
        l1 >= 0 && l1 <= 100 && l2 >= 0 && l2 <= 100 && abs(x1) <= 200 && abs(y1) <= 200 && abs(x2) <= 200 && abs(y2) <= 200
    }

    static func readFile(_ path: String) throws(LabPairCSVError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "is a directory") }
        var bytes = [UInt8]()
        bytes.reserveCapacity(max(Int(st.st_size), 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    // MARK: ΔE00 and output

    /// ΔE00 of every row with the batch kernel.
    public func deltaE2000() -> [Double] {
        var out = [Double](repeating: 0, count: count)
        L1.withUnsafeBufferPointer { L1 in a1.withUnsafeBufferPointer { a1 in b1.withUnsafeBufferPointer { b1 in
        L2.withUnsafeBufferPointer { L2 in a2.withUnsafeBufferPointer { a2 in b2.withUnsafeBufferPointer { b2 in
        out.withUnsafeMutableBufferPointer { o in
            SkinOptics.deltaE2000(L1: L1, a1: a1, b1: b1, L2: L2, a2: a2, b2: b2, into: o)
        } } } } } } }
        return out
    }

    /// Decimals of the ΔE00 column.
    public static let deltaEDecimals = 6

    /// The output CSV: header (if any) + `,de00`, then each row's text + `,` + ΔE00 (6 decimals).
    public func formatted(deltaE: [Double]) -> [UInt8] {
        precondition(deltaE.count == count, "formatted: \(deltaE.count) values for \(count) rows")
        var capacity = 16 + (header?.count ?? 0)
        for k in 0..<count { capacity += rowEnd[k] - rowStart[k] + 2 + FixedDecimal.maxLength(of: deltaE[k], decimals: Self.deltaEDecimals) }
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            let o = out.baseAddress!
            var n = 0
            source.withUnsafeBufferPointer { src in
                let s = src.baseAddress!
                if let header {
                    (o + n).update(from: s + header.lowerBound, count: header.count); n += header.count
                    for c in ",de00\n".utf8 { o[n] = c; n += 1 }
                }
                rowStart.withUnsafeBufferPointer { starts in rowEnd.withUnsafeBufferPointer { ends in deltaE.withUnsafeBufferPointer { de in
                    for k in 0..<starts.count {
                        let len = ends[k] - starts[k]
                        (o + n).update(from: s + starts[k], count: len); n += len
                        o[n] = UInt8(ascii: ","); n += 1
                        n += FixedDecimal.write(de[k], decimals: Self.deltaEDecimals, to: o + n)
                        o[n] = 10; n += 1
                    }
                } } }
            }
            initialized = n
        }
    }
}
