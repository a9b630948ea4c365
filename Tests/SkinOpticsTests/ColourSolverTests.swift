import Foundation
import Testing
@testable import SkinOptics

@Suite("Colour solver: pigment, dilution and needle depth closest to a target")
struct ColourSolverTests {
    static let skins = try! SkinLibrary(dataDirectory: dataDirectory)
    static let pigments = try! PigmentLibrary(dataDirectory: dataDirectory)
    static let hair = try! HairColours(dataDirectory: dataDirectory)
    static let range = skins.basis.constants.recommendedNeedleDepthRange

    @Test("the solver is never worse than a brute-force 120 × 60 grid and lies inside its box",
          arguments: [("monk-4", "dark-brown"), ("monk-2", "blonde"), ("monk-8", "black"), ("fitzpatrick-3", "medium-brown"), ("monk-10", "grey")])
    func beatsBruteForce(skinName: String, hairName: String) throws {
        let skin = try Self.skins.model(named: skinName)
        let target = try Self.hair.lab(named: hairName)
        let solver = try ColourSolver(skin: skin, pigments: Self.pigments.pigments, depthRange: Self.range)
        let answers = solver.solve(target: target)
        #expect(answers.count == Self.pigments.pigments.count)
        for (a, b) in zip(answers, answers.dropFirst()) { #expect(a.deltaE00ToTarget <= b.deltaE00ToTarget) }
        for answer in answers {
            #expect(ColourSolver.dilutionRange.contains(answer.dilution) && Self.range.contains(answer.depthMM))
            let ev = PigmentedSkinEvaluator(skin: skin, pigment: try Self.pigments.pigment(named: answer.pigment))
            var gridBest = Double.infinity
            let lo = Foundation.log(ColourSolver.dilutionRange.lowerBound)
            for i in 0..<120 {
                let d = Foundation.exp(lo * (1 - Double(i) / 119))
                for j in 0..<60 {
                    let z = Self.range.lowerBound + (Self.range.upperBound - Self.range.lowerBound) * Double(j) / 59
                    gridBest = min(gridBest, deltaE2000(skin.basis.asRead(ev.labUnchecked(depthMM: z, effectiveDose: d * PigmentedSkin.meanDoseMgPerCm2)), target))
                }
            }
            #expect(answer.deltaE00ToTarget <= gridBest + 1e-3, "\(skinName)/\(hairName) \(answer.pigment): solver \(answer.deltaE00ToTarget), grid \(gridBest)")
            // The reported colour is the model's colour at the reported choice; the target (hair)
            // is an instrument reading, so the distance is taken from the colour as read.
            let lab = try ev.lab(depthMM: answer.depthMM, dilution: answer.dilution, doseMgPerCm2: PigmentedSkin.meanDoseMgPerCm2)
            #expect(deltaE2000(lab, answer.lab) < 1e-9 && deltaE2000(skin.basis.asRead(lab), answer.labAsRead) < 1e-9)
            #expect(abs(deltaE2000(answer.labAsRead, target) - answer.deltaE00ToTarget) < 1e-9)
        }
    }

    @Test("a target the model can reach exactly is found to within 0.05 ΔE00, and the solver is deterministic")
    func reachableTarget() throws {
        let skin = try Self.skins.model(named: "monk-5")
        let carbon = try Self.pigments.pigment(named: "carbon-black")
        let truth = skin.basis.asRead(try PigmentedSkin(skin: skin, pigment: carbon, dilution: 0.35, depthMM: 0.62).lab)
        let solver = try ColourSolver(skin: skin, pigments: [carbon], depthRange: Self.range)
        let a = solver.solve(target: truth), b = solver.solve(target: truth)
        #expect(a[0].deltaE00ToTarget < 0.05, "\(a[0])")
        #expect(a == b)
    }

    @Test("bad input: no pigments, a depth range outside the model")
    func badInput() throws {
        let skin = try Self.skins.model(named: "monk-4")
        #expect(throws: SkinOpticsError.self) { try ColourSolver(skin: skin, pigments: [], depthRange: Self.range) }
        #expect(throws: SkinOpticsError.self) { try ColourSolver(skin: skin, pigments: Self.pigments.pigments, depthRange: 0.01...0.5) }
        #expect(throws: SkinOpticsError.self) { try ColourSolver(skin: skin, pigments: Self.pigments.pigments, depthRange: 0.5...2.5) }
    }
}
