import Foundation

/// The page's files (`Sources/Studio/Resources`: HTML, CSS, JS; no build step), read once at
/// start into a table by name.
///
/// Why a table: a request names an asset, and only a name in the table is served, so no path a
/// client sends can reach outside the folder (`../`, `%2e%2e`, absolute paths are just unknown
/// names). The folder is found beside the executable (`Stipple_Studio.resources`, as SwiftPM
/// builds it) or, in a source checkout, next to this file; `Bundle.module` is not used because
/// its accessor aborts the process when the bundle is missing.
public struct StudioAssets: Sendable {
    public struct Asset: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
    }

    public let files: [String: Asset]

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "cannot find the studio's page files (Stipple_Studio.resources beside the executable)" }
    }

    /// Reads every file of the resources folder (not its subfolders).
    public static func load() throws -> StudioAssets {
        guard let folder = locate() else { throw Missing() }
        var files: [String: Asset] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let type = contentType(of: name),
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            files[name] = Asset(bytes: Array(data), contentType: type)
        }
        guard files["index.html"] != nil else { throw Missing() }
        return StudioAssets(files: files)
    }

    static func contentType(of name: String) -> String? {
        switch (name as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        default: return nil
        }
    }

    static func locate() -> URL? {
        let fm = FileManager.default
        func valid(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("index.html").path) }
        let executableFolder = (Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe"))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for folder in [executableFolder, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let bundled = folder.appendingPathComponent("Stipple_Studio.resources/Resources")
            if valid(bundled) { return bundled }
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")
        return valid(source) ? source : nil
    }
}
