import Foundation

/// CIEDE2000 colour difference written exactly as the steps of Sharma, Wu & Dalal (2005),
/// "The CIEDE2000 color-difference formula: implementation notes, supplementary test data and
/// mathematical observations", Color Res. Appl. 30(1):21–30, eqs. (1)–(17), with hue angles
/// from atan2 in degrees. This is the readable reference the fast kernel is tested against.
///
/// The one deviation from a literal transcription: the hue difference of exactly opposite hues
/// (|h₂′ − h₁′| = 180° in exact arithmetic, Sharma's test pair 14) is decided from the exact
/// cross product a₁′b₂ − b₁a₂′ = 0 instead of the rounded difference of two atan2 results,
/// which can land on either side of 180° (colour-science skips that pair on Linux for this
/// reason). Sharma's convention `|Δh′| ≤ 180° ⇒ Δh′ = h₂′ − h₁′` then applies as intended.
public func deltaE2000Reference(_ x: Lab, _ y: Lab, kL: Double = 1, kC: Double = 1, kH: Double = 1) -> Double {
    let deg = 180 / Double.pi
    let c1 = (x.a * x.a + x.b * x.b).squareRoot()
    let c2 = (y.a * y.a + y.b * y.b).squareRoot()
    let cBar = (c1 + c2) / 2
    let cBar7 = pow(cBar, 7)
    let g = 0.5 * (1 - (cBar7 / (cBar7 + pow(25, 7))).squareRoot())
    let a1p = (1 + g) * x.a, a2p = (1 + g) * y.a
    let c1p = (a1p * a1p + x.b * x.b).squareRoot()
    let c2p = (a2p * a2p + y.b * y.b).squareRoot()
    func hue(_ b: Double, _ ap: Double) -> Double {
        if b == 0 && ap == 0 { return 0 }
        let h = atan2(b, ap) * deg
        return h < 0 ? h + 360 : h
    }
    var h1p = hue(x.b, a1p)
    var h2p = hue(y.b, a2p)
    let antipodal = c1p * c2p != 0 && a1p * y.b - x.b * a2p == 0 && a1p * a2p + x.b * y.b < 0
    if antipodal {  // exactly 180° apart: snap so that |h2′ − h1′| = 180 exactly
        if h1p < h2p { h2p = h1p + 180 } else { h1p = h2p + 180 }
    }
    let dLp = y.L - x.L
    let dCp = c2p - c1p
    var dhp = 0.0
    if c1p * c2p != 0 {
        let d = h2p - h1p
        dhp = abs(d) <= 180 ? d : (d > 180 ? d - 360 : d + 360)
    }
    let dHp = 2 * (c1p * c2p).squareRoot() * sin(dhp / 2 / deg)
    let lBar = (x.L + y.L) / 2
    let cBarp = (c1p + c2p) / 2
    var hBarp = h1p + h2p
    if c1p * c2p != 0 {
        if abs(h1p - h2p) <= 180 { hBarp = (h1p + h2p) / 2 }
        else if h1p + h2p < 360 { hBarp = (h1p + h2p + 360) / 2 }
        else { hBarp = (h1p + h2p - 360) / 2 }
    }
    let t = 1 - 0.17 * cos((hBarp - 30) / deg) + 0.24 * cos(2 * hBarp / deg)
        + 0.32 * cos((3 * hBarp + 6) / deg) - 0.20 * cos((4 * hBarp - 63) / deg)
    let dTheta = 30 * exp(-pow((hBarp - 275) / 25, 2))
    let cBarp7 = pow(cBarp, 7)
    let rC = 2 * (cBarp7 / (cBarp7 + pow(25, 7))).squareRoot()
    let l50 = (lBar - 50) * (lBar - 50)
    let sL = 1 + 0.015 * l50 / (20 + l50).squareRoot()
    let sC = 1 + 0.045 * cBarp
    let sH = 1 + 0.015 * cBarp * t
    let rT = -sin(2 * dTheta / deg) * rC
    let l = dLp / (kL * sL), c = dCp / (kC * sC), h = dHp / (kH * sH)
    return (l * l + c * c + h * h + rT * c * h).squareRoot()
}
