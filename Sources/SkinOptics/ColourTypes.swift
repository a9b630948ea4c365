import Support

/// CIE 1976 L*a*b* (D65 white, 2° observer).
public struct Lab: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var L: Double
    public var a: Double
    public var b: Double
    public init(L: Double, a: Double, b: Double) { self.L = L; self.a = a; self.b = b }
    /// Chroma C*ab = √(a*² + b*²).
    public var chroma: Double { (a * a + b * b).squareRoot() }
    /// Hue angle h_ab in degrees, [0, 360).
    public var hueDegrees: Double {
        let h = atan2Degrees(b, a)
        return h < 0 ? h + 360 : h
    }
    public var description: String {
        "Lab(\(fmt(L)), \(fmt(a)), \(fmt(b)))"
    }
}

/// CIE XYZ tristimulus values scaled so the perfect reflecting diffuser has Y = 100.
public struct XYZ: Equatable, Hashable, Sendable {
    public var X: Double
    public var Y: Double
    public var Z: Double
    public init(X: Double, Y: Double, Z: Double) { self.X = X; self.Y = Y; self.Z = Z }
}

/// An 8-bit sRGB colour (IEC 61966-2-1 transfer function, D65 white).
public struct RGB8: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// Parses `#rrggbb` or `rrggbb`; nil if malformed.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(r: UInt8(v >> 16 & 0xff), g: UInt8(v >> 8 & 0xff), b: UInt8(v & 0xff))
    }

    /// `#rrggbb`, lowercase (written byte by byte: every fade look of a plan names its colour).
    public var hex: String {
        String(unsafeUninitializedCapacity: 7) { out in
            let digits: StaticString = "0123456789abcdef"
            let d = digits.utf8Start
            out[0] = UInt8(ascii: "#")
            out[1] = d[Int(r >> 4)]; out[2] = d[Int(r & 15)]
            out[3] = d[Int(g >> 4)]; out[4] = d[Int(g & 15)]
            out[5] = d[Int(b >> 4)]; out[6] = d[Int(b & 15)]
            return 7
        }
    }
    public var description: String { hex }
}

import Foundation

@inline(__always) func atan2Degrees(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) * 180 / Double.pi }

func fmt(_ x: Double) -> String { FixedDecimal.string(x, decimals: 2) }
