/// A type with the value a file that predates it stands for: what a `DefaultWhenAbsent`
/// property reads when its key is missing or null.
public protocol DecodingDefault: Codable, Equatable {
    static var decodingDefault: Self { get }
}

/// A missing list is an empty one.
extension Array: DecodingDefault where Element: Codable & Equatable {
    public static var decodingDefault: [Element] { [] }
}

/// A non-optional value that older files may lack: a missing key or `null` decodes as
/// `Value.decodingDefault`; the value is encoded as itself. With it the compiler's `Decodable`
/// serves a type whose only reason for a hand-written `init(from:)` was such a default (the
/// compiler's own reads a missing non-optional key as an error).
@propertyWrapper
public struct DefaultWhenAbsent<Value: DecodingDefault>: Codable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension DefaultWhenAbsent: Sendable where Value: Sendable {}

extension KeyedDecodingContainer {
    /// Synthesised `Decodable` calls `decode(_:forKey:)` for a wrapped property; this overload
    /// reads a missing key or `null` as the default instead of failing.
    public func decode<Value>(_ type: DefaultWhenAbsent<Value>.Type, forKey key: Key) throws -> DefaultWhenAbsent<Value> {
        try decodeIfPresent(type, forKey: key) ?? DefaultWhenAbsent(wrappedValue: Value.decodingDefault)
    }
}
