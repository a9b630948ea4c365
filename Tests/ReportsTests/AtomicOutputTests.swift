import Foundation
@testable import Reports
import Support
import Testing

@Suite("Atomic outputs: complete files or none")
struct AtomicOutputTests {
    func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-atomic-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func visibleFiles(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test("commit writes every file and leaves no staging folder")
    func commit() throws {
        let dir = try scratch("commit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = AtomicOutput(directory: dir.appendingPathComponent("out"))
        try out.commit([("a.csv", Array("x,y\n".utf8)), ("report.json", Array("{}".utf8))], commitLast: "report.json")
        #expect(try visibleFiles(out.directory) == ["a.csv", "report.json"])
        #expect(try String(contentsOf: out.directory.appendingPathComponent("a.csv"), encoding: .utf8) == "x,y\n")
    }

    @Test("a failed commit leaves the folder as it was")
    func failedCommit() throws {
        let dir = try scratch("fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = AtomicOutput(directory: dir)
        // A file name containing a missing sub-folder cannot be written: the whole commit fails.
        #expect(throws: OutputError.self) {
            try out.commit([("good.csv", [1, 2, 3]), ("missing/bad.csv", [4])], commitLast: nil)
        }
        #expect(try visibleFiles(dir).isEmpty)
    }

    @Test("an output path that is a file, or cannot be created, is refused up front")
    func unusableFolder() throws {
        let dir = try scratch("unusable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect(throws: OutputError.self) { try AtomicOutput(directory: file).prepare() }
        #expect(throws: OutputError.self) { try AtomicOutput(directory: file.appendingPathComponent("sub")).prepare() }
    }

    @Test("single-file atomic write replaces the old content completely")
    func singleFile() throws {
        let dir = try scratch("single")
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("summary.csv")
        try AtomicOutput.writeAtomically(Array("old\n".utf8), to: target)
        try AtomicOutput.writeAtomically(Array("new\n".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        #expect(try visibleFiles(dir) == ["summary.csv"])
    }
}
