import Foundation
import Plans

extension SimulationEngine {
    /// Checks a plan or sweep file without simulating: parsing, every field, names of skin,
    /// pigment and hair, and the scalp (hairline) construction. Returns the number of plans
    /// checked (sweep variants count one each); throws the first problem found.
    ///
    /// Fast per sweep variant (it used to cost about as much as building each plan's scalp at
    /// simulation resolution, 3 ms):
    /// - the scalp is built on a coarse raster (`validationCellSizeMM`): what can fail in
    ///   building it (chart, stage, hairline fields, areas) is checked before any cell is
    ///   rasterised, so the outcome and the message do not depend on the cell size (tested
    ///   against the simulation resolution in `PlanValidationTests`);
    /// - the colours are resolved once per distinct set of colour inputs (skin, hair colour, each
    ///   session's pigment, dilution, depth and deposit): a sweep over seeds or spacing repeats
    ///   them. Only successes are remembered, so a failing plan is always checked in full and its
    ///   message names its own file and line;
    /// - jobs are not given content ids (no tree is serialised and hashed).
    public func validate(file path: String) throws(PlanError) -> Int {
        let url = URL(fileURLWithPath: path)
        let batch: BatchInputs
        do { batch = try BatchInputs(paths: [path]) } catch { throw error }
        var checker = self
        // An engine whose own cell size is invalid keeps it, so every plan fails as in `simulate`.
        if (0.1...Self.validationCellSizeMM).contains(cellSizeMM) { checker.cellSizeMM = Self.validationCellSizeMM }
        var resolvedColours = Set<ColourInputs>()
        var count = 0
        var jobs = batch.makeUnidentifiedIterator()
        while let job = jobs.next() {
            let plan = try job.plan(reader: planReader, defaultName: url.deletingPathExtension().lastPathComponent).get()
            let colourInputs = ColourInputs(plan)
            if !resolvedColours.contains(colourInputs) {
                _ = try colourLibrary.colours(for: plan, file: job.source)
                // Bounded: a sweep with a million distinct depths must not grow the set without end.
                if resolvedColours.count >= 4096 { resolvedColours.removeAll(keepingCapacity: true) }
                resolvedColours.insert(colourInputs)
            }
            do { _ = try checker.scalp(for: plan) } catch {
                throw PlanError(file: job.source, field: "design.hairline", message: error.description)
            }
            count += 1
        }
        return count
    }

    /// Raster cell of the scalp built by `validate`, mm: the coarsest `ScalpMap` accepts.
    static let validationCellSizeMM = 10.0

    /// Everything `ColourLibrary.colours(for:file:)` reads from a plan. Numbers are compared by
    /// their bits, so only identical inputs share a result.
    private struct ColourInputs: Hashable {
        var skin: String
        var hairName: String?
        var hairLab: [UInt64]?
        var sessions: [Session]

        struct Session: Hashable {
            var pigment: String
            var dilution: UInt64
            var depthMM: UInt64
            var deposit: String
        }

        init(_ plan: Plan) {
            skin = plan.client.skin.name
            switch plan.client.hairColour {
            case .none: break
            case .named(let name, _)?: hairName = name
            case .lab(let L, let a, let b)?: hairLab = [L.bitPattern, a.bitPattern, b.bitPattern]
            }
            sessions = plan.sessions.map {
                Session(pigment: $0.pigment.name, dilution: $0.dilution.bitPattern, depthMM: $0.depthMM.bitPattern, deposit: $0.deposit.rawValue)
            }
        }
    }
}
