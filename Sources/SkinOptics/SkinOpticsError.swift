/// Everything SkinOptics can refuse, each case naming what was wrong and what was expected.
public enum SkinOpticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A data file is missing or unreadable.
    case missingFile(path: String)
    /// A data file was read but its content is not what was expected.
    case malformedData(path: String, line: Int?, reason: String)
    /// A spectrum has the wrong number of samples for the fixed grid.
    case wrongSampleCount(got: Int, expected: Int)
    /// No skin preset with this name; `known` lists the accepted names.
    case unknownSkinPreset(name: String, known: [String])
    /// No pigment with this name; `known` lists the pigments in the library.
    case unknownPigment(name: String, known: [String])
    /// No hair colour with this name.
    case unknownHairColour(name: String, known: [String])
    /// Needle depth outside the modelled range (mm).
    case depthOutOfRange(depthMM: Double, validRange: ClosedRange<Double>, epidermisMM: Double)
    /// Dilution outside `PhysicalLimits.dilution`, (0, 1].
    case dilutionOutOfRange(Double)
    /// Pigment dose outside (0, `PigmentedSkin.doseRange.upperBound`] mg/cm².
    case concentrationOutOfRange(Double)
    /// A model parameter is outside its physical range.
    case parameterOutOfRange(name: String, value: Double, expected: String)
    /// The preset fit failed (linear algebra error or no convergence).
    case fitFailed(preset: String, reason: String)
    /// A healed pigment column wider or narrower than the tabulated point-spread covers.
    case columnOutOfRange(diameterMM: Double, validRange: ClosedRange<Double>)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "cannot read \(path): file missing or unreadable"
        case .malformedData(let path, let line, let reason):
            let at = line.map { ":\($0)" } ?? ""
            return "\(path)\(at): \(reason)"
        case .wrongSampleCount(let got, let expected):
            return "spectrum has \(got) samples; expected \(expected) (380–780 nm at 5 nm)"
        case .unknownSkinPreset(let name, let known):
            return "unknown skin preset '\(name)'; known presets: \(known.joined(separator: ", "))"
        case .unknownPigment(let name, let known):
            return "unknown pigment '\(name)'; known pigments: \(known.joined(separator: ", "))"
        case .unknownHairColour(let name, let known):
            return "unknown hair colour '\(name)'; known hair colours: \(known.joined(separator: ", "))"
        case .depthOutOfRange(let depth, let range, let epidermis):
            return "needle depth \(depth) mm is outside the modelled range: expected more than the epidermis thickness (\(epidermis) mm) and at most \(range.upperBound) mm"
        case .dilutionOutOfRange(let d):
            return "dilution \(d) is outside \(PhysicalLimits.dilution): expected pigment fraction of the mixture, e.g. 0.5 for 1:1 with diluent"
        case .concentrationOutOfRange(let c):
            return "pigment dose \(c) mg/cm² is outside the modelled range: expected more than 0 and at most \(PigmentedSkin.doseRange.upperBound) mg/cm² (published tattoo doses 0.6–9.4 mg/cm², mean 2.53)"
        case .parameterOutOfRange(let name, let value, let expected):
            return "parameter \(name) = \(value) is out of range: expected \(expected)"
        case .columnOutOfRange(let d, let range):
            return "healed pigment column \((d * 1000).rounded() / 1000) mm is outside the modelled \(range.lowerBound)–\(range.upperBound) mm (Data/skin/dot_psf.json): choose a needle and grouping that heal inside it"
        case .fitFailed(let preset, let reason):
            return "fitting skin preset \(preset) failed: \(reason)"
        }
    }
}
