/// SplitMix64 (Steele, Lea & Flood 2014): a tiny 64-bit generator. Stipple uses it to expand one
/// user seed into the 256-bit state of `Xoshiro256StarStar` (as the xoshiro authors recommend),
/// to derive independent seed streams from a plan's seed, for the hairline's smooth noise, and
/// for reproducible test data.
///
/// Pure integer arithmetic with wrapping operators, so the sequence is identical on every
/// platform and Swift version (unlike `SystemRandomNumberGenerator`, which Stipple never uses).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform double in [0, 1) from the top 53 bits (exact, platform-independent).
    @inlinable
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018): the generator behind every random choice in
/// `Impressions`. Fast (a few shifts and rotates), 2^256 − 1 period, passes BigCrush.
///
/// Determinism: the state is seeded from a single `UInt64` through `SplitMix64`, and all
/// derived values (`nextUnit()`) use only integer operations and exact conversions, so the
/// same seed gives the same dots on Linux and macOS, in debug and release.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        // SplitMix64 never yields four zeros in a row, so the all-zero (stuck) state cannot occur.
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform double in [0, 1) from the top 53 bits: exact, platform-independent
    /// (we avoid `Double.random(in:using:)`, whose algorithm the standard library may change).
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform integer in 0..<bound (bound > 0) by Lemire's multiply-shift; the tiny bias
    /// (< bound / 2^64) is irrelevant here and the result is platform-independent.
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A generator for an independent stream (e.g. one per block), derived from this seed and
    /// a stream number without advancing `self`.
    public static func stream(seed: UInt64, _ stream: UInt64) -> Xoshiro256StarStar {
        var sm = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return Xoshiro256StarStar(seed: sm.next())
    }
}

@inlinable
func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
