import ArgumentParser
import Support

/// `stipple color`: pigment colour in skin (default) and batch ΔE00 over CSV files.
struct Color: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "color",
        abstract: "Pigment colour in skin, and CIEDE2000 over CSV files of Lab pairs.",
        discussion: """
            Examples:
              stipple color --pigment carbon-black --dilution 0.6 --depth 0.7 --skin monk-5
              stipple color --pigment carbon-black --depth 0.7 --skin monk-5 --json
              stipple color solve --skin monk-4 --hair dark-brown
              stipple color delta-e pairs.csv --out pairs-de00.csv
            """,
        subcommands: [ColorQuery.self, ColorSolve.self, DeltaE.self],
        defaultSubcommand: ColorQuery.self
    )
}
