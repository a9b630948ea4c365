import Testing
@testable import SkinOptics

/// The physics of pigment at depth, checked on every Monk preset.
@Suite("Pigment at depth across all ten Monk tones")
struct PigmentDepthTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)
    static let depths = [0.15, 0.3, 0.5, 0.8, 1.2, 1.6, 2.0]

    @Test("deeper → lighter, lower contrast, and bluer per unit lightness (Δb*/ΔL* rises)",
          arguments: ["carbon-black", "warm-brown", "cool-neutral"])
    func depthPhysics(pigmentName: String) throws {
        let pigment = try Self.pigments.pigment(named: pigmentName)
        for n in 1...10 {
            let ev = PigmentedSkinEvaluator(skin: try Self.skins.model(named: "monk-\(n)"), pigment: pigment)
            let spots = try Self.depths.map { try PigmentedSkin(evaluator: ev, dilution: 0.7, depthMM: $0) }
            for (shallow, deep) in zip(spots, spots.dropFirst()) {
                let tag = "\(pigmentName) monk-\(n) \(shallow.depthMM)→\(deep.depthMM) mm"
                #expect(deep.lab.L > shallow.lab.L, "lighter: \(tag)")
                #expect(deep.lab.L < deep.skinLab.L, "still darker than skin: \(tag)")
                #expect(deep.contrastDeltaE00 < shallow.contrastDeltaE00, "contrast: \(tag)")
                if n <= 7 {
                    #expect(Self.blueness(deep) > Self.blueness(shallow), "Δb*/ΔL*: \(tag) \(Self.blueness(shallow)) → \(Self.blueness(deep))")
                }
            }
        }
    }

    /// Δb*/ΔL* of a spot against its skin: how much bluer it reads per unit of darkening.
    static func blueness(_ s: PigmentedSkin) -> Double { (s.lab.b - s.skinLab.b) / (s.lab.L - s.skinLab.L) }

    /// Since the presets were refitted (issue 25), Monk 8–10 carry 0.16–0.33 melanin and the
    /// sourced blood ceiling; under that epidermis the blue that a deeper deposit sends back is
    /// absorbed on the way out, and Δb*/ΔL* stays flat with depth (changes < 1 %) instead of
    /// rising. Practitioners report blue-grey blow-outs as less visible on dark skin, but no
    /// measurement says whether the ratio should still rise: kept visible as its own gap.
    @Test("known gap: on Monk 8–10 Δb*/ΔL* stays flat with depth (within 1 %) rather than rising",
          arguments: ["carbon-black", "warm-brown", "cool-neutral"])
    func darkSkinBlueness(pigmentName: String) throws {
        let pigment = try Self.pigments.pigment(named: pigmentName)
        var rises = true
        for n in 8...10 {
            let ev = PigmentedSkinEvaluator(skin: try Self.skins.model(named: "monk-\(n)"), pigment: pigment)
            let spots = try Self.depths.map { try PigmentedSkin(evaluator: ev, dilution: 0.7, depthMM: $0) }
            for (shallow, deep) in zip(spots, spots.dropFirst()) {
                let (a, b) = (Self.blueness(shallow), Self.blueness(deep))
                #expect(b > a * 0.99, "\(pigmentName) monk-\(n) \(shallow.depthMM)→\(deep.depthMM) mm: \(a) → \(b) falls by over 1 %")
                rises = rises && b > a
            }
        }
        withKnownIssue("dark epidermis absorbs the deeper deposit's extra blue") { #expect(rises) }
    }

    @Test("more pigment (dose or dilution) → darker, on every Monk tone")
    func concentration() throws {
        let pigment = try Self.pigments.pigment(named: "carbon-black")
        for n in 1...10 {
            let ev = PigmentedSkinEvaluator(skin: try Self.skins.model(named: "monk-\(n)"), pigment: pigment)
            for depth in [0.2, 0.6] {
                let doses = [0.6, 1.5, 2.53, 5.0, 9.4]
                let ls = try doses.map { try ev.lab(depthMM: depth, dilution: 1, doseMgPerCm2: $0).L }
                for i in 0..<(ls.count - 1) { #expect(ls[i + 1] < ls[i], "monk-\(n) depth \(depth): dose \(doses[i + 1]) not darker") }
                let diluted = try ev.lab(depthMM: depth, dilution: 0.25, doseMgPerCm2: 2.53).L
                #expect(diluted > ls[2], "monk-\(n): 1:3 dilution should be lighter")
            }
        }
    }

    @Test("the same pigment reads very differently on Monk 2 and Monk 9: contrast against the skin differs by > 15 ΔE00")
    func skinMatters() throws {
        let pigment = try Self.pigments.pigment(named: "carbon-black")
        let on2 = try PigmentedSkin(skin: Self.skins.model(named: "monk-2"), pigment: pigment, dilution: 0.7, depthMM: 0.5)
        let on9 = try PigmentedSkin(skin: Self.skins.model(named: "monk-9"), pigment: pigment, dilution: 0.7, depthMM: 0.5)
        #expect(deltaE2000(on2.skinLab, on9.skinLab) > 30)
        #expect(on2.contrastDeltaE00 > on9.contrastDeltaE00 + 15, "\(on2.contrastDeltaE00) vs \(on9.contrastDeltaE00)")
    }

    @Test("warm-brown casts warmer than carbon black; carbon in the upper dermis reads cool on Monk 3–8")
    func undertones() throws {
        let carbon = try Self.pigments.pigment(named: "carbon-black")
        let brown = try Self.pigments.pigment(named: "warm-brown")
        for n in 3...8 {
            let skin = try Self.skins.model(named: "monk-\(n)")
            for depth in [0.15, 0.3, 0.5] {
                let c = try PigmentedSkin(skin: skin, pigment: carbon, dilution: 0.7, depthMM: depth)
                let b = try PigmentedSkin(skin: skin, pigment: brown, dilution: 0.7, depthMM: depth)
                #expect(PigmentedSkin.cast(spot: b.lab, skin: b.skinLab).db > PigmentedSkin.cast(spot: c.lab, skin: c.skinLab).db, "monk-\(n) \(depth)")
                #expect(c.undertone == .cool, "carbon monk-\(n) at \(depth) mm: \(c.undertone)")
            }
        }
        // The rule itself: neutral darkening is neutral, a blue shift cool, a yellow shift warm.
        let skin = Lab(L: 60, a: 10, b: 18)
        let dark = Colorimetry.lab(XYZ(X: Colorimetry.xyz(skin).X * 0.5, Y: Colorimetry.xyz(skin).Y * 0.5, Z: Colorimetry.xyz(skin).Z * 0.5))
        #expect(PigmentedSkin.undertone(spot: dark, skin: skin) == .neutral)
        #expect(PigmentedSkin.undertone(spot: Lab(L: dark.L, a: dark.a, b: dark.b - 5), skin: skin) == .cool)
        #expect(PigmentedSkin.undertone(spot: Lab(L: dark.L, a: dark.a + 1, b: dark.b + 5), skin: skin) == .warm)
    }

    @Test("apparent blur radius grows with needle depth on every Monk tone and stays within 0.05–2 mm")
    func blur() throws {
        for n in 1...10 {
            let skin = try Self.skins.model(named: "monk-\(n)")
            let radii = try Self.depths.map { try apparentBlurRadiusMM(depthMM: $0, skin: skin) }
            for i in 0..<(radii.count - 1) { #expect(radii[i + 1] > radii[i], "monk-\(n)") }
            #expect(radii.first! > 0.05 && radii.last! < 2)
        }
    }

}
