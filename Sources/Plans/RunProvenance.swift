import CCrypto
import Foundation

/// Where a run's numbers came from: the build's commit, a hash of the data folder and the command
/// line. Reports add the Stipple version and the plan's seed (`report.json`'s `provenance`).
///
/// **The commit, and why it is read this way.** A SwiftPM build has no step that stamps the
/// commit into the binary without a plugin, and a plugin that runs `git` on every build needs
/// git and a checkout at build time and is re-run on every build. Instead the commit is read at
/// run time from the git checkout the binary was compiled from (found from this file's compile-
/// time path, as `DataLibrary` finds `Data/`): `.git/HEAD`, following a symbolic ref through the
/// loose ref file or `packed-refs`, and a worktree's `gitdir:` link. It needs no network, no `git`
/// executable and no process, and works from a clean clone. Limits: it is the checkout's commit
/// at run time, so a binary not rebuilt after a checkout of another commit reports the newer
/// commit, and uncommitted edits are not flagged; a binary copied away from its checkout (or a
/// source tarball without `.git`) reports `"unknown"`. `STIPPLE_COMMIT` overrides it (packagers).
public struct RunProvenance: Sendable, Equatable {
    /// 40 hex digits, or "unknown".
    public var commit: String
    /// SHA-256 (hex) of the data folder: see `DataLibrary.contentSHA256()`.
    public var dataSHA256: String
    /// The command line as typed, the program named `stipple`, arguments shell-quoted when needed.
    public var command: String
    // Made by `current(data:arguments:)`; the compiler's memberwise init serves it.

    /// The provenance of this process: `arguments` are the command-line arguments after the
    /// program name.
    public static func current(data: DataLibrary, arguments: [String]) -> RunProvenance {
        let env = ProcessInfo.processInfo.environment["STIPPLE_COMMIT"]
        let commit = env.flatMap { $0.isEmpty ? nil : $0 } ?? SourceCheckout.commit() ?? "unknown"
        return RunProvenance(commit: commit, dataSHA256: (try? data.contentSHA256()) ?? "unknown",
                             command: (["stipple"] + arguments).map(shellQuoted).joined(separator: " "))
    }

    /// `word` as a POSIX shell reads it back: unchanged when it holds only safe characters.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The git checkout this file was compiled in, read without running git.
enum SourceCheckout {
    static func commit(root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                           .deletingLastPathComponent().deletingLastPathComponent()) -> String? {
        let dotGit = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        var gitDir = dotGit
        if !isDirectory.boolValue {
            // A worktree or submodule: ".git" is a file "gitdir: <path>".
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL
        }
        guard let head = read(gitDir.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return isCommit(head) ? head : nil }
        let ref = head.dropFirst(4).trimmingCharacters(in: .whitespaces)
        // Refs of a worktree live in the common folder named by "commondir".
        var folders = [gitDir]
        if let common = read(gitDir.appendingPathComponent("commondir")) {
            folders.append(URL(fileURLWithPath: common, relativeTo: gitDir.appendingPathComponent("x")).standardizedFileURL)
        }
        for folder in folders {
            if let hash = read(folder.appendingPathComponent(ref)), isCommit(hash) { return hash }
            if let packed = try? String(contentsOf: folder.appendingPathComponent("packed-refs"), encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    let hash = String(line.prefix(40))
                    if isCommit(hash) { return hash }
                }
            }
        }
        return nil
    }

    private static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isCommit(_ text: String) -> Bool {
        text.count == 40 && text.allSatisfy { $0.isHexDigit }
    }
}

extension DataLibrary {
    /// SHA-256 of the data folder, defined so that a shell can check it:
    /// `cd Data && find . -type f ! -name '*.md' | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum | sha256sum`
    /// — the hash of the lines "<file SHA-256>  <path relative to the folder>\n", files in byte
    /// order of their paths. Markdown notes (README.md, SOURCES.md) are left out: they change no
    /// number, and editing a source note should not move every report's bytes.
    public func contentSHA256() throws -> String {
        let fm = FileManager.default
        var files: [String] = []
        let walker = fm.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, !relative.hasSuffix(".md") else { continue }
            files.append(relative)
        }
        files.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var listing: [UInt8] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
            listing += Array((SHA256.hex(bytes) + "  " + file + "\n").utf8)
        }
        return SHA256.hex(listing)
    }
}

/// SHA-256 through OpenSSL's EVP interface.
public enum SHA256 {
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        guard ok == 1 else { return "unknown" }
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
}
