import Figures
import Foundation
import Plans
import Simulation

/// The last few simulated plans and the pictures drawn of them, so only what changed is
/// recomputed: the same plan again (a slider moved back, a second screen, a step of the
/// session slider) is not simulated again, and a picture already drawn is not drawn again.
///
/// Keyed by a 64-bit FNV-1a hash of the plan's values (the typed `Plan`, its source lines
/// cleared), so key order, spacing or comments in the request do not matter; a hit is also
/// checked with `Plan ==`, so a hash collision costs a simulation, never a wrong answer. Bounded: `capacity` results, least
/// recently used dropped first.
actor ResultCache {
    struct Item {
        let id: String
        let plan: Plan
        let pictures: PlanPictures
        var drawn: [String: [UInt8]] = [:]
    }

    let capacity: Int
    private var items: [Item] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    static func id(of plan: Plan) -> String {
        // `Plan.locations` reflects as nothing but its lines: cleared so a plan's id is its values'.
        var values = plan
        values.locations = .init()
        let canonicalText = String(reflecting: values)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalText.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The pictures of `plan` under `id` if it was simulated (and moves it to the front).
    func result(id: String, plan: Plan? = nil) -> PlanPictures? {
        guard let k = items.firstIndex(where: { $0.id == id && (plan == nil || $0.plan == plan!) }) else { return nil }
        let item = items.remove(at: k)
        items.insert(item, at: 0)
        return item.pictures
    }

    func insert(id: String, plan: Plan, pictures: PlanPictures) {
        items.removeAll { $0.id == id }
        items.insert(Item(id: id, plan: plan, pictures: pictures), at: 0)
        if items.count > capacity { items.removeLast(items.count - capacity) }
    }

    /// A picture drawn before, by its key (`view/step`).
    func picture(id: String, key: String) -> [UInt8]? {
        items.first { $0.id == id }?.drawn[key]
    }

    func remember(id: String, key: String, png: [UInt8]) {
        guard let k = items.firstIndex(where: { $0.id == id }) else { return }
        items[k].drawn[key] = png
    }
}
