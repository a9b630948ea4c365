import Foundation
import Plans
import Support

/// Thresholds of the plan review, read from `Data/review/rules.json`: each group carries its
/// reasoning (`why`, citing `Data/SOURCES.md` entries by name), which its finding states once.
public struct ReviewRules: Decodable, Sendable {
    public struct Layering: Decodable, Sendable { public var minSessions: Int; public var maxStepWarning, maxStepError: Double; public var why: String }
    public struct Interval: Decodable, Sendable { public var minDaysError, minDaysWarning, maxDaysNote: Double; public var why: String }
    public struct Depth: Decodable, Sendable { public var errorAboveMM: Double; public var why: String }
    public struct Needle: Decodable, Sendable { public var maxMM, finishingMaxMM: Double; public var why: String }
    public struct Spacing: Decodable, Sendable {
        public var minSpacingFactor, maxMergeFractionWarning, maxMergeFractionError, maxCoverageError: Double; public var why: String
    }
    public struct Density: Decodable, Sendable {
        public var hairsPerFollicularUnit, maxTargetPerUnitDensity: Double; public var why: String
        /// A session reaching less than this fraction of its own target is a shortfall.
        public var minReachedFraction: Double
        public var shortfallWhy: String
    }
    public struct Hairline: Decodable, Sendable { public var minHeightMM, minTransitionMM, minIrregularity: Double; public var why: String }
    public struct Colour: Decodable, Sendable { public var maxDeltaE00ToHair, maxLightnessDifference: Double; public var why: String }
    public struct Fading: Decodable, Sendable { public var minTouchUpDays: Double; public var why: String }
    public struct Scar: Decodable, Sendable { public var minSessions: Int; public var maxCamouflagedDeltaE00: Double; public var why: String }

    public var layering: Layering
    public var interval: Interval
    public var depth: Depth
    public var needle: Needle
    public var spacing: Spacing
    public var density: Density
    public var hairline: Hairline
    public var colour: Colour
    public var fading: Fading
    /// Scar areas (`areas:` of kind scar-strip or scar-fue).
    public var scar: Scar

    /// Reads `review/rules.json` under the data folder.
    public init(data: DataLibrary) throws(SimulationError) {
        let url = data.root.appendingPathComponent("review/rules.json")
        do {
            self = try StippleJSON.decoder().decode(ReviewRules.self, from: Data(contentsOf: url))
        } catch {
            throw .data("\(url.path): expected the review thresholds (see Data/review/README.md): \(error)")
        }
    }
}

/// One thing a seasoned artist would point out in a plan.
public struct ReviewFinding: Sendable, Equatable, Encodable {
    public enum Severity: String, Sendable, Encodable, CaseIterable {
        case error, warning, note
    }
    public enum Category: String, Sendable, Encodable, CaseIterable {
        case layering, interval, depth, needle, spacing, density, hairline, colour, fading
        case scar
    }

    /// Stable id, e.g. `layering.single-session`.
    public var rule: String
    public var category: Category
    public var severity: Severity
    /// 1-based sessions it applies to, in order (empty: the whole plan); `session` is the first
    /// of them. One finding per rule lists every session that breaks it.
    public var sessions: [Int]
    public var session: Int? { sessions.first }
    /// The region it applies to (nil: the whole scalp).
    public var region: String?
    /// What was measured and the limit it was held to (units in the message).
    public var value: Double
    public var threshold: Double
    public var message: String
    public var why: String
    public var fix: String

    enum CodingKeys: String, CodingKey { case rule, category, severity, session, sessions, region, value, threshold, message, why, fix }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(category, forKey: .category)
        try c.encode(severity, forKey: .severity)
        try c.encode(session, forKey: .session)  // null when it applies to the whole plan
        try c.encode(sessions, forKey: .sessions)
        try c.encode(region, forKey: .region)
        try c.encode((value * 1e4).rounded() / 1e4, forKey: .value)
        try c.encode((threshold * 1e4).rounded() / 1e4, forKey: .threshold)
        try c.encode(message, forKey: .message)
        try c.encode(why, forKey: .why)
        try c.encode(fix, forKey: .fix)
    }
}
