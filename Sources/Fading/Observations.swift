import Foundation
import Support

/// What the observed value column means.
public enum ObservationKind: String, Sendable, Codable, CaseIterable {
    /// `series,day,value`: retained fraction (1 = freshly implanted). Fitted as y = R(t).
    case retained
    /// `series,day,L`: CIELAB L* of the pigmented spot. Fitted as
    /// L*(t) = L_skin + (L_day0 − L_skin)·R(t): affine in the retained fraction, with the skin
    /// lightness L_skin (all pigment gone) and L_day0 (full pigment) fitted as linear amplitudes.
    case lightness
    /// `series,day,L,a,b`: all three channels share one R(t); each channel c has its own
    /// c(t) = c_skin + (c_day0 − c_skin)·R(t). Residuals of L*, a*, b* are stacked (Euclidean
    /// ΔE*ab in effect), so σ is common to the channels.
    case lab

    public var channels: Int { self == .lab ? 3 : 1 }
    public var isAffine: Bool { self != .retained }
    var channelNames: [String] { self == .lab ? ["L", "a", "b"] : ["L"] }
    var columns: String { self == .lab ? "series,day,L,a,b" : (self == .lightness ? "series,day,L" : "series,day,value") }
}

/// One series of observations (one client / spot), in file order.
public struct ObservedSeries: Sendable, Equatable {
    public var name: String
    /// The day column (the second): days for fade data, the one predictor of a one-variable
    /// model, the first predictor column of a file with several.
    public var days: [Double]
    /// Channel-major: channel c of point i is `values[c * days.count + i]`.
    public var values: [Double]
    public var channels: Int
    /// Why this series cannot be read as days (a negative or a decreasing day), or nil. It
    /// fails the fits that read the column as days (the built-in models, a model file whose
    /// variable is `t`), not those of a model whose variable is a plain predictor.
    public var problem: String?
    /// The header's names of the predictor columns, the day column's first; empty without a header.
    public var predictorNames: [String]
    /// The predictor columns after the day column (`predictorNames[1...]`), each aligned with `days`.
    public var extraPredictors: [[Double]]

    public init(name: String, days: [Double], values: [Double], channels: Int = 1, problem: String? = nil,
                predictorNames: [String] = [], extraPredictors: [[Double]] = []) {
        self.name = name; self.days = days; self.values = values; self.channels = channels; self.problem = problem
        self.predictorNames = predictorNames; self.extraPredictors = extraPredictors
    }
}

/// Reads `series,day,value…` CSV. Blank lines and lines starting with `#` are skipped; a first
/// line whose day field is not a number is taken as the header. With `namedPredictors` (for
/// models of several variables) the header is required and may name several predictor columns
/// between the series and the value column(s), `series,t,dose,value`, which such models read by
/// name; without, the layout is fixed, so a file with a stray column fails at its first row. Rows of one series need not be adjacent; series keep their order of first
/// appearance. A malformed row (wrong field count, non-numeric or non-finite number, empty series
/// name) fails the whole file with path:line. Repeated days (replicates) are fine; a negative or
/// decreasing day is noted on its series (`problem`) for the models that read days.
public enum ObservationReader {
    /// At most this many predictor columns (a model has at most `ExpressionLimits.maximumVariables`).
    static let maximumPredictors = ExpressionLimits.maximumVariables

    public static func read(contentsOf url: URL, kind: ObservationKind, namedPredictors: Bool = false) throws(FadeError) -> [ObservedSeries] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .malformedData(path: url.path, reason: "cannot read observations (\(error.localizedDescription))")
        }
        let result: Result<[ObservedSeries], FadeError> = data.withUnsafeBytes { raw in
            do throws(FadeError) { return .success(try parse(raw.bindMemory(to: UInt8.self), path: url.path, kind: kind, namedPredictors: namedPredictors)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String, path: String = "<input>", kind: ObservationKind, namedPredictors: Bool = false) throws(FadeError) -> [ObservedSeries] {
        try parse(Array(text.utf8), path: path, kind: kind, namedPredictors: namedPredictors)
    }

    private struct Builder {
        var name: String
        var days: [Double] = []
        var extra: [[Double]]
        var channelValues: [[Double]]
        var lastLine = 0
        var problem: String?
    }

    public static func parse(_ bytes: [UInt8], path: String, kind: ObservationKind, namedPredictors: Bool = false) throws(FadeError) -> [ObservedSeries] {
        try bytes.withUnsafeBufferPointer { (b) throws(FadeError) in try parse(b, path: path, kind: kind, namedPredictors: namedPredictors) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, kind: ObservationKind,
                             namedPredictors: Bool = false) throws(FadeError) -> [ObservedSeries] {
        var fieldCount = 2 + kind.channels
        var predictors = 1
        var predictorNames: [String] = []
        var columnNames = ["series", "day"] + kind.channelNames.map { kind == .retained ? "value" : $0 }
        var columnsText = kind.columns
        var builders: [Builder] = []
        var index: [String: Int] = [:]
        var lastName: Slice<UnsafeBufferPointer<UInt8>> = bytes[0..<0]
        var lastIndex = -1
        var sawContent = false
        var line = 0
        var start = 0
        let capacity = 2 + maximumPredictors + 3
        var fields = [Range<Int>](repeating: 0..<0, count: capacity)
        let n = bytes.count
        var numbers = [Double](repeating: 0, count: capacity)
        func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        while start < n {
            line += 1
            // One pass: field boundaries up to the end of the line.
            var count = 0
            var fieldStart = start
            var end = start
            while end < n {
                let c = bytes[end]
                if c == 10 { break }
                if c == 44 {
                    if count < capacity { fields[count] = fieldStart..<end }
                    count += 1
                    fieldStart = end + 1
                }
                end += 1
            }
            var stop = end
            if stop > start && bytes[stop - 1] == 13 { stop -= 1 }
            defer { start = end + 1 }
            if count < capacity { fields[count] = fieldStart..<max(fieldStart, stop) }
            count += 1
            // Skip blank and comment lines.
            var first = start
            while first < stop && (bytes[first] == 32 || bytes[first] == 9) { first += 1 }
            if first == stop || bytes[first] == 35 { continue }
            let isFirstContent = !sawContent
            sawContent = true
            let isHeader = isFirstContent && count >= 2 && parseNumber(bytes, fields[1]) == nil
            if isFirstContent && namedPredictors && !isHeader {
                throw .malformedRow(path: path, line: line, reason: "expected a header naming the columns (series, the predictors a model reads, then \(columnNames.dropFirst(2).joined(separator: ",")))")
            }
            if isHeader {
                // The header: with named predictors, the columns between the series and the values.
                if namedPredictors {
                    guard count >= fieldCount else {
                        throw .malformedRow(path: path, line: line, reason: "the header names \(count) columns; expected the series, at least one predictor, then \(columnNames.dropFirst(2).joined(separator: ","))")
                    }
                    predictors = count - 1 - kind.channels
                    guard predictors <= maximumPredictors else {
                        throw .malformedRow(path: path, line: line, reason: "the header names \(predictors) predictor columns; at most \(maximumPredictors) are read")
                    }
                    fieldCount = count
                    columnNames = (0..<count).map { text(fields[$0]) }
                    columnsText = columnNames.joined(separator: ",")
                    predictorNames = Array(columnNames[1...predictors])
                    if let blank = predictorNames.firstIndex(where: \.isEmpty) {
                        throw .malformedRow(path: path, line: line, reason: "column \(blank + 2) of the header has no name")
                    }
                    if let twice = predictorNames.first(where: { name in predictorNames.filter { $0 == name }.count > 1 }) {
                        throw .malformedRow(path: path, line: line, reason: "the header names the column '\(twice)' twice")
                    }
                    columnNames[0] = "series"
                } else {
                    predictorNames = [text(fields[1])].filter { !$0.isEmpty }
                }
                continue
            }
            guard count == fieldCount else {
                throw .malformedRow(path: path, line: line, reason: "expected \(fieldCount) fields (\(columnsText)), found \(count)")
            }
            for k in 1..<fieldCount {
                guard let v = parseNumber(bytes, fields[k]), v.isFinite else {
                    throw .malformedRow(path: path, line: line, reason: "\(columnNames[k]) '\(text(fields[k]))' is not a finite number")
                }
                numbers[k - 1] = v
            }
            var nameRange = fields[0]
            while nameRange.lowerBound < nameRange.upperBound && (bytes[nameRange.lowerBound] == 32 || bytes[nameRange.lowerBound] == 9) { nameRange = (nameRange.lowerBound + 1)..<nameRange.upperBound }
            while nameRange.lowerBound < nameRange.upperBound && (bytes[nameRange.upperBound - 1] == 32 || bytes[nameRange.upperBound - 1] == 9) { nameRange = nameRange.lowerBound..<(nameRange.upperBound - 1) }
            guard !nameRange.isEmpty else { throw .malformedRow(path: path, line: line, reason: "empty series name") }
            let b: Int
            if lastIndex >= 0 && bytes[nameRange].elementsEqual(lastName) {
                b = lastIndex
            } else {
                let name = String(decoding: bytes[nameRange], as: UTF8.self)
                if let existing = index[name] { b = existing } else {
                    b = builders.count
                    index[name] = b
                    builders.append(Builder(name: name, extra: Array(repeating: [], count: predictors - 1),
                                            channelValues: Array(repeating: [], count: kind.channels)))
                }
                lastIndex = b
                lastName = bytes[nameRange]
            }
            let day = numbers[0]
            if builders[b].problem == nil {
                if day < 0 {
                    builders[b].problem = "\(path):\(line): day \(format(day)) is negative (days count from the session)"
                } else if let previous = builders[b].days.last, day < previous {
                    builders[b].problem = "\(path):\(line): day \(format(day)) does not follow day \(format(previous)) at line \(builders[b].lastLine) (days must not decrease within a series; a repeated day is a replicate)"
                }
            }
            builders[b].days.append(day)
            for k in 1..<predictors { builders[b].extra[k - 1].append(numbers[k]) }
            for c in 0..<kind.channels { builders[b].channelValues[c].append(numbers[predictors + c]) }
            builders[b].lastLine = line
        }
        guard !builders.isEmpty else {
            throw .malformedData(path: path, reason: "no observations (expected rows \(columnsText))")
        }
        return builders.map { b in
            ObservedSeries(name: b.name, days: b.days, values: b.channelValues.flatMap { $0 }, channels: kind.channels, problem: b.problem,
                           predictorNames: predictorNames, extraPredictors: b.extra)
        }
    }

    static func format(_ v: Double) -> String { CSV.number(v) }

    /// Parses a decimal number from a byte range, blanks around it allowed, by Support's
    /// `DecimalParser` (the same bits as `Double(String)`, no String per field). Hexadecimal,
    /// `nan` and `inf` spellings are not numbers here.
    static func parseNumber(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        bytes.withUnsafeBufferPointer { parseNumber($0, range) }
    }

    static func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
        return DecimalParser.parse(UnsafeBufferPointer(rebasing: bytes[lo..<hi]))
    }
}
