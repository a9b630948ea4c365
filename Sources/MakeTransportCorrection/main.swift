// Offline generator of Data/skin/transport_correction.json (scripts/make_transport_correction.sh).
//
// For every skin preset, pigment, dilution and needle depth of a fixed grid it computes the
// measured reflectance every 10 nm twice: with the run-time two-stream (uncorrected) and with
// adding–doubling on the same layer list (`AddingDoubling.SkinReference`). It then fits
// ln(R_AD / R_two-stream) by least squares to a polynomial of total degree 2 in ln R_c, R_d and
// ln R_c,epi (see `TransportCorrection`), and reports the colour error before and after over the
// grid. Deterministic: no randomness; the result does not depend on the number of threads.
import Foundation
import SkinOptics
import Support

let dataURL = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Data")
// The skin library loads the correction it is about to replace; a first run starts from none.
let correctionURL = dataURL.appendingPathComponent("skin/transport_correction.json")
if !FileManager.default.fileExists(atPath: correctionURL.path) {
    try StippleJSON.encoder(keys: .asDeclared).encode(TransportCorrection.none).write(to: correctionURL)
}
let library = try SkinLibrary(dataDirectory: dataURL)
let pigments = try PigmentLibrary(dataDirectory: dataURL)
let constants = library.basis.constants
let reference = AddingDoubling.SkinReference(refractiveIndex: constants.refractiveIndex)
let saunderson = library.basis.saunderson
let dose = PigmentedSkin.meanDoseMgPerCm2
let degree = 2
let dilutions = [0.0, 0.1, 0.25, 0.5, 1.0]
let depthsMM = [0.4, 0.6, 0.9, 1.5]

struct Colour: Sendable { var evaluator: PigmentedSkinEvaluator; var dose: Double; var depth: Double; var label: String }
var colours: [Colour] = []
// Presets that share parameters (Fitzpatrick presets reusing Monk fits) are one skin.
let skins = library.distinctSkins
for preset in skins {
    let skin = try SkinModel(parameters: preset.parameters, basis: library.basis)
    for pigment in pigments.pigments {
        let e = PigmentedSkinEvaluator(skin: skin, pigment: pigment)
        for dilution in dilutions where !(dilution == 0 && pigment.name != pigments.pigments[0].name) {
            for depth in depthsMM where !(dilution == 0 && depth != 0.6) {
                colours.append(Colour(evaluator: e, dose: dilution * dose, depth: depth, label: "\(preset.name) \(pigment.name) ×\(dilution) \(depth) mm"))
            }
        }
    }
}

/// One wavelength sample: the three features, the uncorrected two-stream and the reference.
struct Sample: Sendable { var rc: Double, rd: Double, logEpi: Double, twoStream: Double, reference: Double }
let wavelengths = Array(colours[0].evaluator.transportedWavelengths)
let started = Date()
/// Both transports on every colour, in parallel (each colour writes only its own slot).
func computeSamples(_ colours: [Colour], _ wavelengths: [Int], _ reference: AddingDoubling.SkinReference,
                    _ saunderson: Saunderson) -> [[Sample]] {
    var out = [[Sample]](repeating: [], count: colours.count)
    out.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: colours.count) { k in
            let c = colours[k]
            slots[k] = wavelengths.map { i in
                let layers = c.evaluator.transportLayers(depthMM: c.depth, effectiveDose: c.dose, wavelengthIndex: i)
                let sub = AddingDoubling.SkinReference.twoStreamInternal(layers)
                return Sample(rc: sub.collimated, rd: sub.diffuse, logEpi: AddingDoubling.SkinReference.logEpidermisReflectance(layers),
                              twoStream: AddingDoubling.SkinReference.twoStreamMeasured(layers, saunderson: saunderson),
                              reference: reference.measuredReflectance(layers))
            }
        }
    }
    return out
}
let samples = computeSamples(colours, wavelengths, reference, saunderson)
let seconds = Date().timeIntervalSince(started)
FileHandle.standardError.write("adding–doubling: \(colours.count) colours in \(String(format: "%.1f", seconds)) s\n".data(using: .utf8)!)

// Least squares by the normal equations (10 terms, well conditioned on these feature scales).
let all = samples.flatMap { $0 }
let ranges = [[all.map { log($0.rc) }.min()!, all.map { log($0.rc) }.max()!],
              [all.map(\.rd).min()!, all.map(\.rd).max()!],
              [all.map(\.logEpi).min()!, all.map(\.logEpi).max()!]]
let terms = TransportCorrection.terms(degree: degree)
let n = terms.count
func basis(_ s: Sample) -> [Double] {
    terms.map { t in pow(log(s.rc), Double(t[0])) * pow(s.rd, Double(t[1])) * pow(s.logEpi, Double(t[2])) }
}
var normal = AddingDoubling.Matrix.zero(n), rhs = AddingDoubling.Matrix.zero(n)
for s in all {
    let phi = basis(s), y = log(s.reference / s.twoStream)
    for a in 0..<n {
        rhs[a, 0] += phi[a] * y
        for b in 0..<n { normal[a, b] += phi[a] * phi[b] }
    }
}
let solution = normal.solve(rhs)
var correction = TransportCorrection(terms: terms, coefficients: (0..<n).map { solution[$0, 0] }, featureRanges: ranges,
                                     constants: constants, provenance: "")
correction.fittedSkins = skins.map { TransportCorrection.FittedSkin(name: $0.name, parameters: $0.parameters) }

// The run time evaluates e^s by a short Taylor series, accurate for |s| < 0.5 (TransportCorrection.factor).
let largestExponent = all.map { s in abs(log(correction.factor(collimated: s.rc, diffuse: s.rd, logEpidermis: s.logEpi))) }.max()!
guard largestExponent < 0.5 else {
    FileHandle.standardError.write("the fitted correction reaches |ln factor| = \(largestExponent) ≥ 0.5; not written\n".data(using: .utf8)!)
    exit(1)
}

// Colour error before and after, over the grid.
var before: [Double] = [], after: [Double] = []
for (k, c) in colours.enumerated() {
    let byIndex = Dictionary(uniqueKeysWithValues: zip(wavelengths, samples[k]))
    let ad = c.evaluator.lab { byIndex[$0]!.reference }
    let ts = c.evaluator.lab { byIndex[$0]!.twoStream }
    let corrected = c.evaluator.lab { i in
        let s = byIndex[i]!
        return s.twoStream * correction.factor(collimated: s.rc, diffuse: s.rd, logEpidermis: s.logEpi)
    }
    before.append(deltaE2000(ts, ad)); after.append(deltaE2000(corrected, ad))
}
let worstAfter = after.indices.max { after[$0] < after[$1] }!
correction.provenance = """
    Generated by scripts/make_transport_correction.sh: ln(R_adding-doubling / R_two-stream) fitted by least squares, \
    degree \(degree) in (ln R_c, R_d, ln R_c,epi), over \(skins.count) distinct preset skins × \(pigments.pigments.count) pigments × \
    dilution \(dilutions) × needle depth \(depthsMM) mm (needle track, \(dose) mg/cm²; bare skin once), every 10 nm: \
    \(colours.count) colours. ΔE00 to adding-doubling over them: before worst \(String(format: "%.2f", before.max()!)), \
    mean \(String(format: "%.2f", before.reduce(0, +) / Double(before.count))); after worst \
    \(String(format: "%.2f", after[worstAfter])) (\(colours[worstAfter].label)), mean \
    \(String(format: "%.2f", after.reduce(0, +) / Double(after.count))), \(after.filter { $0 > 1 }.count) above 1; largest |ln factor| \(String(format: "%.3f", largestExponent)).
    """
let encoder = StippleJSON.encoder(keys: .asDeclared)
let url = correctionURL
try encoder.encode(correction).write(to: url)
print(correction.provenance)
print("wrote \(url.path)")
