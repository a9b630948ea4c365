import ArgumentParser
import Fading
import Foundation

/// `--days`: a list `0,30,90` or a range `start:end:step`, non-negative and increasing.
///
/// The text is parsed when the argument is read, but a bad value is reported by the command's
/// `run()` (exit status 1, one line naming the problem), as every other input error of the fade
/// commands is, rather than with the parser's usage text.
public struct DayList: CheckedOption {
    public let parsed: Result<[Double], FadeError>
    public init(parsed: Result<[Double], FadeError>) { self.parsed = parsed }

    public static func parse(_ text: String) throws(FadeError) -> [Double] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var days: [Double] = []
        let range = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if range.count == 3 {
            guard let a = Double(range[0]), let b = Double(range[1]), let s = Double(range[2]), a.isFinite, b.isFinite, s.isFinite, s > 0 else {
                throw .invalidDays(reason: "--days range must be start:end:step with step > 0, got '\(text)'")
            }
            guard (b - a) / s <= 100_000 else { throw .invalidDays(reason: "--days range '\(text)' has more than 100000 steps") }
            var d = a
            while d <= b + 1e-9 * s { days.append(d); d += s }
        } else {
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw .invalidDays(reason: "'\(part)' in --days is not a number (expected e.g. 0,30,90 or 0:1825:30)")
                }
                days.append(v)
            }
        }
        guard !days.isEmpty else { throw .invalidDays(reason: "--days is empty") }
        if let bad = days.first(where: { $0 < 0 }) { throw .invalidDays(reason: "day \(bad) is negative (days count from the session)") }
        for (a, b) in zip(days, days.dropFirst()) where b <= a {
            throw .invalidDays(reason: "days must increase: \(b) follows \(a)")
        }
        return days
    }
}

/// `--param` / `--start`: `name=value` pairs (repeatable, or comma-separated in one argument).
/// Like `DayList`, a malformed pair is reported by `run()` with the option's name.
public struct Assignments: ExpressibleByArgument, Sendable {
    public let text: String

    public init(argument: String) { text = argument }

    /// All pairs of `items`, later ones overriding earlier ones.
    public static func merged(_ items: [Assignments], option: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            for part in item.text.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, !kv[0].isEmpty, let v = Double(kv[1]), v.isFinite else {
                    throw ValidationError("\(option) expects name=value with a finite number, got '\(part)'")
                }
                out[kv[0]] = v
            }
        }
        return out
    }
}
