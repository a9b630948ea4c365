import Foundation

/// A separable Gaussian blur in linear light (sRGB decoded, blurred, encoded), edges clamped:
/// how an eye or a lens that cannot resolve detail finer than σ sees an image.
public enum GaussianBlur {
    public static func apply(_ image: RGBImage, sigmaPixels sigma: Double) -> RGBImage {
        guard sigma > 0.05 else { return image }
        let w = image.width, h = image.height
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Float(Foundation.exp(-0.5 * Double($0 * $0) / (sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var out = image
        var plane = [Float](repeating: 0, count: w * h), temp = plane
        /// One 1-D pass over `count` lines of `length` samples, `step` apart in memory.
        func pass(_ source: [Float], into target: inout [Float], lines count: Int, length: Int, lineStride: Int, step: Int) {
            for line in 0..<count {
                for i in 0..<length {
                    var sum: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let j = min(length - 1, max(0, i + k - radius))
                        sum += weight * source[line * lineStride + j * step]
                    }
                    target[line * lineStride + i * step] = sum
                }
            }
        }
        for c in 0..<3 {
            for k in 0..<(w * h) { plane[k] = LinearRGB.decode(image.bytes[3 * k + c]) }
            pass(plane, into: &temp, lines: h, length: w, lineStride: w, step: 1)  // rows
            pass(temp, into: &plane, lines: w, length: h, lineStride: 1, step: w)  // columns
            for k in 0..<(w * h) { out.bytes[3 * k + c] = LinearRGB.encode(plane[k]) }
        }
        return out
    }
}

extension RGBImage {
    /// Enlarged by an integer `factor` with bilinear interpolation between pixel centres (edges
    /// clamped): for pictures that are smooth at the source resolution.
    public func upscaled(by factor: Int) -> RGBImage {
        guard factor > 1 else { return self }
        var out = RGBImage(width: width * factor, height: height * factor)
        let f = Double(factor)
        for y in 0..<out.height {
            let sy = min(Double(height - 1), max(0, (Double(y) + 0.5) / f - 0.5))
            let y0 = Int(sy), y1 = min(height - 1, y0 + 1), fy = sy - Double(y0)
            for x in 0..<out.width {
                let sx = min(Double(width - 1), max(0, (Double(x) + 0.5) / f - 0.5))
                let x0 = Int(sx), x1 = min(width - 1, x0 + 1), fx = sx - Double(x0)
                for c in 0..<3 {
                    func v(_ xx: Int, _ yy: Int) -> Double { Double(bytes[3 * (yy * width + xx) + c]) }
                    let top = v(x0, y0) + (v(x1, y0) - v(x0, y0)) * fx
                    let bottom = v(x0, y1) + (v(x1, y1) - v(x0, y1)) * fx
                    out.bytes[3 * (y * out.width + x) + c] = UInt8(min(255, max(0, (top + (bottom - top) * fy).rounded())))
                }
            }
        }
        return out
    }
}
