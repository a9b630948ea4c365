import Foundation
import SkinOptics
import Support

/// JSON documents the CLI prints (`color --json`, `skin --json`): `Encodable` values written by
/// `StippleJSON`, keys as declared (they are spelled as printed, `delta_L` included).
enum JSONOutput {
    static func text<T: Encodable>(_ value: T) throws -> String {
        try StippleJSON.text(value, keys: .asDeclared)
    }

    /// `x` rounded to `places` decimals: the printed number carries the precision the model has,
    /// not 17 digits of float noise.
    static func rounded(_ x: Double, _ places: Int) -> Double {
        x.rounded(places: places)
    }

    /// CIELAB as `{"L", "a", "b"}` with 4 decimals.
    struct LabValue: Encodable {
        let L: Double, a: Double, b: Double
        init(_ c: Lab) { L = rounded(c.L, 4); a = rounded(c.a, 4); b = rounded(c.b, 4) }
    }
}
