import Foundation
import Testing
@testable import Plans
import ScalpModel

@Suite("Sweep rows CSV")
struct SweepRowsTests {
    let reader = PlanReader()

    /// A sweep folder with a base plan, `rows.csv` holding `csv`, and the sweep file.
    func sweep(rows csv: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-sweep-rows-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("""
            client: {norwood: V}
            design: {target_density_per_cm2: 110}
            sessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]
            """.utf8).write(to: dir.appendingPathComponent("base.yaml"))
        try Data(csv.utf8).write(to: dir.appendingPathComponent("rows.csv"))
        try Data("sweep:\n  name: rows\n  base: base.yaml\n  rows: rows.csv\n".utf8).write(to: dir.appendingPathComponent("sweep.yaml"))
        return dir.appendingPathComponent("sweep.yaml")
    }

    @Test("quoted cells (RFC 4180, as Stipple writes CSV) keep their commas and quotes")
    func quotedCells() throws {
        let file = try sweep(rows: "client.norwood, name\n\"III vertex\",\"monk, 4\"\n\n  IV , \"say \"\"hi\"\"\"\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        var jobs = try BatchInputs(paths: [file.path]).makeIterator()
        var plans: [Plan] = []
        while let job = jobs.next() { plans.append(try job.plan(reader: reader, defaultName: job.id).get()) }
        #expect(plans.map(\.client.norwood) == [.iiiVertex, .iv])
        // Skin, pigment and hair names are resolved when read, so the free text here is the
        // name, which the variant's own name quotes cell by cell.
        #expect(plans.map(\.name) == ["rows[client.norwood=III vertex,name=monk, 4]", "rows[client.norwood=IV,name=say \"hi\"]"])
    }

    @Test("a row with the wrong number of cells names its line in the file")
    func wrongCellCount() throws {
        let file = try sweep(rows: "client.norwood,client.skin\n\nIV,monk-4,extra\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        var jobs = try BatchInputs(paths: [file.path]).makeIterator()
        let first = jobs.next()
        let job = try #require(first)
        guard case .failure(let error) = job.plan(reader: reader, defaultName: "x") else {
            Issue.record("a three-cell row was accepted"); return
        }
        #expect(error.description.contains("rows.csv:3: expected 2 values, found 3"), "\(error)")
    }
}
