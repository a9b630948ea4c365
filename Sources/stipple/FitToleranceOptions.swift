import ArgumentParser
import Fading

/// The stopping rules of Levenberg–Marquardt, shared by `fade fit` and `fade benchmark` so both
/// read them the same way (defaults: MINPACK's √ε tolerances, `FitOptions`).
struct FitToleranceOptions: ParsableArguments {
    @Option(name: .long, help: "Stop when a step changes the sum of squares by at most this fraction and the linear model predicts no more.")
    var ftol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Stop when the step is at most this fraction of the parameters, each in its own scale (‖Dδ‖ ≤ xtol·‖Dθ‖).")
    var xtol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Stop when the residuals are within this cosine of orthogonal to every Jacobian column.")
    var gtol: Double = FitOptions.defaultTolerance

    @Option(name: .long, help: "Maximum Levenberg–Marquardt iterations (Jacobian evaluations) per fit.")
    var maxIterations: Int = FitOptions.defaultMaxIterations

    /// Refuses values no stopping rule can use, naming the option (checked inside the command's
    /// error reporting, so the message is one `stipple: error:` line and the exit status 1).
    func check() throws {
        for (name, value) in [("--ftol", ftol), ("--xtol", xtol), ("--gtol", gtol)] where !(value >= 0 && value < 1) {
            throw ValidationError("\(name) must be a number in [0, 1), got \(value)")
        }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be ≥ 1, got \(maxIterations)") }
    }

    func apply(to options: inout FitOptions) {
        options.ftol = ftol
        options.xtol = xtol
        options.gtol = gtol
        options.maxIterations = maxIterations
    }
}
