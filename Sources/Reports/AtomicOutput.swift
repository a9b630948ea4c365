import Foundation
import Plans
import Support

/// Writes a set of result files into a folder so that each file is either complete or absent.
///
/// Files are first written into a hidden staging folder inside the destination (same file system,
/// so the final `rename(2)` is atomic), then renamed into place one by one; the file named
/// `commitLast` (the run's report) is renamed last, so its presence marks a finished run. If
/// anything fails, the staging folder is removed and no partial file is left behind.
public struct AtomicOutput: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Creates the destination folder if needed and checks that it is writable, before any
    /// expensive work starts, so a bad `--out` fails in milliseconds, not after the simulation.
    public func prepare() throws(OutputError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(path: directory.path, message: "exists and is not a folder; expected an output folder")
            }
        } else {
            do {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: directory.path, message: "cannot create the output folder (\(PlanReader.reason(error)))")
            }
        }
        guard fm.isWritableFile(atPath: directory.path) else {
            throw OutputError(path: directory.path, message: "output folder is not writable")
        }
    }

    /// Writes all `files` (name → bytes) and then moves them into place; `commitLast` goes last.
    public func commit(_ files: [(name: String, bytes: [UInt8])], commitLast: String? = nil) throws(OutputError) {
        try prepare()
        let fm = FileManager.default
        let staging = directory.appendingPathComponent(".stipple-staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: staging.path, message: "cannot create staging folder (\(PlanReader.reason(error)))")
        }
        defer { try? fm.removeItem(at: staging) }
        for file in files {
            do {
                try Self.writeFile(file.bytes, to: staging.appendingPathComponent(file.name))
            } catch {
                // Name the file the user will look for, not the hidden staging copy.
                throw OutputError(path: directory.appendingPathComponent(file.name).path, message: error.message)
            }
        }
        let ordered = files.filter { $0.name != commitLast } + files.filter { $0.name == commitLast }
        for file in ordered {
            let from = staging.appendingPathComponent(file.name).path
            let to = directory.appendingPathComponent(file.name).path
            if rename(from, to) != 0 {
                throw OutputError(path: to, message: "cannot move result into place (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Removes staging folders left by a run that was killed mid-commit (they hold only
    /// copies of files that were never renamed into place).
    public func removeStaleStaging() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".stipple-staging-") {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Writes one file atomically on its own: temporary sibling, fsync, rename.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(OutputError) {
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try writeFile(bytes, to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            // Name the file the user asked for, not our hidden temporary.
            throw OutputError(path: url.path, message: error.message)
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw OutputError(path: url.path, message: "cannot move result into place (\(reason))")
        }
    }

    /// Writes and fsyncs a file (fsync so a crash after rename cannot expose an empty file).
    static func writeFile(_ bytes: [UInt8], to url: URL) throws(OutputError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw OutputError(path: url.path, message: "cannot create file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: url.path, message: "write failed (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
        if fsync(fd) != 0 {
            throw OutputError(path: url.path, message: "fsync failed (\(String(cString: strerror(errno))))")
        }
    }
}
