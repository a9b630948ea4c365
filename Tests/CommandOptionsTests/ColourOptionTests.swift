import ArgumentParser
import CommandOptions
import Foundation
import Impressions
import Plans
import SkinOptics
import StippleTestSupport
import Testing

/// The colour commands' option types, read from the strings a user types.
@Suite("colour options")
struct ColourOptionTests {
    @Test("--depth-range LO:HI reads a range; a reversed, one-sided or non-numeric one names the option and the form")
    func depthRange() throws {
        #expect(try DepthRangeOption(argument: "0.4:0.8").value() == 0.4...0.8)
        #expect(try DepthRangeOption(argument: " 0.3 : 0.9 ").value() == 0.3...0.9)
        #expect(DepthRangeOption(argument: "0.5:3").text == "0.5:3")
        for bad in ["0.8:0.4", "0.5", "0.5:", "a:b", "0.4:0.4", "0.1:0.5:0.9", "nan:1", "0.4:inf"] {
            #expect(throws: OptionError(option: "--depth-range", message: "'\(bad)' is not LO:HI in mm with LO < HI (e.g. 0.4:0.8)")) {
                try DepthRangeOption(argument: bad).value()
            }
        }
    }

    @Test("--hair reads L,a,b within range as CIELAB, other text as a name; out-of-range Lab names the limits")
    func hair() throws {
        guard case .lab(let lab, let text) = try HairOption(argument: "28,4,7").value() else {
            Issue.record("28,4,7 was not read as Lab")
            return
        }
        #expect(lab.L == 28 && lab.a == 4 && lab.b == 7 && text == "28,4,7")
        guard case .named(let name) = try HairOption(argument: "Dark-Brown").value() else {
            Issue.record("Dark-Brown was not read as a name")
            return
        }
        #expect(name == "Dark-Brown")
        // The limits are a plan's hair_colour limits, declared once (`PhysicalLimits`).
        for bad in ["120,0,0", "-1,0,0", "50,129,0", "50,0,-128.5"] {
            let expected = "\(bad): expected L* \(PhysicalLimits.hairL.expectation) and a*, b* \(PhysicalLimits.hairAB.expectation) (a plan's hair_colour limits)"
            #expect(throws: OptionError(option: "--hair", message: expected)) {
                try HairOption(argument: bad).value()
            }
        }
        #expect(PhysicalLimits.hairAB.contains(128) && !PhysicalLimits.hairAB.contains(128.5))
    }

    @Test("a named hair colour resolves against the data folder; an unknown one names --hair and the known names")
    func hairNames() throws {
        let dark = try HairTarget.named("DARK-BROWN").resolve(dataDirectory: Repository.data)
        #expect(dark.label == "dark-brown" && dark.lab.L > 0 && dark.lab.L < 50)
        do {
            _ = try HairTarget.named("ginger").resolve(dataDirectory: Repository.data)
            Issue.record("ginger resolved")
        } catch let error as OptionError {
            #expect(error.option == "--hair" && error.message.contains("ginger") && error.message.contains("dark-brown"))
        }
    }

    @Test("--pigments reads a comma list; an empty list or an unknown pigment names the option")
    func pigments() throws {
        #expect(PigmentList(argument: " carbon-black, ,warm-brown ").names == ["carbon-black", "warm-brown"])
        let library = try PigmentLibrary(dataDirectory: Repository.data)
        #expect(try PigmentList(argument: "warm-brown,carbon-black").resolve(in: library).map(\.name) == ["warm-brown", "carbon-black"])
        #expect(throws: OptionError.self) { try PigmentList(argument: ",,").resolve(in: library) }
        do {
            _ = try PigmentList(argument: "carbon-black,ink").resolve(in: library)
            Issue.record("ink resolved")
        } catch {
            #expect(error.option == "--pigments" && error.message.contains("unknown pigment 'ink'"))
        }
    }

    @Test("--grouping and --deposit accept any letter case and refuse other words, naming the option and the choices")
    func groupingAndDeposit() throws {
        #expect(try NeedleGroupingOption(argument: "3rl").value() == .rl3 && NeedleGroupingOption(argument: "1RL").value() == .rl1)
        #expect(throws: OptionError(option: "--grouping '7RL'", message: "is not a modelled needle grouping: expected one of 1RL, 3RL, 5RL")) {
            try NeedleGroupingOption(argument: "7RL").value()
        }
        #expect(try DepositOption(argument: "Deep").value() == .deep && DepositOption(argument: "needle-track").value() == .needleTrack)
        #expect(throws: OptionError(option: "--deposit 'shallow'", message: "is not a deposit: expected one of needle-track, deep")) {
            try DepositOption(argument: "shallow").value()
        }
        #expect(NeedleGroupingOption(argument: "1RL").defaultValueDescription == "1RL")
    }

    @Test("the shade request names --depth-range when the range leaves the modelled depths, and --dose or --horizon-days when out of range")
    func shadeRequestLimits() throws {
        let data = try DataLibrary.locate(explicit: Repository.data.path)
        let hair = HairOption(argument: "dark-brown")
        do {
            _ = try ShadeRequest(skin: "monk-4", hair: hair, depthRange: DepthRangeOption(argument: "0.01:0.5")).advise(data: data)
            Issue.record("0.01:0.5 mm was searched")
        } catch let error as OptionError {
            #expect(error.option == "--depth-range" && error.message.hasPrefix("0.01:0.5 mm is outside the modelled needle depths"))
        }
        #expect(throws: OptionError(option: "--dose", message: "25.0 mg/cm² is outside the modelled range: expected more than 0 and at most 20")) {
            try ShadeRequest(skin: "monk-4", hair: hair, dose: 25).advise(data: data)
        }
        #expect(throws: OptionError(option: "--horizon-days", message: "4000.0 is outside 0–3650 days")) {
            try ShadeRequest(skin: "monk-4", hair: hair, horizonDays: 4000).advise(data: data)
        }
        do {
            _ = try ShadeRequest(skin: "monk-99", hair: hair).advise(data: data)
            Issue.record("monk-99 was solved for")
        } catch let error as OptionError {
            #expect(error.option == "--skin")
        }
    }
}
