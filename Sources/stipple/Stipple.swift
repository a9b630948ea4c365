import ArgumentParser

@main
struct Stipple: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stipple",
        abstract: "Plan and simulate scalp micropigmentation (SMP): layered impressions, spacing, density maps.",
        discussion: """
            Examples:
              stipple simulate Data/plans/norwood-v-three-sessions.yaml --out out/demo
              stipple atlas --stage V --out atlas-V.png
            """,
        version: StippleVersion.string,
        subcommands: [Simulate.self, Atlas.self, Compare.self, Fade.self]
    )
}

enum StippleVersion {
    static let string = "0.1.0"
}
