import Foundation
@testable import Plans
import ScalpModel
import Testing

/// Plans with areas are checked against a head chart shared by circumference (`HeadChartCache.shared`);
/// interleaved circumferences must each meet their own chart, exactly as a freshly built one.
@Suite("Area checks share head charts by circumference")
struct AreaChartCacheTests {
    let reader = PlanReader()

    func plan(circumference: Double, centre: String) -> String {
        """
        client: {norwood: I, head_circumference_mm: \(circumference)}
        design: {target_density_per_cm2: 110}
        sessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]
        areas: [{kind: alopecia-patch, shape: circle, centre_mm: \(centre), radius_mm: 12}]
        """
    }

    /// The message a fresh chart gives for an area off the scalp.
    static func freshMessage(circumference: Double, centre: ChartPoint) throws -> String? {
        let area = TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: centre, radiusMM: 12))
        do { _ = try AreaLayout(areas: [area], chart: try HeadChart(circumferenceMM: circumference), seed: 1) } catch let e as AreaError {
            return e.message
        }
        return nil
    }

    @Test("interleaved circumferences: each plan's area error names its own chart, as a fresh chart does")
    func interleaved() throws {
        let circumferences: [Double] = [520, 600, 520, 640, 600, 520]
        var messages: Set<String> = []
        for c in circumferences {
            let edge = ChartPoint(x: 0, y: 400)
            let expected = try #require(try Self.freshMessage(circumference: c, centre: edge), "\(c) mm: the area should leave the chart")
            do {
                _ = try reader.parse(plan(circumference: c, centre: "[0, 400]"), file: "p.yaml")
                Issue.record("\(c) mm: an area off the chart was accepted")
            } catch {
                #expect(error.message == expected, "\(c) mm")
                #expect(error.message.contains("of a \(Int(c)) mm head"), "\(error.message)")
                messages.insert(error.message)
            }
            // An area inside every one of these charts is accepted whatever was cached before.
            #expect(throws: Never.self) { try reader.parse(plan(circumference: c, centre: "[30, 120]"), file: "p.yaml") }
        }
        #expect(messages.count == 3)
        #expect(HeadChartCache.capacity >= 3)
    }

    @Test("an invalid circumference is not cached: it fails the same way every time")
    func invalidNotCached() throws {
        var seen: [String] = []
        for _ in 0..<2 {
            do { _ = try HeadChartCache.shared.chart(circumferenceMM: 10) } catch { seen.append("\(error)") }
        }
        #expect(seen.count == 2)
        #expect(seen[0] == seen[1])
        var fresh = ""
        do { _ = try HeadChart(circumferenceMM: 10) } catch { fresh = "\(error)" }
        #expect(seen[0] == fresh)
    }
}
