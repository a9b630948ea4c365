/// An optional that JSON always carries: `null` when absent, so a reader finds every key (as a
/// CSV has every column). The compiler's `Encodable` leaves a nil optional's key out; this
/// wrapper is the one way a type keeps it, instead of a hand-written `encode(to:)` per type.
/// Decoding takes a missing key or `null` as nil, as for a plain optional.
@propertyWrapper
public struct NullWhenAbsent<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// Synthesised `Decodable` calls `decode(_:forKey:)` for a wrapped property; this overload
    /// reads a missing key as nil instead of failing.
    public func decode<Value>(_ type: NullWhenAbsent<Value>.Type, forKey key: Key) throws -> NullWhenAbsent<Value> {
        try decodeIfPresent(type, forKey: key) ?? NullWhenAbsent(wrappedValue: nil)
    }
}
