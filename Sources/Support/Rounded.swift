import Foundation

// Stipple's one rounding rule, for every number it prints: the exact binary value rounded to
// N decimals, ties to even — what `FixedDecimal` (and so `%.Nf`) writes. The JSON documents,
// the CSV files and the pages all round through here, so one number never prints two ways
// (report.json used to scale, round half away from zero and divide, while the CSVs wrote `%.Nf`:
// the two differ on exact ties such as 0.125 → 0.13 / 0.12 and where x·10ᴺ itself rounds onto .5).

extension Double {
    /// `self` rounded to `places` decimals (0…15) by the one rule: the Double nearest the decimal
    /// `FixedDecimal` prints, so it encodes as that decimal (0.3, not 0.30000000000000004).
    /// Non-finite values come back unchanged.
    public func rounded(places: Int) -> Double {
        guard isFinite else { return self }
        return Double(FixedDecimal.string(self, decimals: places)) ?? self
    }
}

/// A stored number rounded to `places` decimals when it is set: a record declares its precision
/// once, beside the field (`@Rounded<2> var treatedAreaCM2: Double`), and both its JSON and any
/// CSV written from it carry the same rounded value.
@propertyWrapper
public struct Rounded<let places: Int>: Sendable, Equatable, Encodable {
    private var value: Double

    public init(wrappedValue: Double) { value = wrappedValue.rounded(places: places) }

    public var wrappedValue: Double {
        get { value }
        set { value = newValue.rounded(places: places) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// `Rounded` for an optional number; nil leaves the key out of the JSON, as a plain `Double?` does.
@propertyWrapper
public struct RoundedIfPresent<let places: Int>: Sendable, Equatable, Encodable {
    private var value: Double?

    public init(wrappedValue: Double?) { value = wrappedValue.map { $0.rounded(places: places) } }

    public var wrappedValue: Double? {
        get { value }
        set { value = newValue.map { $0.rounded(places: places) } }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension KeyedEncodingContainer {
    /// Synthesised `Encodable` calls `encode(_:forKey:)` for a wrapped property; this overload
    /// leaves an absent value's key out (what `encodeIfPresent` does for a plain optional).
    public mutating func encode<let places: Int>(_ value: RoundedIfPresent<places>, forKey key: Key) throws {
        if let number = value.wrappedValue { try encode(number, forKey: key) }
    }
}
