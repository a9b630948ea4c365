import Foundation
import SkinOptics
import Support

/// The fade defaults: model parameters (with bounds and fit flags), depth response and the
/// per-fade-group rate multipliers, read from `Data/fade/models.json` (editable; every value
/// there carries an `assumption` string) or the identical compiled-in defaults.
public struct FadeLibrary: Sendable {
    /// Parameter lists per model, defaults from the file.
    public private(set) var parameters: [FadeModelKind: [FadeParameter]]
    public var depth: DepthResponse
    /// Rate multiplier per pigment fade group (`PigmentComponent.fadeGroup`): carbon = 1.
    public var fadeGroups: [String: Double]
    /// Reasoning for depth and group values, by key.
    public var assumptions: [String: String]
    /// The share of the injected dose lost while healing (`healing` in models.json).
    public var healing: HealedDose
    /// How sun exposure speeds every model's rates (`sun` in models.json).
    public var sun: SunResponse
    /// The needle depths an implant may have and the epidermis the depth response starts
    /// from, both from the skin model (`Data/skin/model.json`, `PhysicalLimits`); nil for the
    /// compiled-in library, which knows no skin (it fits curves, it places no implant).
    public var limits: PhysicalLimits?

    /// Compiled-in defaults (the same numbers as the shipped models.json).
    public static let builtIn = FadeLibrary(
        parameters: Dictionary(uniqueKeysWithValues: FadeModelKind.allCases.map { ($0, $0.specification) }),
        depth: .standard, fadeGroups: ["carbon": 1, "iron-oxide": 2, "organic": 1.5], assumptions: [:],
        healing: .standard, sun: .standard)

    init(parameters: [FadeModelKind: [FadeParameter]], depth: DepthResponse, fadeGroups: [String: Double], assumptions: [String: String],
         healing: HealedDose, sun: SunResponse) {
        self.parameters = parameters; self.depth = depth; self.fadeGroups = fadeGroups; self.assumptions = assumptions
        self.healing = healing; self.sun = sun
    }

    private struct File: Decodable {
        struct Parameter: Decodable { var `default`: Double; var lower: Double?; var upper: Double?; var fit: Bool?; var assumption: String }
        struct Value: Decodable { var value: Double; var assumption: String }
        struct Group: Decodable { var rateMultiplier: Double; var assumption: String }
        /// A sourced value: `source` (how it was read) or `assumption`, at least one.
        struct Sourced: Decodable { var value: Double; var source: String?; var assumption: String? }
        struct Healing: Decodable { var earlyLoss: Sourced }
        struct Sun: Decodable { var gain: Sourced }
        var models: [String: [String: Parameter]]
        var depth: [String: Value]
        var fadeGroups: [String: Group]
        var healing: Healing?
        var sun: Sun?
    }

    /// Reads `fade/models.json` under a data folder, with the epidermis and needle depths of
    /// its skin model (`skin/model.json`): one epidermis for the optics and the fading.
    public init(dataDirectory: URL) throws(FadeError) {
        let url = dataDirectory.appendingPathComponent("fade/models.json")
        try self.init(contentsOf: url)
        let constants: SkinModelConstants
        do { constants = try SkinModelConstants(dataDirectory: dataDirectory) } catch {
            throw .malformedData(path: dataDirectory.appendingPathComponent("skin/model.json").path, reason: error.description)
        }
        limits = constants.limits
        depth.epidermisMM = constants.epidermisThicknessMM
    }

    public init(contentsOf url: URL) throws(FadeError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .malformedData(path: url.path, reason: "cannot read (\(error.localizedDescription))")
        }
        let file: File
        do { file = try StippleJSON.decoder().decode(File.self, from: data) } catch {
            throw .malformedData(path: url.path, reason: "not a fade model file: \(error)")
        }
        var library = FadeLibrary.builtIn
        var assumptions: [String: String] = [:]
        for (modelName, entries) in file.models {
            guard let kind = FadeModelKind(rawValue: modelName) else {
                throw .malformedData(path: url.path, reason: "unknown model '\(modelName)'; known: \(FadeModelKind.names.joined(separator: ", "))")
            }
            var spec = kind.specification
            for (name, entry) in entries {
                guard let i = spec.firstIndex(where: { $0.name == name }) else {
                    throw .malformedData(path: url.path, reason: "model \(modelName) has no parameter '\(name)'; its parameters: \(spec.map(\.name).joined(separator: ", "))")
                }
                if let l = entry.lower { spec[i].lower = l }
                if let u = entry.upper { spec[i].upper = u }
                if let f = entry.fit { spec[i].fitted = f }
                spec[i].defaultValue = entry.default
                spec[i].assumption = entry.assumption
                guard spec[i].lower <= spec[i].upper, spec[i].contains(entry.default) else {
                    throw .malformedData(path: url.path, reason: "model \(modelName) parameter \(name): default \(entry.default) outside [\(spec[i].lower), \(spec[i].upper)]")
                }
            }
            library.parameters[kind] = spec
        }
        var depth = DepthResponse.standard
        let depthKeys: [String: WritableKeyPath<DepthResponse, Double>] = [
            "shallowGain": \.shallowGain, "shallowLengthMM": \.shallowLengthMM,
            "spreadPerYear": \.spreadPerYear, "referenceDepthMM": \.referenceDepthMM, "spreadDepthScaleMM": \.spreadDepthScaleMM,
            "driftMaxMM": \.driftMaxMM, "driftDays": \.driftDays,
        ]
        for (key, entry) in file.depth {
            guard key != "epidermisMM" else {
                throw .malformedData(path: url.path, reason: "depth.epidermisMM: the epidermis is the skin model's (skin/model.json epidermisThicknessMM), one value for the optics and the fading; remove it here")
            }
            guard let path = depthKeys[key] else {
                throw .malformedData(path: url.path, reason: "unknown depth field '\(key)'; known: \(depthKeys.keys.sorted().joined(separator: ", "))")
            }
            depth[keyPath: path] = entry.value
            assumptions["depth.\(key)"] = entry.assumption
        }
        do { try depth.validate() } catch { throw .malformedData(path: url.path, reason: error.description) }
        library.depth = depth
        var groups: [String: Double] = [:]
        for (name, group) in file.fadeGroups {
            guard group.rateMultiplier.isFinite, group.rateMultiplier > 0 else {
                throw .malformedData(path: url.path, reason: "fade group \(name): rateMultiplier must be positive")
            }
            groups[name] = group.rateMultiplier
            assumptions["fadeGroups.\(name)"] = group.assumption
        }
        library.fadeGroups = groups.isEmpty ? FadeLibrary.builtIn.fadeGroups : groups
        func label(_ key: String, _ entry: File.Sourced) throws(FadeError) {
            guard let text = entry.source ?? entry.assumption, !text.isEmpty else {
                throw .malformedData(path: url.path, reason: "\(key): give its 'source' (how the number was read) or label it an 'assumption'")
            }
            assumptions[key] = text
        }
        if let h = file.healing {
            try label("healing.earlyLoss", h.earlyLoss)
            library.healing = HealedDose(earlyLoss: h.earlyLoss.value)
        }
        if let sun = file.sun {
            try label("sun.gain", sun.gain)
            library.sun = SunResponse(gain: sun.gain.value)
        }
        do {
            try library.healing.validate()
            try library.sun.validate()
        } catch { throw .malformedData(path: url.path, reason: error.description) }
        library.assumptions = assumptions
        self = library
    }

    public func specification(for kind: FadeModelKind) -> [FadeParameter] { parameters[kind] ?? kind.specification }

    /// A model with its defaults, with `overrides` (name → value) applied and checked against bounds.
    public func setup(model kind: FadeModelKind, overrides: [String: Double] = [:]) throws(FadeError) -> FadeSetup {
        let spec = specification(for: kind)
        var values = spec.map(\.defaultValue)
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let i = spec.firstIndex(where: { $0.name == name }) else {
                throw .unknownParameter(model: kind.name, name: name, known: spec.map(\.name))
            }
            guard spec[i].contains(value) else {
                throw .parameterOutOfBounds(model: kind.name, name: name, value: value, lower: spec[i].lower, upper: spec[i].upper)
            }
            values[i] = value
        }
        return FadeSetup(kind: kind, specification: spec, values: values, depth: depth, fadeGroups: fadeGroups,
                         healing: healing, sun: sun, needleDepthMM: limits?.needleDepthMM)
    }
}

/// A fade model with parameter values, ready to evaluate: what the plan pipeline holds.
public struct FadeSetup: Sendable, Equatable {
    public let kind: FadeModelKind
    public let specification: [FadeParameter]
    public let values: [Double]
    public var depth: DepthResponse
    public var fadeGroups: [String: Double]
    /// What healing took before the model's R = 1 (the curves start at the healed dose).
    public var healing: HealedDose = .standard
    /// How sun exposure scales the model's rates (`FadeTimeline.Implant`).
    public var sun: SunResponse = .standard
    /// The implant depths the skin model accepts (`PhysicalLimits.needleDepthMM`); nil when the
    /// library was built without a skin model, and then any finite depth ≥ 0 is evaluated.
    public var needleDepthMM: PhysicalRange?

    public func value(of name: String) -> Double? {
        specification.firstIndex { $0.name == name }.map { values[$0] }
    }
}
