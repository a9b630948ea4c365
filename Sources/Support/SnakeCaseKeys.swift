import Foundation

/// JSON key style for Stipple's reports: camelCase property names become snake_case
/// (`impressionsPerCM2` → `impressions_per_cm2`), except one-letter keys, which stay as they
/// are so CIELAB components read `L`, `a`, `b` as colour scientists write them.
public enum SnakeCaseKeys {
    public static func convert(_ key: String) -> String {
        guard key.count > 1 else { return key }
        let chars = Array(key)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { out.append("_") }
            }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }

    public static var strategy: JSONEncoder.KeyEncodingStrategy {
        .custom { path in
            let key = path.last!
            return AnyKey(cache.converted(key.stringValue))
        }
    }

    /// Keys already converted. The encoder asks for every key of every object (report.json
    /// repeats the same few hundred property names for each session, region and follow-up), and
    /// `convert` walks the key's Characters; this keeps each answer. Shared by all encoders and
    /// threads (a batch encodes plans side by side), so it is locked, and bounded, since the
    /// strategy also sees dictionary keys, which come from plans.
    package static let cache = Cache()

    package final class Cache: @unchecked Sendable {
        package static let capacity = 4096
        private var converted: [String: String] = [:]
        private let lock = NSLock()

        package init() {}

        package func converted(_ key: String) -> String {
            lock.lock()
            let hit = converted[key]
            lock.unlock()
            if let hit { return hit }
            let value = SnakeCaseKeys.convert(key)
            lock.lock()
            if converted.count < Self.capacity { converted[key] = value }
            lock.unlock()
            return value
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
