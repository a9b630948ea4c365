import Foundation

/// The parts of `ScalpMap`'s per-cell functions that depend on the column alone or on the row
/// alone, computed once per column and once per row instead of once per cell. Each cell then
/// combines them with the very operations the per-cell formula used, so every field is
/// bit-identical to evaluating `StagePattern.Patch.remaining`/`coverage` and
/// `RegionLayout.label` at the cell centre (`ScalpMapTableTests` compares them bit for bit).

/// One stage patch's weight on the raster: `|x − cx|/rx` and `|y − cy|/ry` raised to the
/// superellipse exponent (squared for an ellipse) per column and per row, summed per cell, and
/// the outer root taken only in the soft edge: well outside it the weight is exactly 0 and well
/// inside exactly 1, which is what the formula returns there (its smoothstep clamps).
struct PatchWeightTable: Sendable {
    let patch: StagePattern.Patch
    /// Per column: the powered x term of the patch, and of its mirror image (mirrored patches).
    private let column: [Double], mirroredColumn: [Double]
    /// Sums of the powered terms at or above which the weight is 0, at or below which it is 1.
    /// Both lie 10⁻⁹ (relative) beyond the exact bounds, far more than the rounding of the root
    /// and the smoothstep's argument, so a skipped cell is one the formula clamps.
    private let zeroFrom: Double, oneUpTo: Double

    /// `referenceX[c]`: the reference-head x of column c's centre, as `ScalpMap` computes it.
    init(_ patch: StagePattern.Patch, referenceX: [Double]) {
        self.patch = patch
        column = referenceX.map { Self.powered(abs($0 - patch.centerX) / patch.radiusX, patch.exponent) }
        mirroredColumn = patch.mirrored ? referenceX.map { Self.powered(abs($0 + patch.centerX) / patch.radiusX, patch.exponent) } : []
        // weight = 1 − smoothstep((r − 1)(rx + ry)/2 / softness + 0.5): 0 once r ≥ 1 + s/(rx + ry),
        // 1 once r ≤ 1 − s/(rx + ry).
        let e = patch.exponent
        let half = patch.softnessMM / (patch.radiusX + patch.radiusY)
        let margin = 1e-9
        if e > 0, half.isFinite, half > 0 {
            zeroFrom = Self.powered((1 + half) * (1 + margin), e) * (1 + margin)
            oneUpTo = 1 - half > 0 ? Self.powered((1 - half) * (1 - margin), e) * (1 - margin) : -.infinity
        } else {
            zeroFrom = .infinity
            oneUpTo = -.infinity
        }
    }

    @inline(__always)
    private static func powered(_ u: Double, _ exponent: Double) -> Double {
        exponent == 2 ? u * u : pow(u, exponent)
    }

    /// The powered y term of row centre `referenceY` (once per row).
    @inline(__always)
    func rowTerm(referenceY y: Double) -> Double {
        Self.powered(abs(y - patch.centerY) / patch.radiusY, patch.exponent)
    }

    /// `StagePattern.Patch.weight` from the powered terms.
    @inline(__always)
    private func weight(_ sum: Double) -> Double {
        if sum >= zeroFrom { return 0 }
        if sum <= oneUpTo { return 1 }
        let e = patch.exponent
        let r = e == 2 ? sum.squareRoot() : pow(sum, 1 / e)
        let distance = (r - 1) * (patch.radiusX + patch.radiusY) / 2
        return 1 - smoothstep01(distance / patch.softnessMM + 0.5)
    }

    /// `patch.coverage(x, y)` at column `c`, given the row's `rowTerm`.
    @inline(__always)
    func coverage(column c: Int, rowTerm v: Double) -> Double {
        let w = weight(column[c] + v)
        return patch.mirrored ? max(w, weight(mirroredColumn[c] + v)) : w
    }

    /// `patch.remaining(x, y)` at column `c`, given the row's `rowTerm`.
    @inline(__always)
    func remaining(column c: Int, rowTerm v: Double) -> Double {
        var w = weight(column[c] + v)
        if patch.mirrored { w = max(w, weight(mirroredColumn[c] + v)) }
        return 1 - patch.loss * w
    }
}

/// `RegionLayout.label` on the raster: a rule matches where its column term plus its row term
/// is at most 1: for an ellipse the two squared normalised offsets (the rule's own sum), for a
/// box 0 inside its x (or y) range and +∞ outside, for "everything" 0.
struct RegionLabelTable: Sendable {
    private let rules: [RegionLayout.Rule]
    /// Column terms, rule-major: `column[k * width + c]`.
    private let column: [Double]
    private let width: Int

    init(_ layout: RegionLayout, referenceX: [Double]) {
        rules = layout.rules
        width = referenceX.count
        var column: [Double] = []
        column.reserveCapacity(rules.count * width)
        for rule in rules {
            switch rule.shape {
            case let .ellipse(cx, _, rx, _): column += referenceX.map { x in let u = (x - cx) / rx; return u * u }
            case let .box(x0, x1, _, _): column += referenceX.map { x in x >= x0 && x <= x1 ? 0 : .infinity }
            case .everything: column += [Double](repeating: 0, count: width)
            }
        }
        self.column = column
    }

    /// Each rule's row term at row centre `referenceY`, in rule order (once per row).
    func rowTerms(referenceY y: Double) -> [Double] {
        rules.map { rule in
            switch rule.shape {
            case let .ellipse(_, cy, _, ry): let v = (y - cy) / ry; return v * v
            case let .box(_, _, y0, y1): return y >= y0 && y <= y1 ? 0 : .infinity
            case .everything: return 0
            }
        }
    }

    /// The label (1-based, 0 for none) of column `c` in the row whose `rowTerms` are given.
    @inline(__always)
    func label(column c: Int, rowTerms: [Double]) -> UInt8 {
        var k = 0
        while k < rowTerms.count {
            if column[k * width + c] + rowTerms[k] <= 1 { return UInt8(k + 1) }
            k += 1
        }
        return 0
    }
}
