import Foundation
import SkinOptics
import StippleTestSupport
import Testing
@testable import Fading

@Suite("Fade timeline: depth response and fade groups")
struct TimelineTests {
    static let dataDirectory = Repository.data

    @Test("models.json loads and matches the compiled-in defaults")
    func libraryMatchesBuiltIn() throws {
        let lib = try FadeLibrary(dataDirectory: Self.dataDirectory)
        for kind in FadeModelKind.allCases {
            let file = lib.specification(for: kind), built = kind.specification
            #expect(file.map(\.defaultValue) == built.map(\.defaultValue), "\(kind.name)")
            #expect(file.map(\.fitted) == built.map(\.fitted), "\(kind.name)")
            #expect(file.allSatisfy { !$0.assumption.isEmpty }, "\(kind.name): every default needs an assumption")
        }
        #expect(lib.depth == DepthResponse.standard)
        #expect(lib.fadeGroups == FadeLibrary.builtIn.fadeGroups)
        #expect(lib.healing == FadeLibrary.builtIn.healing && lib.sun == FadeLibrary.builtIn.sun)
        #expect(lib.assumptions["healing.earlyLoss"]?.contains("Baeumler") == true, "the early loss names its source")
        #expect(lib.assumptions["sun.gain"]?.isEmpty == false)
    }

    @Test("healing and sun blocks: a value with neither source nor assumption, or out of range, is refused naming the field")
    func healingAndSunRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-healing-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = #"{"models": {}, "depth": {}, "fadeGroups": {}, "#
        let cases = [
            (#""healing": {"earlyLoss": {"value": 0.33}}}"#, "healing.earlyLoss: give its 'source'"),
            (#""healing": {"earlyLoss": {"value": 1.2, "source": "x"}}}"#, "healing.earlyLoss must be in [0, 1)"),
            (#""sun": {"gain": {"value": -1, "assumption": "x"}}}"#, "sun.gain must be finite and ≥ 0"),
        ]
        for (i, (tail, message)) in cases.enumerated() {
            let url = dir.appendingPathComponent("m\(i).json")
            try Data((base + tail).utf8).write(to: url)
            #expect {
                try FadeLibrary(contentsOf: url)
            } throws: { error in
                "\(error)".contains(message) && "\(error)".contains(url.lastPathComponent)
            }
        }
    }

    @Test("healed dose accounting: healed = injected × (1 − early loss); a share of the healed dose × healed share = share of the injected")
    func healedDose() {
        let h = HealedDose(earlyLoss: 0.33)
        #expect(abs(h.healed(injected: 2.53) - 2.53 * 0.67) < 1e-12)
        #expect(abs(h.healedShare - 0.67) < 1e-12)
        #expect(abs(h.ofInjected(retainedOfHealed: 0.8) - 0.536) < 1e-12)
        #expect(HealedDose(earlyLoss: 0).healed(injected: 2.53) == 2.53)
    }

    @Test("too shallow fades faster; depth multiplier is 1 + gain at the epidermis and ≈ 1 by 0.6 mm")
    func shallow() throws {
        let d = DepthResponse.standard
        // From the skin model's epidermis (0.07 mm, Data/skin/model.json): 51×, 2.9× at 0.3 mm, 1.03× at 0.6 mm.
        #expect(abs(d.rateMultiplier(depthMM: d.epidermisMM) - 51) < 1e-12 && d.epidermisMM == 0.07)
        #expect(d.rateMultiplier(depthMM: 0.6) < 1.05)
        #expect(d.rateMultiplier(depthMM: 0.3) > 2.5 && d.rateMultiplier(depthMM: 0.4) > 1.3)
        let setup = try FadeLibrary.builtIn.setup(model: .bi)
        let shallow = try FadeTimeline.evaluate(model: setup, depthMM: 0.25, days: [180])[0].retained["carbon"]!
        let normal = try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [180])[0].retained["carbon"]!
        #expect(shallow < normal - 0.1, "shallow \(shallow) vs normal \(normal)")
    }

    @Test("too deep spreads more over years and drifts deeper")
    func deep() throws {
        let setup = try FadeLibrary.builtIn.setup(model: .mono)
        let days = [0.0, 365, 1825]
        let normal = try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: days)
        let deep = try FadeTimeline.evaluate(model: setup, depthMM: 1.2, days: days)
        #expect(normal[0].diameterScale == 1 && deep[0].diameterScale == 1)
        #expect(deep[2].diameterScale > normal[2].diameterScale + 0.2)
        #expect(abs(normal[2].diameterScale - (1 + 0.02 * 1825 / 365.25).squareRoot()) < 1e-12)
        #expect(deep[2].depthMM > 1.2 && deep[2].depthMM < 1.2 + 0.08)
    }

    @Test("a warm/cool blend drifts cooler: iron oxide fades faster than carbon, the faded blend is bluer")
    func undertoneDrift() throws {
        let pigments = try PigmentLibrary(dataDirectory: Self.dataDirectory)
        let blend = try pigments.pigment(named: "cool-neutral")
        let setup = try FadeLibrary.builtIn.setup(model: .bi)
        let states = try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [0, 365, 1825])
        #expect(states[0].remaining(for: blend).values.allSatisfy { $0 == 1 })
        let late = states[2]
        #expect(late.retained["iron-oxide"]! < late.retained["carbon"]!)
        let faded = late.faded(blend)
        func share(_ p: Pigment, _ name: String) -> Double {
            p.components.filter { $0.component.name == name }.map(\.massFraction).reduce(0, +) / p.components.map(\.massFraction).reduce(0, +)
        }
        #expect(share(faded, "carbon-black") > share(blend, "carbon-black"))
        #expect(abs(faded.components[0].massFraction - 0.8 * late.retained["carbon"]!) < 1e-12)
    }

    @Test("bad timeline input is refused with a reason")
    func badInput() throws {
        let setup = try FadeLibrary.builtIn.setup(model: .mono)
        #expect(throws: FadeError.invalidDays(reason: "day -1.0 is negative or not finite")) {
            try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [0, -1])
        }
        #expect(throws: FadeError.self) { try FadeTimeline.evaluate(model: setup, depthMM: -0.1, days: [0]) }
        #expect(throws: FadeError.self) { try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [0], groups: ["glitter"]) }
    }
}
