import ArgumentParser

@main
struct Stipple: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan and simulate scalp micropigmentation.")
    func run() throws {}
}
