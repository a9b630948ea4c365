import ArgumentParser
import CommandOptions
import Fading
import Testing

/// The fade commands' option types and the options `fade fit` and `fade benchmark` share.
@Suite("fade options")
struct FadeOptionTests {
    @Test("--model reads names in the order given and 'all' as every built-in; an unknown name is refused with the known ones")
    func modelList() throws {
        #expect(try FadeModelList(argument: "bi, MONO").value() == [.bi, .mono])
        #expect(try FadeModelList(argument: "all").value() == FadeModelKind.allCases)
        #expect(try FadeModelList(argument: "weibull,all").value() == [.weibull] + FadeModelKind.allCases)
        for bad in ["mono,ink", "", "mono,,bi"] {
            #expect(throws: FadeError.self) { try FadeModelList(argument: bad).value() }
        }
        #expect(try FadeModelOption(argument: "Weibull").value() == .weibull)
        #expect(throws: FadeError.self) { try FadeModelOption(argument: "all").value() }
    }

    @Test("--model and its alias --models read the same models into the shared fit options")
    func modelAlias() throws {
        let singular = try FadeFitOptions.parse(["--model", "mono,bi"])
        let plural = try FadeFitOptions.parse(["--models", "mono,bi"])
        #expect(try singular.models().map(\.name) == ["mono", "bi"])
        #expect(try plural.models().map(\.name) == ["mono", "bi"])
        #expect(FadeFitOptions.helpMessage().contains("--models"), "the alias is documented in the help")
        #expect(throws: (any Error).self) { try FadeFitOptions.parse([]).models() }
    }

    @Test("the shared fit options set the fitter's options and refuse contradictions and bad tolerances")
    func fitOptions() throws {
        let o = try FadeFitOptions.parse(["--model", "all", "--folds", "3", "--sun", "0.8", "--ftol", "1e-6", "--max-iterations", "50", "--lab"])
        #expect(o.fitOptions.folds == 3 && o.fitOptions.sunExposure == 0.8 && o.fitOptions.ftol == 1e-6 && o.fitOptions.maxIterations == 50)
        #expect(o.kind == .lab)
        try o.check()
        for bad in [["--lab", "--lightness"], ["--ftol", "1"], ["--gtol=-0.1"], ["--max-iterations", "0"], ["--jobs", "0"]] {
            #expect(throws: ValidationError.self, "\(bad)") { try FadeFitOptions.parse(bad).check() }
        }
    }

    @Test("--days reads a list or a start:end:step range; empty, negative, decreasing or unbounded ones are refused")
    func days() throws {
        #expect(try DayList(argument: "0, 30,90").value() == [0, 30, 90])
        #expect(try DayList(argument: "0:60:30").value() == [0, 30, 60])
        for bad in ["", "0,x", "30,10", "-5,0", "0:10:0", "0:1e9:1", "0:10"] {
            #expect(throws: FadeError.self, "\(bad)") { try DayList(argument: bad).value() }
        }
    }

    @Test("--param/--start read name=value pairs, later ones winning; a malformed pair names the option")
    func assignments() throws {
        let merged = try Assignments.merged([Assignments(argument: "k=0.1, f=0.5"), Assignments(argument: "k=0.2")], option: "--param")
        #expect(merged == ["k": 0.2, "f": 0.5])
        do {
            _ = try Assignments.merged([Assignments(argument: "k=fast")], option: "--start")
            Issue.record("k=fast was read")
        } catch let error as ValidationError {
            #expect(error.message.hasPrefix("--start expects name=value"))
        }
    }
}
