import Foundation
import SkinOptics

/// JSON documents the CLI prints (`color --json`, `skin --json`): `Encodable` values written by
/// `JSONEncoder` with sorted keys, so escaping is the encoder's and key order is stable.
enum JSONOutput {
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// `x` rounded to `places` decimals: the printed number carries the precision the model has,
    /// not 17 digits of float noise.
    static func rounded(_ x: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (x * scale).rounded() / scale
    }

    /// CIELAB as `{"L", "a", "b"}` with 4 decimals.
    struct LabValue: Encodable {
        let L: Double, a: Double, b: Double
        init(_ c: Lab) { L = rounded(c.L, 4); a = rounded(c.a, 4); b = rounded(c.b, 4) }
    }
}
