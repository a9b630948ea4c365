import Foundation
import Plans

extension SimulationEngine {
    /// Checks a plan or sweep file without simulating: parsing, every field, names of skin,
    /// pigment and hair, and the scalp (hairline) construction. Returns the number of plans
    /// checked (sweep variants count one each); throws the first problem found.
    public func validate(file path: String) throws(PlanError) -> Int {
        let url = URL(fileURLWithPath: path)
        let batch: BatchInputs
        do { batch = try BatchInputs(paths: [path]) } catch { throw error }
        var count = 0
        var jobs = batch.makeIterator()
        while let job = jobs.next() {
            let plan = try job.plan(reader: planReader, defaultName: url.deletingPathExtension().lastPathComponent).get()
            _ = try colourLibrary.colours(for: plan, file: job.source)
            do { _ = try scalp(for: plan) } catch {
                throw PlanError(file: job.source, field: "design.hairline", message: error.description)
            }
            count += 1
        }
        return count
    }
}
