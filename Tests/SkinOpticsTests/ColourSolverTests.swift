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

    @Test("the bounded start search picks exactly the starts that evaluating the whole grid and sorting picks, ties included")
    func boundedStartsEqualFullSearch() {
        // Objectives with kinks, plateaus (ties) and an infinite region, each with a valid lower
        // bound (the objective less a non-negative penalty), on the solver's 32 × 17 grid.
        for trial in 0..<40 {
            // Minima spread over the square (golden-ratio and √2 sequences: fixed, no RNG).
            let a = (Double(trial) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
            let b = (Double(trial) * 0.414_213_562_37).truncatingRemainder(dividingBy: 1)
            let plateau = trial % 4 == 0
            func bound(_ u: SIMD2<Double>) -> Double {
                let d = abs(u.x - a) + 2 * abs(u.y - b)
                return plateau ? (d * 4).rounded(.down) : d
            }
            func penalty(_ u: SIMD2<Double>) -> Double {
                if trial % 5 == 1 && u.x > 0.9 { return .infinity }
                return max(0, sin(17 * u.x + Double(trial)) * 0.3) + (u.y < 0.2 ? 0.5 : 0)
            }
            func objective(_ u: SIMD2<Double>) -> Double { bound(u) + penalty(u) }
            var all: [(u: SIMD2<Double>, f: Double)] = []
            for i in 0..<32 { for j in 0..<17 {
                let u = SIMD2(Double(i) / 31, Double(j) / 16)
                all.append((u, objective(u)))
            } }
            all.sort { $0.f != $1.f ? $0.f < $1.f : ($0.u.x, $0.u.y) < ($1.u.x, $1.u.y) }
            var evaluated = 0
            let found = ColourSolver.bestStarts(nx: 32, ny: 17, count: 5, objective: { evaluated += 1; return objective($0) }, lowerBound: bound)
            #expect(found.map(\.u) == all.prefix(5).map(\.u) && found.map(\.f) == all.prefix(5).map(\.f), "trial \(trial)")
            #expect(evaluated < 32 * 17, "trial \(trial): the bound saved nothing")
        }
    }
}
