import Foundation
import StippleTestSupport
import Testing
@testable import Fading

/// `FadeTimeline.Implant` sets a session's fade up once and is evaluated at one day per look;
/// `FadeTimeline.evaluate` is built on it. Both must give exactly the states of the plain
/// construction: each group's model built for the depth and sun, evaluated at the day.
@Suite("Fade implant: set up once, evaluated at any day, the same states")
struct ImplantTests {
    /// The plain construction, from `FadeTimeline.curve` (a model built per call).
    static func plain(_ setup: FadeSetup, depthMM: Double, sun: Double, day: Double) throws -> FadeState {
        let factor = setup.depth.rateMultiplier(depthMM: depthMM) * setup.sun.rateMultiplier(sunExposure: sun, kind: setup.kind)
        var retained: [String: Double] = [:]
        for (name, g) in setup.fadeGroups {
            let conditions = FadeConditions(rateMultiplier: factor * g, sunExposure: sun)
            retained[name] = try FadeTimeline.curve(setup, conditions: conditions, days: [day])[0]
        }
        return FadeState(day: day, retained: retained, diameterScale: setup.depth.diameterScale(atDay: day, depthMM: depthMM),
                         depthMM: setup.depth.depth(atDay: day, depthMM: depthMM))
    }

    @Test("every model, depth and sun exposure: the implant's state is the plain one, and evaluate's too")
    func sameStates() throws {
        let library = try FadeLibrary(dataDirectory: Repository.data)
        let days: [Double] = [0, 1, 14.5, 30, 365, 1825, 3650, 36500]
        var compared = 0
        for kind in FadeModelKind.allCases {
            let setup = try library.setup(model: kind)
            #expect(setup.fadeGroups.count > 1, "several fade groups make the comparison mean something")
            for depth in [0.2, 0.6, 1.5] {
                for sun in [0.0, 0.5, 1.0] {
                    let implant = try FadeTimeline.Implant(model: setup, depthMM: depth, sunExposure: sun)
                    let batch = try FadeTimeline.evaluate(model: setup, depthMM: depth, sunExposure: sun, days: days)
                    for (i, day) in days.enumerated() {
                        let expected = try Self.plain(setup, depthMM: depth, sun: sun, day: day)
                        #expect(try implant.state(atDay: day) == expected, "\(kind) depth \(depth) sun \(sun) day \(day)")
                        #expect(batch[i] == expected)
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == FadeModelKind.allCases.count * 3 * 3 * days.count)
    }

    @Test("bad input fails as evaluate always did: depth, sun, unknown group, negative or infinite day")
    func errors() throws {
        // With the data folder's skin model the depths are its needle depths (PhysicalLimits);
        // the compiled-in library knows no skin model and refuses only what is no depth at all.
        let setup = try FadeLibrary(dataDirectory: Repository.data).setup(model: .bi)
        #expect(throws: FadeError.self) { try FadeTimeline.Implant(model: setup, depthMM: 5.5) }
        #expect(throws: FadeError.self) { try FadeTimeline.Implant(model: setup, depthMM: 0.05) }
        let builtIn = try FadeLibrary.builtIn.setup(model: .bi)
        for depth in [-0.1, .infinity, .nan] { #expect(throws: FadeError.self) { try FadeTimeline.Implant(model: builtIn, depthMM: depth) } }
        #expect(throws: FadeError.self) { try FadeTimeline.Implant(model: setup, depthMM: 0.6, sunExposure: 1.5) }
        #expect(throws: FadeError.self) { try FadeTimeline.Implant(model: setup, depthMM: 0.6, groups: ["no-such-group"]) }
        let implant = try FadeTimeline.Implant(model: setup, depthMM: 0.6)
        for day in [-1.0, .infinity, .nan] {
            #expect(throws: FadeError.self) { try implant.state(atDay: day) }
        }
        // evaluate reports a bad day before an unknown group, as before.
        do {
            _ = try FadeTimeline.evaluate(model: setup, depthMM: 0.6, days: [-2], groups: ["no-such-group"])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("-2"), "\(error)")
        }
    }
}
