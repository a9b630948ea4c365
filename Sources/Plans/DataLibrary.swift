import Foundation
import Support

/// Finds Stipple's data folder (Norwood atlas, example plans, later pigments and skin tables).
///
/// Order: an explicit path (`--data`), then the `STIPPLE_DATA` environment variable, then the
/// copy bundled with the build (`Stipple_Plans.resources` beside the executable), then
/// `Data/` next to the executable's package checkout. A binary copied elsewhere needs
/// `STIPPLE_DATA` or its `Stipple_Plans.resources` folder beside it.
public struct DataLibrary: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public static func locate(explicit: String? = nil) throws(OutputError) -> DataLibrary {
        let fm = FileManager.default
        func valid(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("norwood").path) }
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard valid(url) else { throw OutputError(path: explicit, message: "not a Stipple data folder (expected a 'norwood' folder inside)") }
            return DataLibrary(root: url)
        }
        if let env = ProcessInfo.processInfo.environment["STIPPLE_DATA"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            guard valid(url) else { throw OutputError(path: env, message: "STIPPLE_DATA is not a Stipple data folder (expected a 'norwood' folder inside)") }
            return DataLibrary(root: url)
        }
        // The resource bundle SwiftPM builds beside the executable. Looked up by hand rather than
        // through `Bundle.module`, whose accessor aborts the process when the bundle is missing.
        let executableFolder = (Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe"))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for folder in [executableFolder, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let bundled = folder.appendingPathComponent("Stipple_Plans.resources/Data")
            if valid(bundled) { return DataLibrary(root: bundled) }
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")
        if valid(source) { return DataLibrary(root: source) }
        throw OutputError(path: "Data", message: "cannot find Stipple's data folder; set STIPPLE_DATA or pass --data")
    }

    public var norwood: URL { root.appendingPathComponent("norwood") }
    public var plans: URL { root.appendingPathComponent("plans") }
}
