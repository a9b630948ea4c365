import Foundation
import Testing
import LinearAlgebra
@testable import SkinOptics

/// Issue 25: every preset within 3 ΔE00 of its measured target (the model as the target's
/// instrument reads it). monk-8 is the one exception, tested on its own as a known gap.
let presetResidualBound = 3.0
/// The preset whose measured colour the model cannot reach inside the sourced blood range.
let unreachedPresets: Set<String> = ["monk-8"]

@Suite("Skin presets: least-squares fits to Monk and Fitzpatrick targets")
struct SkinPresetTests {
    /// Regenerate Data/skin/presets.json with
    /// `SKINOPTICS_WRITE_PRESETS=1 swift test --disable-xctest --filter SkinPresetTests`.
    @Test("re-fitting every target reproduces Data/skin/presets.json")
    func refitReproduces() throws {
        let basis = try SkinOpticalBasis(dataDirectory: dataDirectory)
        let fitted = try SkinToneTargets(dataDirectory: dataDirectory).fitAll(basis: basis)
        let url = dataDirectory.appendingPathComponent("skin/presets.json")
        if ProcessInfo.processInfo.environment["SKINOPTICS_WRITE_PRESETS"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(fitted).write(to: url)
        }
        let stored = try SkinLibrary(dataDirectory: dataDirectory).presets
        #expect(stored.map(\.name) == fitted.map(\.name))
        for (s, f) in zip(stored, fitted) {
            #expect(deltaE2000(s.modelLab.lab, f.modelLab.lab) < 0.01, "\(s.name): stored \(s.modelLab) refit \(f.modelLab)")
            #expect(abs(s.residualDeltaE00 - f.residualDeltaE00) < 0.01, "\(s.name)")
            #expect(abs(s.parameters.melaninFraction / f.parameters.melaninFraction - 1) < 0.01, "\(s.name) melanin")
        }
    }

    @Test("fit residuals are within the stated bounds and the stored model Lab is what the model gives")
    func residualBounds() throws {
        let library = try SkinLibrary(dataDirectory: dataDirectory)
        #expect(library.presets.count == 18)
        let share = try SkinToneTargets(dataDirectory: dataDirectory).instrumentSurfaceShare.value
        for p in library.presets {
            if !unreachedPresets.contains(p.name) {
                #expect(p.residualDeltaE00 <= presetResidualBound, "\(p.name): ΔE00 \(p.residualDeltaE00)")
            }
            let lab = try library.model(named: p.name).lab
            #expect(deltaE2000(lab, p.modelLab.lab) < 1e-6)
            let measured = SurfaceReflection.adding(share: share, to: lab)
            #expect(deltaE2000(measured, p.measuredLab.lab) < 1e-6)
            #expect(abs(deltaE2000(measured, p.target.lab) - p.residualDeltaE00) < 1e-6)
        }
    }

    /// monk-8 is Wee et al.'s cluster 2 (nose tip and upper lip): a* 17 with b* 15 at L* 38 takes
    /// more blood than the sourced 2 % ceiling allows in this model (the fit stops there, 4.5 ΔE00
    /// off, too yellow). Closing it needs a scalp or forehead measurement of skin this dark, or a
    /// blood-rich facial site modelled as such.
    @Test("known gap: monk-8 (Wee cluster 2, nose tip and upper lip) is over 3 ΔE00 from its target inside the sourced blood range")
    func monk8Unreached() throws {
        let p = try SkinLibrary(dataDirectory: dataDirectory).preset(named: "monk-8")
        #expect(p.atBound.contains("blood_fraction"))
        withKnownIssue("needs a scalp or forehead target for this skin (see Data/skin/README.md)") {
            #expect(p.residualDeltaE00 <= presetResidualBound, "monk-8: ΔE00 \(p.residualDeltaE00)")
        }
    }

    /// Issue 25: no fitted parameter may end at a bound unless the README explains the colour
    /// it could not reach. The parameters at a bound are listed in presets.json (`atBound`, also
    /// `stipple skin --json` `at_bound`) and must be exactly the explained ones below; pheomelanin
    /// and melanin never end at a bound (melanin's class range is a soft prior).
    @Test("parameters at a bound are exactly the explained ones: scattering (within-population lightness spread) and blood on Wee's facial sites")
    func atBoundIsExplained() throws {
        let library = try SkinLibrary(dataDirectory: dataDirectory)
        for p in library.presets {
            #expect(!p.atBound.contains("pheomelanin_share") && !p.atBound.contains("melanin_fraction"), "\(p.name): \(p.atBound)")
            if p.atBound.contains("blood_fraction") { #expect(["monk-8", "monk-9"].contains(p.name), "\(p.name) blood at its bound") }
            #expect(Set(p.bounds.keys) == ["melanin_fraction", "blood_fraction", "scattering_scale", "pheomelanin_share"])
            let b = p.bounds["blood_fraction"]!
            #expect(b == [0.002, 0.02], "blood bounds are the sourced 0.2–2 %")
            #expect(abs(p.parameters.pheomelaninShare - SkinPresetFitter.typicalPheomelaninShare) < 0.1,
                    "\(p.name): pheomelanin share \(p.parameters.pheomelaninShare) stays near Del Bino's 0.26")
        }
        let scatteringAtBound = library.presets.filter { $0.atBound.contains("scattering_scale") }.count
        #expect(scatteringAtBound <= 12, "scattering at its bound on \(scatteringAtBound) presets")
    }

    /// Melanin's class range is a soft prior: the dark presets land inside Jacques's dark range,
    /// while the light and intermediate ones need 2–3× less melanin than their class's published
    /// floor (a finding, Data/skin/README.md). Melanin still rises with the measured darkness.
    @Test("presets are measured skin: light presets L* 60–75 as measured, the darkest L* ≤ 35 with ITA° < −30; dark presets' melanin inside the dark range")
    func measuredSkin() throws {
        let library = try SkinLibrary(dataDirectory: dataDirectory)
        for p in library.presets {
            #expect(!p.basis.isEmpty)
            #expect(p.melaninClassRange.count == 2)
            // Light forearms as measured; the sun-exposed foreheads are darker (56–59).
            let lightRange = p.sunExposedSiteOf == nil ? 60.0...75.0 : 55.0...60.0
            if p.melaninClass == "light" { #expect(lightRange.contains(p.measuredLab.L), "\(p.name) L* \(p.measuredLab.L)") }
            if ["monk-9", "monk-10", "fitzpatrick-6"].contains(p.name) {
                #expect((p.melaninClassRange[0]...p.melaninClassRange[1]).contains(p.parameters.melaninFraction), "\(p.name) melanin \(p.parameters.melaninFraction)")
            }
        }
        let melanin = try (1...10).map { try library.preset(named: "monk-\($0)").parameters.melaninFraction }
        for i in 3..<9 { #expect(melanin[i] < melanin[i + 1], "melanin rises from monk-\(i + 1) to monk-\(i + 2)") }
        for name in ["monk-10", "fitzpatrick-6"] {
            let lab = try library.preset(named: name).modelLab.lab
            #expect(lab.L <= 35 && ITA(lab).degrees < -30, "\(name): \(lab)")
        }
        // Swatches are display labels: Monk 1 and 10 swatches lie outside measured skin.
        #expect(library.presets.filter { $0.swatch != nil }.count == 10)
        #expect(Colorimetry.lab(RGB8(hex: try library.preset(named: "monk-1").swatch!)!).L > 90)
    }

    @Test("Monk presets get darker from 1 to 10 and Fitzpatrick from I to VI")
    func ordering() throws {
        let library = try SkinLibrary(dataDirectory: dataDirectory)
        let monk = try (1...10).map { try library.model(named: "monk-\($0)").lab.L }
        for i in 4..<9 { #expect(monk[i] > monk[i + 1], "monk-\(i + 1) L* \(monk[i]) vs monk-\(i + 2) \(monk[i + 1])") }
        let fitz = try (1...6).map { try library.model(named: "fitzpatrick-\($0)").lab.L }
        for i in 0..<5 { #expect(fitz[i] > fitz[i + 1]) }
    }

    @Test("preset names: Monk and Fitzpatrick aliases, roman numerals, unknown names listed")
    func names() throws {
        let library = try SkinLibrary(dataDirectory: dataDirectory)
        #expect(try library.preset(named: "fitzpatrick-IV").name == "fitzpatrick-4")
        #expect(try library.preset(named: "Fitzpatrick iv").name == "fitzpatrick-4")
        #expect(try library.preset(named: "Monk 5").name == "monk-5")
        #expect(try library.preset(named: "monk-10").name == "monk-10")
        #expect(throws: SkinOpticsError.self) { try library.preset(named: "monk-11") }
        do {
            _ = try library.preset(named: "olive")
            Issue.record("expected unknownSkinPreset")
        } catch {
            guard case .unknownSkinPreset(let name, let known) = error else { Issue.record("wrong error \(error)"); return }
            #expect(name == "olive" && known.contains("monk-3") && known.contains("fitzpatrick-6"))
            #expect(error.description.contains("monk-1"))
        }
    }

    @Test("model parameters out of range are refused with the expected range")
    func parameterRanges() throws {
        let basis = try SkinOpticalBasis(dataDirectory: dataDirectory)
        #expect(throws: SkinOpticsError.self) { try SkinModel(parameters: SkinParameters(melaninFraction: 2, bloodFraction: 0.01), basis: basis) }
        #expect(throws: SkinOpticsError.self) { try SkinModel(parameters: SkinParameters(melaninFraction: 0.05, bloodFraction: -0.1), basis: basis) }
    }

    /// Found regenerating the transport correction: monk-8's cost has two basins, scattering at
    /// either bound, and a single descent from the best scan point ended in one or the other as
    /// the model moved by hundredths of a ΔE00. The fit starts from each scattering scale of its
    /// scan and keeps the lowest cost, so it lands in the better basin whatever the start.
    @Test("monk-8's cost has two basins (scattering at either bound); the fit keeps the lower, whichever a single descent finds")
    func multiStartTakesTheBetterBasin() throws {
        let targets = try SkinToneTargets(dataDirectory: dataDirectory)
        let basis = try SkinOpticalBasis(dataDirectory: dataDirectory)
        let t = try #require(targets.presets.first { $0.name == "monk-8" })
        let fitter = targets.fitter(basis: basis, melaninClass: t.melaninClass)
        var solver = try LeastSquaresSolver(rows: 10, columns: 4)
        // A descent from each of the fitter's starts (one per scattering scale of its scan).
        let ends = try fitter.starts(for: t.target.lab).map { start in
            let d = try fitter.descend(from: start, target: t.target.lab, name: t.name, solver: &solver)
            return (parameters: fitter.parameters(d.theta), cost: d.cost)
        }
        #expect(ends.count == 5)
        let low = try #require(ends.filter { $0.parameters.scatteringScale < 1 }.min { $0.cost < $1.cost })
        let high = try #require(ends.filter { $0.parameters.scatteringScale > 1 }.min { $0.cost < $1.cost })
        // Two basins, each with scattering at a bound, of different cost.
        #expect(fitter.parametersAtBound(low.parameters).contains("scattering_scale"))
        #expect(fitter.parametersAtBound(high.parameters).contains("scattering_scale"))
        #expect(abs(low.cost - high.cost) > 0.1, "two basins of different cost: \(low.cost) vs \(high.cost)")
        // The fit is the lower of the two.
        let fit = try fitter.fit(target: t.target.lab, name: t.name)
        let best = low.cost < high.cost ? low : high
        #expect(fit.parameters == best.parameters)
    }
}
