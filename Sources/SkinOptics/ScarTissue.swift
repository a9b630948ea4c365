import Foundation

/// How mature scar tissue differs from the client's skin (`Data/skin/scar.json`): paler and
/// less vascular, taking and holding pigment less well. Every factor is a labelled assumption
/// (the file's `basis`; sources in `Data/SOURCES.md`, "Scar tissue").
///
/// Optics: the scar is the client's own fitted skin with its epidermal melanin, dermal blood and
/// reduced scattering scaled, then clamped to the model's ranges — so a scar on dark skin stays
/// darker than a scar on light skin, and the spectral model (not a fixed tint) decides its
/// colour. Pigment: a healed dot on scar holds `pigmentUptake` × the dose, and fades on a clock
/// running `fadeRateFactor` × faster (for first-order models this is every rate × the factor).
public struct ScarTissue: Codable, Equatable, Sendable {
    public var melaninFactor: Double
    public var bloodFactor: Double
    public var scatteringFactor: Double
    /// Fraction of the normal-skin dose a dot on scar holds once healed (0…1].
    public var pigmentUptake: Double
    /// Coefficient of variation of that dose from dot to dot (uneven take).
    public var uptakeVariation: Double
    /// The fade model's clock runs this much faster on scar (≥ 1 fades faster).
    public var fadeRateFactor: Double

    public init(melaninFactor: Double, bloodFactor: Double, scatteringFactor: Double, pigmentUptake: Double,
                uptakeVariation: Double, fadeRateFactor: Double) {
        self.melaninFactor = melaninFactor
        self.bloodFactor = bloodFactor
        self.scatteringFactor = scatteringFactor
        self.pigmentUptake = pigmentUptake
        self.uptakeVariation = uptakeVariation
        self.fadeRateFactor = fadeRateFactor
    }

    private enum CodingKeys: String, CodingKey {
        case melaninFactor, bloodFactor, scatteringFactor, pigmentUptake, uptakeVariation, fadeRateFactor
    }

    /// Reads `skin/scar.json` under the data folder.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("skin/scar.json")
        self = try decodeJSON(ScarTissue.self, at: url)
        if let problem = validationProblem { throw .malformedData(path: url.path, line: nil, reason: problem) }
    }

    var validationProblem: String? {
        for (name, v) in [("melaninFactor", melaninFactor), ("bloodFactor", bloodFactor), ("scatteringFactor", scatteringFactor)]
        where !(v.isFinite && v > 0 && v <= 10) { return "\(name) \(v) outside (0, 10]" }
        if !(pigmentUptake > 0 && pigmentUptake <= 1) { return "pigmentUptake \(pigmentUptake) outside (0, 1]" }
        if !(uptakeVariation >= 0 && uptakeVariation < 1) { return "uptakeVariation \(uptakeVariation) outside [0, 1)" }
        if !(fadeRateFactor.isFinite && fadeRateFactor > 0 && fadeRateFactor <= 20) { return "fadeRateFactor \(fadeRateFactor) outside (0, 20]" }
        return nil
    }

    /// The scar version of `skin`: melanin, blood and scattering scaled, clamped to the model's ranges.
    public func skin(from skin: SkinModel) throws(SkinOpticsError) -> SkinModel {
        let p = skin.parameters
        func clamp(_ v: Double, _ r: ClosedRange<Double>) -> Double { min(r.upperBound, max(r.lowerBound, v)) }
        let scar = SkinParameters(
            melaninFraction: clamp(p.melaninFraction * melaninFactor, SkinParameters.melaninRange),
            bloodFraction: clamp(p.bloodFraction * bloodFactor, SkinParameters.bloodRange),
            scatteringScale: clamp(p.scatteringScale * scatteringFactor, SkinParameters.scatteringScaleRange),
            pheomelaninShare: p.pheomelaninShare)
        return try SkinModel(parameters: scar, basis: skin.basis)
    }
}
