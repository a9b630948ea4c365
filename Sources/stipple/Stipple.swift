import ArgumentParser
import Plans
import Reports

@main
struct Stipple: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stipple",
        abstract: "Plan and simulate scalp micropigmentation (SMP): layered impressions, spacing, density maps.",
        discussion: """
            Examples:
              stipple simulate Data/plans/norwood-v-three-sessions.yaml --out out/demo
              stipple atlas --stage V --out atlas-V.png
              stipple compare Data/plans/norwood-v-three-sessions.yaml Data/plans/norwood-v-too-deep.yaml --out out/depth
              stipple color --pigment carbon-black --dilution 0.6 --depth 0.7 --skin monk-5
              stipple color delta-e pairs.csv --out pairs-de00.csv
              stipple skin --tone monk-7
            """,
        version: StippleVersion.string,
        subcommands: [Simulate.self, Review.self, Atlas.self, Compare.self, Batch.self, Merge.self, Init.self, Validate.self,
                      Color.self, Skin.self, Fade.self, Serve.self]
    )
}

enum StippleVersion {
    static let string = StippleInfo.version
}
