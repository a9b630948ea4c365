import Foundation

/// Individual Typology Angle, ITA° = atan2(L* − 50, b*)·180/π (Chardon, Cretois & Hourseau 1991;
/// classes as in Del Bino et al. 2006, Data/SOURCES.md). atan2 keeps the angle defined for b* ≤ 0.
public struct ITA: Equatable, Sendable {
    public let degrees: Double

    public enum Category: String, Sendable, CaseIterable {
        case veryLight = "very light", light, intermediate, tan, brown, dark
    }

    public init(_ lab: Lab) { degrees = Foundation.atan2(lab.L - 50, lab.b) * 180 / Double.pi }
    public init(degrees: Double) { self.degrees = degrees }

    /// very light > 55°, light 41–55°, intermediate 28–41°, tan 10–28°, brown −30–10°, dark < −30°.
    /// A boundary value belongs to the lighter class's lower end (e.g. 55° is light).
    public var category: Category {
        switch degrees {
        case let d where d > 55: return .veryLight
        case let d where d > 41: return .light
        case let d where d > 28: return .intermediate
        case let d where d > 10: return .tan
        case let d where d >= -30: return .brown
        default: return .dark
        }
    }
}
