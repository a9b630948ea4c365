import Foundation
@testable import Plans
import ScalpModel
import Testing

/// `client.hair_loss: {scale, stage}` beside the original `client.norwood`.
@Suite("Plan files: hair-loss scale and stage")
struct HairLossPlanTests {
    let reader = PlanReader()

    func plan(client: String) -> String {
        """
        client:
        \(client)
        design: {target_density_per_cm2: 110}
        sessions:
          - {day: 0, fraction_of_target: 1.0, needle_mm: 0.2, depth_mm: 0.6}
        """
    }

    @Test("hair_loss and norwood read to the same stage; female scales are read", arguments: [
        ("  norwood: V", HairLossStage.norwood(.v)),
        ("  hair_loss: {scale: norwood, stage: V}", .norwood(.v)),
        ("  norwood: 5\n  hair_loss: {scale: norwood, stage: V}", .norwood(.v)),
        ("  hair_loss: {scale: ludwig, stage: II}", .ludwig(.ii)),
        ("  hair_loss: {scale: Ludwig, stage: 3}", .ludwig(.iii)),
        ("  hair_loss: {scale: savin, stage: I-3}", .savin(.i3)),
        ("  hair_loss: {scale: savin, stage: frontal}", .savin(.frontal)),
    ])
    func reads(client: String, expected: HairLossStage) throws {
        let p = try reader.parse(plan(client: client), file: "p.yaml")
        #expect(p.client.hairLoss == expected)
        #expect(p.client.norwood == expected.norwood)
    }

    @Test("bad scales and stages name the line, the field and the choices", arguments: [
        ("  hair_loss: {scale: ludwig, stage: IV}", "client.hair_loss.stage", 2, "expected one of: I, II, III"),
        ("  hair_loss: {scale: olsen, stage: II}", "client.hair_loss.scale", 2, "expected one of: norwood, ludwig, savin"),
        ("  hair_loss: {scale: savin, stage: I-5}", "client.hair_loss.stage", 2, "II-1, II-2, III, advanced, frontal"),
        ("  hair_loss: {stage: II}", "client.hair_loss.scale", 2, "missing"),
        ("  hair_loss: {scale: savin}", "client.hair_loss.stage", 2, "missing"),
        ("  hair_loss: {scale: ludwig, stage: II, grade: 2}", "client.hair_loss.grade", 2, "unknown field"),
        ("  hair_loss: ludwig II", "client.hair_loss", 2, "expected a mapping"),
        ("  norwood: V\n  hair_loss: {scale: ludwig, stage: II}", "client.hair_loss", 3, "conflicts with client.norwood: V"),
        ("  norwood: IV\n  hair_loss: {scale: norwood, stage: V}", "client.hair_loss", 3, "conflicts"),
        ("  skin: monk-4", "client.norwood", 2, "client.hair_loss"),
    ])
    func errors(client: String, field: String, line: Int, mentions: String) {
        do {
            _ = try reader.parse(plan(client: client), file: "bad.yaml")
            Issue.record("accepted: \(client)")
        } catch {
            #expect(error.field == field, "\(error)")
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(mentions), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:\(line):"), "\(error)")
        }
    }
}
