import Foundation

/// A named skin tone: the measured colour it was fitted to, the fitted model parameters and
/// the fit's residual. The Monk swatch is kept as a display label only: swatches are display
/// colours, lighter and darker than any measured skin at the ends of the scale.
public struct SkinPreset: Codable, Equatable, Sendable {
    /// Canonical name: `monk-1` … `monk-10`, `fitzpatrick-1` … `fitzpatrick-6`, and the
    /// sun-exposed `caucasian-forehead` and `chinese-forehead`.
    public var name: String
    /// The measured skin colour the preset was fitted to, and where it comes from.
    public var target: LabValue
    public var basis: String
    /// The Monk scale's display swatch (`#rrggbb`), if the preset is a Monk tone.
    public var swatch: String?
    /// Which published melanin range bounded the fit (`light`, `moderate`, `dark`).
    public var melaninClass: String
    public var parameters: SkinParameters
    /// CIELAB of the fitted model skin (diffuse, specular excluded: what Stipple draws with).
    public var modelLab: LabValue
    /// The model skin as the target's instrument reads it (`instrumentSurfaceShare` added) and
    /// its ΔE00 to the target.
    public var measuredLab: LabValue
    public var residualDeltaE00: Double
    /// Each fitted parameter's hard bounds `[min, max]`, by its JSON name (`melanin_fraction`, …).
    public var bounds: [String: [Double]]
    /// The parameters that ended within 1 % of a hard bound (empty when none): findings, each
    /// explained in `Data/skin/README.md`.
    public var atBound: [String]
    /// The published melanosome range of the preset's class, a soft prior of the fit: the fitted
    /// melanin may lie outside it where the measured colour asks for that (`Data/skin/README.md`).
    public var melaninClassRange: [Double]
    /// For a sun-exposed site (a forehead): the preset fitted to the same cohort's inner forearm.
    public var sunExposedSiteOf: String?
}

/// A Codable mirror of `Lab` for the JSON files.
public struct LabValue: Codable, Equatable, Sendable {
    public var L: Double, a: Double, b: Double
    public init(_ lab: Lab) { L = lab.L; a = lab.a; b = lab.b }
    public var lab: Lab { Lab(L: L, a: a, b: b) }
}

/// Target colours of the presets and the melanin ranges that bound their fits, read from
/// `Data/skin/tones.json`; each target is a measured skin colour with its source (`basis`).
public struct SkinToneTargets: Codable, Sendable {
    public struct MelaninClass: Codable, Sendable { public var range: [Double]; public var source: String }
    public struct Target: Codable, Sendable {
        public var name: String
        public var target: LabValue
        public var melaninClass: String
        public var basis: String
        public var swatch: String?
        /// For a sun-exposed site (a forehead): the preset fitted to the same cohort's inner
        /// forearm. A bald scalp is sun exposed, and the forearm is the least exposed site.
        public var sunExposedSiteOf: String?
    }
    /// A number from a source, or an assumption, with the reason in words.
    public struct SourcedValue: Codable, Sendable { public var value: Double; public var basis: String }
    public var melaninClasses: [String: MelaninClass]
    /// Share of the skin surface's reflection the targets' instruments read along with the
    /// diffuse colour (see `Data/skin/README.md`, "The fit").
    public var instrumentSurfaceShare: SourcedValue
    public var presets: [Target]
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("skin/tones.json")
        self = try decodeJSON(SkinToneTargets.self, at: url)
        guard (0..<0.05).contains(instrumentSurfaceShare.value) else {
            throw .malformedData(path: url.path, line: nil, reason: "instrumentSurfaceShare.value must be in [0, 0.05) (a share of the light), got \(instrumentSurfaceShare.value)")
        }
        for p in presets {
            if let forearm = p.sunExposedSiteOf, !presets.contains(where: { $0.name == forearm && $0.sunExposedSiteOf == nil }) {
                throw .malformedData(path: url.path, line: nil, reason: "\(p.name): sunExposedSiteOf '\(forearm)' must name another preset that is not itself a sun-exposed site")
            }
        }
        for p in presets {
            if let hex = p.swatch, RGB8(hex: hex) == nil {
                throw .malformedData(path: url.path, line: nil, reason: "\(p.name): swatch '\(hex)' is not #rrggbb")
            }
            guard let c = melaninClasses[p.melaninClass] else {
                throw .malformedData(path: url.path, line: nil, reason: "\(p.name): unknown melaninClass '\(p.melaninClass)'; expected one of \(melaninClasses.keys.sorted().joined(separator: ", "))")
            }
            guard c.range.count == 2, c.range[0] > 0, c.range[0] < c.range[1], c.range[1] < 1 else {
                throw .malformedData(path: url.path, line: nil, reason: "melaninClasses.\(p.melaninClass).range must be [low, high] with 0 < low < high < 1")
            }
        }
    }

    /// The published melanin range of a melanin class (the fit's soft prior; classes are
    /// checked when the file is read).
    public func melaninRange(of melaninClass: String) -> ClosedRange<Double> {
        let r = melaninClasses[melaninClass]!.range
        return r[0]...r[1]
    }

    /// The published melanin range of a target's class.
    public func melaninBounds(_ target: Target) -> ClosedRange<Double> { melaninRange(of: target.melaninClass) }

    /// The fitter every target is fitted with: the class's melanin range as its soft prior and
    /// the instruments' surface share.
    public func fitter(basis: SkinOpticalBasis, melaninClass: String) -> SkinPresetFitter {
        var fitter = SkinPresetFitter(basis: basis)
        fitter.melaninPriorRange = melaninRange(of: melaninClass)
        fitter.surfaceShare = instrumentSurfaceShare.value
        return fitter
    }

    /// Fits every target (see `SkinPresetFitter`); this is what `Data/skin/presets.json` holds.
    public func fitAll(basis: SkinOpticalBasis) throws(SkinOpticsError) -> [SkinPreset] {
        var out: [SkinPreset] = []
        for t in presets {
            let fitter = fitter(basis: basis, melaninClass: t.melaninClass)
            let classRange = melaninRange(of: t.melaninClass)
            let r = try fitter.fit(target: t.target.lab, name: t.name)
            out.append(SkinPreset(name: t.name, target: t.target, basis: t.basis, swatch: t.swatch, melaninClass: t.melaninClass,
                                  parameters: r.parameters, modelLab: LabValue(r.modelLab), measuredLab: LabValue(r.measuredLab), residualDeltaE00: r.residualDeltaE00,
                                  bounds: Dictionary(uniqueKeysWithValues: fitter.bounds.map { ($0.name, [$0.range.lowerBound, $0.range.upperBound]) }),
                                  atBound: fitter.parametersAtBound(r.parameters),
                                  melaninClassRange: [classRange.lowerBound, classRange.upperBound],
                                  sunExposedSiteOf: t.sunExposedSiteOf))
        }
        return out
    }
}

/// The skin presets and model constants under a data folder (`Data/skin/`).
public struct SkinLibrary: Sendable {
    public let basis: SkinOpticalBasis
    public let presets: [SkinPreset]

    /// Loads `skin/model.json`, `skin/hemoglobin_prahl.csv` and `skin/presets.json`.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        basis = try SkinOpticalBasis(dataDirectory: dataDirectory)
        presets = try decodeJSON([SkinPreset].self, at: dataDirectory.appendingPathComponent("skin/presets.json"))
    }

    public var names: [String] { presets.map(\.name) }

    /// The first preset of each distinct fitted skin, in file order: presets that share
    /// parameters (Fitzpatrick presets reusing Monk fits) are one skin. What the transport
    /// correction is fitted over (`make-transport-correction`).
    public var distinctSkins: [SkinPreset] {
        var out: [SkinPreset] = []
        for preset in presets where !out.contains(where: { $0.parameters == preset.parameters }) { out.append(preset) }
        return out
    }

    /// Accepts `monk-5`, `Monk 5`, `monk5`, `fitzpatrick-4`, `fitzpatrick-IV`, `Fitzpatrick iv`.
    public static func canonicalName(_ name: String) -> String {
        let lowered = name.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        for family in ["monk", "fitzpatrick"] where lowered.hasPrefix(family) {
            var rest = String(lowered.dropFirst(family.count))
            if rest.hasPrefix("-") { rest.removeFirst() }
            let roman = ["i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"]
            if family == "fitzpatrick", let n = roman[rest] { rest = n }
            if let n = Int(rest) { return "\(family)-\(n)" }
        }
        return lowered
    }

    public func preset(named name: String) throws(SkinOpticsError) -> SkinPreset {
        let key = Self.canonicalName(name)
        guard let p = presets.first(where: { $0.name == key }) else {
            throw .unknownSkinPreset(name: name, known: names + ["fitzpatrick-I…VI"])
        }
        return p
    }

    /// The layered skin model of a preset.
    public func model(named name: String) throws(SkinOpticsError) -> SkinModel {
        try SkinModel(parameters: preset(named: name).parameters, basis: basis)
    }
}
