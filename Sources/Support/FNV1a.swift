/// FNV-1a, 64 bit: the project's one content hash (batch plan ids, the golden-output list). Tiny,
/// fast and stable across platforms and Swift versions (unlike `Hasher`, which is seeded per
/// process). It detects changes; it is not a security boundary.
public enum FNV1a {
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let hex = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
