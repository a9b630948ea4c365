import ArgumentParser
import Foundation
import Plans
import Rendering

/// `--data`, shared by every command that reads Stipple's data folder.
struct DataOption: ParsableArguments {
    @Option(name: .long, help: "Stipple data folder (default: bundled Data/, or $STIPPLE_DATA).")
    var data: String?

    /// The data folder: --data, else $STIPPLE_DATA, else the bundled copy.
    func library() throws -> DataLibrary { try DataLibrary.locate(explicit: data) }
}

/// `--quiet`, shared by the commands that report progress or a summary.
struct QuietOption: ParsableArguments {
    @Flag(name: .long, help: "Print nothing on success (errors and failed plans are still reported).")
    var quiet = false
}

/// `--figure-format png|svg` and `--figure-width PX`, shared by every command that draws charts.
struct FigureOptions: ParsableArguments {
    @Option(name: .customLong("figure-format"), help: ArgumentHelp(
        "Charts as png (raster, for slides and report.html) or svg (vector, for papers; text stays text). Default png; svg in batch.", valueName: "png|svg"))
    var format: FigureFormat?

    @Option(name: .customLong("figure-width"), help: ArgumentHelp(
        "Layout width of each chart in px (default 900; fade curves 680; fade simulate 800; heights follow). Text keeps its size, so a narrower chart has relatively larger text.",
        valueName: "PX"))
    var width: Int?

    func validate() throws {
        if let width, !(300...4000).contains(width) {
            throw ValidationError("--figure-width must be between 300 and 4000 px, got \(width)")
        }
    }

    /// The format asked for, else png.
    var resolved: FigureFormat { format ?? .png }

    /// For a single chart file: the format asked for, else the file's extension (.svg), else png.
    func resolved(forFile path: String) -> FigureFormat {
        format ?? (path.lowercased().hasSuffix(".svg") ? .svg : .png)
    }
}

extension FigureFormat: ExpressibleByArgument {}
