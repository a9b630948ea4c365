import Foundation
import Testing
@testable import SkinOptics
import StippleTestSupport

/// One healed dot as the pictures draw it: the tabulated point-spread (Data/skin/dot_psf.*)
/// against fresh Monte Carlo runs, and the look the issue's expectations name, across presets.
@Suite("Dot look")
struct DotLookTests {
    static let library = try! SkinLibrary(dataDirectory: dataDirectory)
    static let table = try! DotPointSpreadTable(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)

    /// Column diameter of a 1RL needle (HealingModel's k = 0.8, normal skin; repeated here
    /// because SkinOptics does not depend on Impressions).
    static func column(needle: Double = 0.20, footprint: Double = 1) -> Double { 0.8 * needle * footprint }

    static func look(skin: String = "monk-2", pigment: String = "carbon-black", depth: Double = 0.6, dilution: Double = 1,
                     diameter: Double = column(), deposit: DepositKind = .needleTrack) throws -> DotLook {
        let model = try library.model(named: skin)
        let evaluator = PigmentedSkinEvaluator(skin: model, pigment: try pigments.pigment(named: pigment), deposit: deposit)
        return try DotLook(table: table, evaluator: evaluator, depthMM: depth, effectiveDose: dilution * PigmentedSkin.meanDoseMgPerCm2,
                           diameterMM: diameter)
    }

    static func loss(_ l: DotLook, at r: Double) -> Double {
        let i = l.radiiMM.firstIndex { $0 >= r }!
        if l.radiiMM[i] == r || i == 0 { return 1 - l.transmissionG[i] }
        let f = (r - l.radiiMM[i - 1]) / (l.radiiMM[i] - l.radiiMM[i - 1])
        return 1 - (l.transmissionG[i - 1] + f * (l.transmissionG[i] - l.transmissionG[i - 1]))
    }

    @Test("the table was made for today's skin model and presets")
    func tableMatchesPresets() throws {
        #expect(Self.table.header.constants == Self.library.basis.constants)
        for preset in Self.library.presets {
            #expect(Self.table.skinIndex(parameters: preset.parameters) != nil, "\(preset.name) missing from dot_psf.json")
        }
    }

    @Test("a full-strength 1RL carbon dot at 0.6 mm on light skin: 0.15–0.35 mm across, visibly dark, dots 1 mm apart resolved",
          arguments: ["monk-1", "monk-2", "monk-3"])
    func fullStrengthDot(skin: String) throws {
        let l = try Self.look(skin: skin)
        #expect(l.apparentFWHMMM >= 0.15 && l.apparentFWHMMM <= 0.35, "FWHM \(l.apparentFWHMMM)")
        #expect(l.centreDeltaE00 >= 10, "centre ΔE00 \(l.centreDeltaE00): not visibly dark")
        // Two dots 1 mm apart: halfway between them each reaches share(0.5); the skin comes back
        // if their sum is well under the centre's share.
        #expect(2 * Self.loss(l, at: 0.5) < 0.25 * Self.loss(l, at: 0), "midpoint \(2 * Self.loss(l, at: 0.5)) vs centre \(Self.loss(l, at: 0))")
    }

    /// Blueness of a dot: its cast along b* (`PigmentedSkin.cast`) per unit of darkening.
    static func blueness(_ l: DotLook, skin: String) throws -> Double {
        let skinLab = try library.model(named: skin).lab
        return -PigmentedSkin.cast(spot: l.centreLab, skin: skinLab).db / (skinLab.L - l.centreLab.L)
    }

    @Test("a 1.6 mm needle track looks wider and lighter at the centre than 0.6 mm", arguments: ["monk-2", "monk-5", "monk-8"])
    func deepTrack(skin: String) throws {
        let shallow = try Self.look(skin: skin, depth: 0.6), deep = try Self.look(skin: skin, depth: 1.6)
        #expect(deep.apparentFWHMMM > shallow.apparentFWHMMM)
        #expect(deep.centreLab.L > shallow.centreLab.L + 3, "centre L* 0.6 mm \(shallow.centreLab.L), 1.6 mm \(deep.centreLab.L)")
    }

    @Test("a blow-out (pigment only near a 1.5 mm tip) is lighter, wider and bluer per unit of darkening than a 0.6 mm track",
          arguments: ["monk-2", "monk-5"])
    func blowOut(skin: String) throws {
        let track = try Self.look(skin: skin, depth: 0.6), deep = try Self.look(skin: skin, depth: 1.5, deposit: .deep)
        #expect(deep.centreLab.L > track.centreLab.L)
        #expect(deep.apparentFWHMMM > track.apparentFWHMMM)
        let bDeep = try Self.blueness(deep, skin: skin), bTrack = try Self.blueness(track, skin: skin)
        #expect(bDeep > bTrack, "blueness blow-out \(bDeep), track \(bTrack)")
    }

    @Test("known gap: a 1.6 mm needle track is not bluer than a 0.6 mm one (its pigment stays densest at the junction)")
    func deepTrackBlueness() throws {
        // The Monte Carlo's loss spectrum of a 1.6 mm track is the 0.6 mm track's scaled by ≈ 0.47
        // from 450 to 780 nm: the track's shallow pigment dominates what is seen, so it reads
        // lighter and wider but not bluer. No track shape changes that: with fresh tables
        // (60,000 photons, monk-2 and monk-5, carbon, 0.16 mm column) the blueness per unit of
        // darkening at 0.6 → 1.6 mm falls for p = 0 (uniform fill, as capillary imbibition into
        // the open puncture would leave it: 0.033 → 0.009 on monk-2), p = 1 (0.061 → 0.015) and
        // p = 2 (0.084 → 0.026). In this physics only pigment kept away from the junction turns
        // blue (the blow-out test above). Closing this needs a measured depth profile of healed
        // pigment after deep needling (histology or OCT of SMP at ≥ 1.5 mm) showing the junction
        // region left pigment-poor; DepositProfile's p = 1 triangle stays an assumption.
        withKnownIssue {
            let shallow = try Self.look(skin: "monk-2", depth: 0.6), deep = try Self.look(skin: "monk-2", depth: 1.6)
            let bDeep = try Self.blueness(deep, skin: "monk-2"), bShallow = try Self.blueness(shallow, skin: "monk-2")
            #expect(bDeep > bShallow)
        }
    }

    @Test("a quarter dilution is clearly lighter than full strength; a 3RL dot is wider than 1RL")
    func dilutionAndGrouping() throws {
        let full = try Self.look(), quarter = try Self.look(dilution: 0.25)
        #expect(quarter.centreLab.L - full.centreLab.L >= 3, "L* full \(full.centreLab.L), quarter \(quarter.centreLab.L)")
        let three = try Self.look(diameter: Self.column(footprint: 1 + 1 / sin(Double.pi / 3)))
        #expect(three.apparentFWHMMM > full.apparentFWHMMM * 1.3)
        #expect(three.centreDeltaE00 > full.centreDeltaE00)
    }

    @Test("on the darkest presets a dot is still visible, with less contrast than on light skin", arguments: ["monk-9", "monk-10", "fitzpatrick-6"])
    func darkSkin(skin: String) throws {
        let dark = try Self.look(skin: skin), light = try Self.look(skin: "monk-2")
        #expect(dark.centreDeltaE00 >= 2, "centre ΔE00 \(dark.centreDeltaE00) on \(skin)")
        #expect(dark.centreDeltaE00 < light.centreDeltaE00)
    }

    @Test("the table against fresh Monte Carlo runs at held-back points (between grid nodes)",
          arguments: [(skin: "monk-4", band: 2, diameter: 0.15, depth: 0.7, tau: 3.0),
                      (skin: "monk-8", band: 4, diameter: 0.22, depth: 1.0, tau: 0.7)])
    func heldBackPoints(point: (skin: String, band: Int, diameter: Double, depth: Double, tau: Double)) throws {
        let model = try Self.library.model(named: point.skin)
        let c = Self.library.basis.constants
        let grid = Self.table.header.grid
        let radii = [0.0, 0.1, 0.2]
        let scoring = ColumnMonteCarlo.Scoring(radiiMM: radii, diametersMM: [point.diameter], slabEdgesMM: grid.slabEdgesMM,
                                               profiles: [grid.depositDensity(kind: .needleTrack, needleDepthMM: point.depth, constants: c)],
                                               opticalDepths: [point.tau])
        let fresh = ColumnMonteCarlo(layers: grid.layers(skin: model, band: point.band), refractiveIndex: c.refractiveIndex)
            .run(photons: 40_000, seed: 99, scoring: scoring)
        let s = try #require(Self.table.skinIndex(parameters: model.parameters))
        let tabulated = Self.table.profile(skin: s, diameterMM: point.diameter, needleDepthMM: point.depth, kind: .needleTrack) { _ in point.tau }[point.band]
        for (k, r) in radii.enumerated() {
            let t = fresh.reflectance(radius: k, diameter: 0, profile: 0, depth: 0) / fresh.bare
            let i = grid.radiiMM.firstIndex(of: r)!
            let lossFresh = 1 - t, lossTable = 1 - tabulated.dot[i]
            #expect(abs(lossTable - lossFresh) <= 0.03 + 0.15 * lossFresh, "r \(r): table loss \(lossTable), fresh \(lossFresh)")
        }
    }
}
