import Foundation

/// Dots of one colour to be splatted onto skin, as flat arrays (chart mm).
public struct SplatLayer: Sendable {
    public var colour: RGB
    public var x: [Double] = []
    public var y: [Double] = []
    /// Core radius of each dot, mm.
    public var radiusMM: [Float] = []
    /// Edge softness (Gaussian σ of the blurred rim), mm, one per layer.
    public var softnessMM: Double
    /// Peak opacity 0…1.
    public var opacity: Double

    public init(colour: RGB, softnessMM: Double, opacity: Double = 1) {
        self.colour = colour
        self.softnessMM = softnessMM
        self.opacity = opacity
    }

    public mutating func append(x: Double, y: Double, radiusMM: Float) {
        self.x.append(x)
        self.y.append(y)
        self.radiusMM.append(radiusMM)
    }
}

/// Paints a close-up of skin with dots splatted at their true size.
///
/// Compositing is done in linear light (sRGB decoded), as pigment and skin mix physically; each
/// dot's opacity profile is a disc of its core radius blurred by a Gaussian rim of σ = softness:
/// α(ρ) = opacity · ½·erfc((ρ − r) / (σ√2)), the 1-D edge profile of a blurred disc.
public enum SkinPatchRenderer {
    public static func render(background: RGB, layers: [SplatLayer], absorbers: [AbsorberLayer] = [],
                              surfaceReflectance: Float = 0, centreX: Double, centreY: Double,
                              widthMM: Double, heightMM: Double, pixelsPerMM: Double) -> RGBImage {
        let w = max(1, Int((widthMM * pixelsPerMM).rounded())), h = max(1, Int((heightMM * pixelsPerMM).rounded()))
        let x0 = centreX - widthMM / 2, y0 = centreY - heightMM / 2
        let bg = LinearRGB(background)
        var r = [Float](repeating: bg.r, count: w * h), g = [Float](repeating: bg.g, count: w * h), b = [Float](repeating: bg.b, count: w * h)
        func splat(_ layer: SplatLayer) {
            let c = LinearRGB(layer.colour)
            let sigma = max(layer.softnessMM, 0.35 / pixelsPerMM)  // never sharper than a pixel
            for i in layer.x.indices {
                let core = Double(layer.radiusMM[i])
                let reach = core + 3 * sigma
                guard layer.x[i] > x0 - reach, layer.x[i] < x0 + widthMM + reach,
                      layer.y[i] > y0 - reach, layer.y[i] < y0 + heightMM + reach else { continue }
                let cx = (layer.x[i] - x0) * pixelsPerMM, cy = (layer.y[i] - y0) * pixelsPerMM
                let rp = reach * pixelsPerMM
                let (pxa, pxb) = (max(0, Int(cx - rp)), min(w - 1, Int(cx + rp)))
                let (pya, pyb) = (max(0, Int(cy - rp)), min(h - 1, Int(cy + rp)))
                guard pxa <= pxb, pya <= pyb else { continue }
                let invEdge = 1 / (sigma * 2.0.squareRoot())
                for py in pya...pyb {
                    let dy = (Double(py) + 0.5 - cy) / pixelsPerMM
                    for px in pxa...pxb {
                        let dx = (Double(px) + 0.5 - cx) / pixelsPerMM
                        let rho = (dx * dx + dy * dy).squareRoot()
                        let alpha = Float(layer.opacity) * EdgeProfile.value((rho - core) * invEdge)
                        guard alpha > 1e-4 else { continue }
                        let k = py * w + px
                        r[k] += (c.r - r[k]) * alpha
                        g[k] += (c.g - g[k]) * alpha
                        b[k] += (c.b - b[k]) * alpha
                    }
                }
            }
        }
        for layer in layers { splat(layer) }
        if !absorbers.isEmpty {
            var ar = [Float](repeating: 0, count: w * h), ag = ar, ab = ar
            for layer in absorbers {
                layer.accumulate(into: &ar, &ag, &ab, width: w, height: h, x0: x0, y0: y0, pixelsPerMM: pixelsPerMM)
            }
            for k in 0..<(w * h) where ar[k] > 0 || ag[k] > 0 || ab[k] > 0 {
                r[k] *= Foundation.exp(-ar[k]); g[k] *= Foundation.exp(-ag[k]); b[k] *= Foundation.exp(-ab[k])
            }
        }
        var image = RGBImage(width: w, height: h)
        for k in 0..<(w * h) {
            image.bytes[3 * k] = LinearRGB.encode(r[k] + surfaceReflectance)
            image.bytes[3 * k + 1] = LinearRGB.encode(g[k] + surfaceReflectance)
            image.bytes[3 * k + 2] = LinearRGB.encode(b[k] + surfaceReflectance)
        }
        return image
    }
}

/// ½·erfc(t), the edge profile of a Gaussian-blurred disc, by linear interpolation in a table
/// over t ∈ [−4, 4] (error < 1e-6, below an 8-bit step by far): `erfc` per pixel and splat was
/// the largest cost of the close-ups.
enum EdgeProfile {
    static let limit = 4.0, steps = 2048
    static let table: [Float] = (0...steps).map { Float(0.5 * erfc(-limit + 2 * limit * Double($0) / Double(steps))) }

    @inline(__always)
    static func value(_ t: Double) -> Float {
        if t <= -limit { return 1 }
        if t >= limit { return 0 }
        let u = (t + limit) * (Double(steps) / (2 * limit))
        let j = min(steps - 1, Int(u))
        let f = Float(u - Double(j))
        return table.withUnsafeBufferPointer { $0[j] + ($0[j + 1] - $0[j]) * f }
    }
}

/// Dots drawn as absorbers: each multiplies the light beneath it by exp(−A(ρ)) per channel, so
/// overlapping dots combine in absorbance (two dots merge into one darker blot, as pigment does)
/// rather than one painting over the other. A(ρ) is a radial profile on a uniform grid of
/// `stepMM` (linear interpolation; 0 beyond the last sample), the same for every dot of the
/// layer (dots grown over the years come with their own profile).
public struct AbsorberLayer: Sendable {
    public var x: [Double] = []
    public var y: [Double] = []
    public var absorbanceR: [Float], absorbanceG: [Float], absorbanceB: [Float]
    public var stepMM: Double

    public init(absorbanceR: [Float], absorbanceG: [Float], absorbanceB: [Float], stepMM: Double) {
        precondition(absorbanceR.count == absorbanceG.count && absorbanceG.count == absorbanceB.count && absorbanceR.count >= 2)
        self.absorbanceR = absorbanceR; self.absorbanceG = absorbanceG; self.absorbanceB = absorbanceB
        self.stepMM = stepMM
    }

    public mutating func append(x: Double, y: Double) {
        self.x.append(x)
        self.y.append(y)
    }

    /// Radius (mm) beyond which the profile is zero.
    public var reachMM: Double { Double(absorbanceR.count - 1) * stepMM }

    /// Adds every dot's absorbance at each pixel centre within its reach.
    func accumulate(into ar: inout [Float], _ ag: inout [Float], _ ab: inout [Float], width w: Int, height h: Int,
                    x0: Double, y0: Double, pixelsPerMM: Double) {
        let reach = reachMM
        let last = absorbanceR.count - 1
        let toIndex = 1 / stepMM
        absorbanceR.withUnsafeBufferPointer { pr in
        absorbanceG.withUnsafeBufferPointer { pg in
        absorbanceB.withUnsafeBufferPointer { pb in
            for i in x.indices {
                let cx = (x[i] - x0) * pixelsPerMM, cy = (y[i] - y0) * pixelsPerMM
                let rp = reach * pixelsPerMM
                let (pxa, pxb) = (max(0, Int((cx - rp).rounded(.down))), min(w - 1, Int(cx + rp)))
                let (pya, pyb) = (max(0, Int((cy - rp).rounded(.down))), min(h - 1, Int(cy + rp)))
                guard pxa <= pxb, pya <= pyb else { continue }
                for py in pya...pyb {
                    let dy = (Double(py) + 0.5 - cy) / pixelsPerMM
                    for px in pxa...pxb {
                        let dx = (Double(px) + 0.5 - cx) / pixelsPerMM
                        let u = (dx * dx + dy * dy).squareRoot() * toIndex
                        guard u < Double(last) else { continue }
                        let j = Int(u)
                        let f = Float(u - Double(j))
                        let k = py * w + px
                        ar[k] += pr[j] + (pr[j + 1] - pr[j]) * f
                        ag[k] += pg[j] + (pg[j + 1] - pg[j]) * f
                        ab[k] += pb[j] + (pb[j + 1] - pb[j]) * f
                    }
                }
            }
        }
        }
        }
    }
}

/// Linear-light RGB from 8-bit sRGB (IEC 61966-2-1 transfer curve) and back.
public struct LinearRGB: Sendable {
    public var r: Float, g: Float, b: Float

    public init(_ c: RGB) {
        r = Self.decode(c.r)
        g = Self.decode(c.g)
        b = Self.decode(c.b)
    }

    public init(r: Float, g: Float, b: Float) {
        self.r = r
        self.g = g
        self.b = b
    }

    static let decodeTable: [Float] = (0..<256).map { v in
        let c = Double(v) / 255
        return Float(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
    }

    public static func decode(_ v: UInt8) -> Float { decodeTable[Int(v)] }

    /// Exact transfer curve, used to build `encodeTable`.
    static func encodeExact(_ v: Float) -> UInt8 {
        let c = Double(min(1, max(0, v)))
        let s = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
        return UInt8((s * 255).rounded())
    }

    /// Linear → 8-bit sRGB through a table over the square root of the linear value: the curve is
    /// steepest near black, and √ spreads the table's 4096 entries there. Each entry holds the
    /// exact code at its midpoint; tests check every 8-bit code round-trips (`pow` per pixel was
    /// the largest cost of previews).
    static let encodeTable: [UInt8] = (0..<4097).map { i in
        let root = Float(i) / 4096
        return encodeExact(root * root)
    }

    public static func encode(_ v: Float) -> UInt8 {
        let c = min(1, max(0, v))
        return encodeTable[Int((c.squareRoot() * 4096).rounded())]
    }

    /// Mix toward `other` by `t` (0…1), in linear light.
    public func mixed(with other: LinearRGB, _ t: Float) -> LinearRGB {
        LinearRGB(r: r + (other.r - r) * t, g: g + (other.g - g) * t, b: b + (other.b - b) * t)
    }

    public var rgb: RGB { RGB(Self.encode(r), Self.encode(g), Self.encode(b)) }
}
