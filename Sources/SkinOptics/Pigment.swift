import Foundation

/// A spectral shape for a pigment's mass absorption or scattering coefficient (m²/g).
public enum PigmentSpectrumModel: Codable, Equatable, Sendable {
    /// value(λ) = valueAt550 · (λ/550)^−exponent (carbon black: Ångström exponent ≈ 1).
    case powerLaw(valueAt550: Double, exponent: Double)
    /// A smooth absorption edge: long + (short − long) / (1 + exp((λ − edge)/width)) — iron
    /// oxides absorb strongly below their band edge and weakly above it.
    case logisticEdge(shortValue: Double, longValue: Double, edgeNM: Double, widthNM: Double)
    /// base + Σ value·exp(−½((λ − centre)/width)²) — organic pigments with absorption bands.
    case gaussianBands(base: Double, bands: [Band])

    public struct Band: Codable, Equatable, Sendable {
        public var centerNM: Double, widthNM: Double, value: Double
    }

    /// Evaluates the model at λ (nm), m²/g.
    public func value(at lambda: Double) -> Double {
        switch self {
        case .powerLaw(let v, let e): return v * Foundation.pow(lambda / 550, -e)
        case .logisticEdge(let s, let l, let edge, let width): return l + (s - l) / (1 + Foundation.exp((lambda - edge) / width))
        case .gaussianBands(let base, let bands):
            return bands.reduce(base) { acc, b in acc + b.value * Foundation.exp(-0.5 * Foundation.pow((lambda - b.centerNM) / b.widthNM, 2)) }
        }
    }

    private enum Keys: String, CodingKey { case model, valueAt550, exponent, shortValue, longValue, edgeNM, widthNM, base, bands }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .model) {
        case "powerLaw": self = .powerLaw(valueAt550: try c.decode(Double.self, forKey: .valueAt550), exponent: try c.decode(Double.self, forKey: .exponent))
        case "logisticEdge":
            self = .logisticEdge(shortValue: try c.decode(Double.self, forKey: .shortValue), longValue: try c.decode(Double.self, forKey: .longValue),
                                 edgeNM: try c.decode(Double.self, forKey: .edgeNM), widthNM: try c.decode(Double.self, forKey: .widthNM))
        case "gaussianBands": self = .gaussianBands(base: try c.decode(Double.self, forKey: .base), bands: try c.decode([Band].self, forKey: .bands))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .model, in: c, debugDescription: "unknown spectrum model '\(other)'; expected powerLaw, logisticEdge or gaussianBands")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .powerLaw(let v, let e): try c.encode("powerLaw", forKey: .model); try c.encode(v, forKey: .valueAt550); try c.encode(e, forKey: .exponent)
        case .logisticEdge(let s, let l, let edge, let w):
            try c.encode("logisticEdge", forKey: .model); try c.encode(s, forKey: .shortValue); try c.encode(l, forKey: .longValue)
            try c.encode(edge, forKey: .edgeNM); try c.encode(w, forKey: .widthNM)
        case .gaussianBands(let base, let bands): try c.encode("gaussianBands", forKey: .model); try c.encode(base, forKey: .base); try c.encode(bands, forKey: .bands)
        }
    }
}

/// One pigment compound (carbon black, an iron oxide, an organic), the unit a fading model fades.
public struct PigmentComponent: Codable, Equatable, Sendable {
    public var name: String
    public var colourIndex: String
    /// Components sharing a fade group fade together (carbon, iron-oxide, organic).
    public var fadeGroup: String
    /// Mass absorption and mass reduced-scattering coefficients, m²/g.
    public var absorption: PigmentSpectrumModel
    public var scattering: PigmentSpectrumModel
    public var particles: String
    public var sources: String
}

/// A pigment product: a blend of components by mass fraction.
public struct Pigment: Equatable, Sendable {
    public var name: String
    public var description: String
    /// Fraction of the dispersed-particle absorption cross-section that pigment packed in dermal
    /// macrophages still presents (sieve/packing effect; **assumption**, see Data/pigments/README.md).
    public var packingEfficiency: Double
    public var components: [(component: PigmentComponent, massFraction: Double)]

    public static func == (l: Pigment, r: Pigment) -> Bool {
        l.name == r.name && l.packingEfficiency == r.packingEfficiency
            && l.components.map(\.component) == r.components.map(\.component) && l.components.map(\.massFraction) == r.components.map(\.massFraction)
    }

    /// The blend's mass absorption coefficient on the grid, m²/g: Σ fᵢ·εᵢ(λ).
    public var massAbsorption: [Double] {
        WavelengthGrid.wavelengths.map { w in components.reduce(0) { $0 + $1.massFraction * $1.component.absorption.value(at: w) } }
    }

    /// The blend's mass reduced-scattering coefficient on the grid, m²/g.
    public var massScattering: [Double] {
        WavelengthGrid.wavelengths.map { w in components.reduce(0) { $0 + $1.massFraction * $1.component.scattering.value(at: w) } }
    }

    /// Collimated (Beer–Lambert) optical density, base 10, of a healed deposit of
    /// `effectiveDoseMgPerCm2` (dilution × dose) at wavelength `lambdaNM`:
    ///
    ///     OD(λ) = η · ε(λ) · 10 · m / ln 10      (ε in m²/g, ×10 → cm²/mg; m in mg/cm²)
    ///
    /// with η the packing (sieve) factor. Diffuse light crossing the same deposit sees twice this
    /// (K = 2μa), which is what the Kubelka–Munk pigment layer uses. Calibration of η:
    /// Data/pigments/README.md and Data/pigments/CALIBRATION.md.
    public func opticalDensity(effectiveDoseMgPerCm2 m: Double, lambdaNM: Double = 550) -> Double {
        let eps = components.reduce(0) { $0 + $1.massFraction * $1.component.absorption.value(at: lambdaNM) }
        return packingEfficiency * eps * 10 * m / Foundation.log(10.0)
    }

    /// The same blend with each component's remaining mass scaled (e.g. by a fading model):
    /// `remaining[name]` ∈ [0, 1], missing names stay at 1. Mass fractions are not renormalised,
    /// so the dose still refers to the freshly implanted mass.
    public func scaled(remaining: [String: Double]) -> Pigment {
        var p = self
        p.components = components.map { ($0.component, $0.massFraction * (remaining[$0.component.name] ?? 1)) }
        return p
    }
}

/// The pigments under a data folder (`Data/pigments/pigments.json`).
public struct PigmentLibrary: Sendable {
    public let components: [PigmentComponent]
    public let pigments: [Pigment]

    private struct File: Codable {
        struct Entry: Codable {
            struct Part: Codable { var name: String; var massFraction: Double }
            var name: String; var description: String; var packingEfficiency: Double; var components: [Part]
        }
        var components: [PigmentComponent]
        var pigments: [Entry]
    }

    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("pigments/pigments.json")
        let file = try decodeJSON(File.self, at: url)
        components = file.components
        var pigments: [Pigment] = []
        for entry in file.pigments {
            var parts: [(PigmentComponent, Double)] = []
            for part in entry.components {
                guard let c = file.components.first(where: { $0.name == part.name }) else {
                    throw .malformedData(path: url.path, line: nil, reason: "pigment \(entry.name) uses unknown component '\(part.name)'; known: \(file.components.map(\.name).joined(separator: ", "))")
                }
                parts.append((c, part.massFraction))
            }
            let total = parts.reduce(0) { $0 + $1.1 }
            guard abs(total - 1) < 1e-9 else {
                throw .malformedData(path: url.path, line: nil, reason: "pigment \(entry.name): mass fractions sum to \(total); expected 1")
            }
            guard entry.packingEfficiency > 0 && entry.packingEfficiency <= 1 else {
                throw .malformedData(path: url.path, line: nil, reason: "pigment \(entry.name): packingEfficiency \(entry.packingEfficiency) outside (0, 1]")
            }
            pigments.append(Pigment(name: entry.name, description: entry.description, packingEfficiency: entry.packingEfficiency, components: parts))
        }
        self.pigments = pigments
    }

    public var names: [String] { pigments.map(\.name) }

    public func pigment(named name: String) throws(SkinOpticsError) -> Pigment {
        guard let p = pigments.first(where: { $0.name == name.lowercased() }) else {
            throw .unknownPigment(name: name, known: names)
        }
        return p
    }
}
