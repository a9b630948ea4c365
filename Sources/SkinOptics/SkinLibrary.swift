import Foundation

/// A named skin tone: its target colour, the fitted model parameters and the fit's residual.
public struct SkinPreset: Codable, Equatable, Sendable {
    /// Canonical name: `monk-1` … `monk-10`, `fitzpatrick-1` … `fitzpatrick-6`.
    public var name: String
    /// The colour the preset was fitted to (Monk swatch via sRGB, or the Fitzpatrick mapping).
    public var target: LabValue
    public var parameters: SkinParameters
    /// CIELAB of the fitted model skin and its ΔE00 to the target.
    public var modelLab: LabValue
    public var residualDeltaE00: Double
}

/// A Codable mirror of `Lab` for the JSON files.
public struct LabValue: Codable, Equatable, Sendable {
    public var L: Double, a: Double, b: Double
    public init(_ lab: Lab) { L = lab.L; a = lab.a; b = lab.b }
    public var lab: Lab { Lab(L: L, a: a, b: b) }
}

/// Target colours of the presets, read from `Data/skin/tones.json`.
public struct SkinToneTargets: Codable, Sendable {
    public struct Monk: Codable, Sendable { public var name: String; public var hex: String }
    public struct Fitzpatrick: Codable, Sendable { public var name: String; public var L: Double; public var a: Double; public var b: Double; public var note: String? }
    public var monk: [Monk]
    public var fitzpatrick: [Fitzpatrick]

    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("skin/tones.json")
        self = try decodeJSON(SkinToneTargets.self, at: url)
        for m in monk where RGB8(hex: m.hex) == nil {
            throw .malformedData(path: url.path, line: nil, reason: "\(m.name): hex '\(m.hex)' is not #rrggbb")
        }
    }

    /// (name, target Lab) in file order, Monk first.
    public var all: [(name: String, lab: Lab)] {
        monk.map { ($0.name, Colorimetry.lab(RGB8(hex: $0.hex)!)) } + fitzpatrick.map { ($0.name, Lab(L: $0.L, a: $0.a, b: $0.b)) }
    }

    /// Fits every target (see `SkinPresetFitter`); this is what `Data/skin/presets.json` holds.
    public func fitAll(basis: SkinOpticalBasis) throws(SkinOpticsError) -> [SkinPreset] {
        let fitter = SkinPresetFitter(basis: basis)
        var out: [SkinPreset] = []
        for (name, lab) in all {
            let r = try fitter.fit(target: lab, name: name)
            out.append(SkinPreset(name: name, target: LabValue(lab), parameters: r.parameters,
                                  modelLab: LabValue(r.modelLab), residualDeltaE00: r.residualDeltaE00))
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
