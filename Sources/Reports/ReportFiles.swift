import Foundation
import Impressions
import ScalpModel
import Simulation
import SkinOptics
import Support

/// The data files of one plan's output folder: report.json (the versioned document of
/// everything), sessions.csv (session × region metrics) and dots.csv (one row per impression).
/// Pictures are `Figures`' business; `PlanOutputs` there assembles the whole folder.
public enum ReportFiles {
    public static let reportFileName = "report.json"
    public static let sessionsFileName = "sessions.csv"
    public static let dotsFileName = "dots.csv"

    // MARK: report.json

    /// report.json listing `outputs` (every file of the folder, itself included). `layout`:
    /// indented for a single report a person opens; a batch writes it `.compact` (the same
    /// keys and values on one line, about a third smaller, issue 27 item 6).
    public static func reportJSON(_ result: SimulationResult, outputs: [String],
                                  layout: StippleJSON.Layout = .pretty) throws(SimulationError) -> [UInt8] {
        do {
            return try StippleJSON.bytes(document(result, outputs: outputs), layout)
        } catch {
            throw .rendering("cannot encode report.json: \(error)")
        }
    }

    static func document(_ r: SimulationResult, outputs: [String]) -> ReportDocument {
        var document = baseDocument(r, outputs: outputs)
        document.areas = areaRecords(r)
        document.provenance = r.provenance.map { ProvenanceRecord($0, seed: r.plan.seed) }
        return document
    }

    static func baseDocument(_ r: SimulationResult, outputs: [String]) -> ReportDocument {
        let p = r.plan
        let cellArea = r.target.grid.cellAreaCM2
        let treatedCells = r.target.values.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let designImpressions = r.target.values.reduce(0.0) { $0 + Double($1) } * cellArea
        let areas = r.scalp.regions.areasCM2()
        return ReportDocument(
            plan: PlanEcho(
                name: p.name, source: r.source, seed: p.seed, skin: p.client.skin.name, norwood: p.client.norwood?.rawValue,
                hairLoss: p.client.norwood == nil ? HairLossEcho(p.client.hairLoss) : nil,
                nativeHairDensity: p.client.nativeHairDensity, hairColour: p.client.hairColour.map(HairColourEcho.init),
                skinOiliness: p.client.skinOiliness.rawValue, headCircumferenceMM: p.client.headCircumferenceMM,
                hairlineHeightAboveBrowMM: p.design.hairline.heightAboveBrowMM, hairlineShape: p.design.hairline.shape.rawValue,
                hairlineTransitionMM: p.design.hairline.transitionMM, hairlineIrregularity: p.design.hairline.irregularity,
                targetDensityPerCM2: p.design.targetDensityPerCM2, spacingFactor: p.design.spacingFactor,
                minSpacingMM: p.design.minSpacingMM, placement: p.design.placement.rawValue,
                mergeGapMM: p.design.mergeGapMM, followUpDays: p.followUpDays),
            colour: clientColour(r.colours),
            scalp: ScalpSummary(
                ellipsoidAxesMM: r.chart.axes,
                chartAreaCM2: r.chart.areaMM2 / 100,
                scalpAreaCM2: r.scalp.scalpAreaCM2,
                baldAreaCM2: r.scalp.baldAreaCM2,
                treatedAreaCM2: Double(treatedCells) * cellArea,
                designImpressions: designImpressions,
                regions: zip(r.scalp.regions.names, areas).map { .init(name: $0, areaCM2: $1) }),
            spacingRule: SpacingRuleSummary(
                factor: r.rule.factor, floorMM: r.rule.floorMM,
                minimumSpacingAtDesignDensityMM: r.rule.radiusMM(targetPerCM2: p.design.targetDensityPerCM2)),
            healingModel: r.healing,
            sessions: sessionRecords(r),
            followUps: followUpRecords(r),
            touchUp: touchUpRecord(r),
            review: ReviewRecord(r.review),
            outputs: outputs)
    }

    /// report.json's `sessions`: also what the studio answers per session.
    package static func sessionRecords(_ r: SimulationResult) -> [SessionRecord] {
        r.sessions.map { s in
            SessionRecord(
                session: s.number, day: s.plan.day, fractionOfTarget: s.plan.fractionOfTarget,
                needleMM: s.plan.needleMM, depthMM: s.plan.depthMM, pigment: s.plan.pigment.name, dilution: s.plan.dilution,
                healedDiameterUM: s.healedDiameterMM * 1000,
                newImpressions: s.newImpressions, expectedNewImpressions: s.expectedNewImpressions,
                totalImpressions: s.totalImpressions,
                colour: SessionColourRecord(r.colours.sessions[s.number - 1]),
                all: RegionRecord(s.metrics.all, fraction: s.plan.fractionOfTarget),
                regions: s.metrics.regions.map { RegionRecord($0, fraction: s.plan.fractionOfTarget) },
                perceived: s.perceived.map(PerceivedRecord.init))
        }
    }

    /// report.json's `follow_ups` (empty without a fading model).
    package static func followUpRecords(_ r: SimulationResult) -> [FollowUpRecord] {
        r.outlook.map { o in o.followUps.map { FollowUpRecord($0) } } ?? []
    }

    /// report.json's `touch_up` (nil without a fading model).
    package static func touchUpRecord(_ r: SimulationResult) -> TouchUpRecord? {
        r.outlook.map { TouchUpRecord($0.touchUp, model: $0.model, sunExposure: r.plan.fading.sunExposure) }
    }

    static func clientColour(_ c: ClientColours) -> ClientColourRecord {
        let ita = ITA(c.skinLab)
        return ClientColourRecord(
            skin: c.skinName, skinLab: LabRecord(c.skinLab), skinHex: Colorimetry.srgb(c.skinLab).rgb.hex,
            skinITADegrees: ita.degrees, skinITAClass: "\(ita.category)",
            hair: c.hairName, hairLab: c.hairLab.map(LabRecord.init), hairHex: c.hairLab.map { Colorimetry.srgb($0).rgb.hex })
    }

    // MARK: CSV

    static let sessionsHeader = "session,day,fraction_of_target,region,region_area_cm2,treated_area_cm2,impressions,impressions_per_cm2,target_per_cm2,nn_mean_mm,nn_p5_mm,nn_min_mm,clark_evans_r,merge_pairs,covered_fraction,boolean_model_coverage,mean_healed_diameter_um"

    /// Extra columns of a Ludwig/Savin plan (Norwood plans keep the header above): remaining
    /// shaved follicular units and hair + impressions per cm² of the row's treated area.
    static let perceivedHeader = ",hair_per_cm2,perceived_per_cm2"

    public static func sessionsCSV(_ result: SimulationResult) -> [UInt8] {
        var out = sessionsHeader + (result.hair == nil ? "" : perceivedHeader) + "\n"
        let labels = result.scalp.regions.labels
        for s in result.sessions {
            let dots = result.hair == nil ? [] : Array(result.impressions.prefix(s.totalImpressions))
            for (k, m) in ([s.metrics.all] + s.metrics.regions).enumerated() {
                let r = RegionRecord(m, fraction: s.plan.fractionOfTarget)
                var fields: [String] = [
                    String(s.number), CSV.number(s.plan.day), CSV.number(s.plan.fractionOfTarget), CSV.text(r.region),
                    CSV.number(r.regionAreaCM2), CSV.number(r.treatedAreaCM2), String(r.impressions),
                    CSV.number(r.impressionsPerCM2), CSV.number(r.targetPerCM2),
                    CSV.number(r.nearestNeighbourMeanMM), CSV.number(r.nearestNeighbourP5MM), CSV.number(r.nearestNeighbourMinMM),
                    CSV.number(r.clarkEvansR), String(r.mergePairs), CSV.number(r.coveredFraction),
                    CSV.number(r.booleanModelCoverage), CSV.number(r.meanHealedDiameterUM),
                ]
                if let hair = result.hair {
                    // Row 0 is the whole chart; row k the k-th region (label k).
                    let p = k == 0 ? s.perceived ?? hair.perceived(dots: dots)
                                   : hair.perceived(dots: dots, within: { labels[$0] == UInt8(k) })
                    let record = PerceivedRecord(p)
                    fields += [CSV.number(record.hairPerCM2), CSV.number(record.perceivedPerCM2)]
                }
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return Array(out.utf8)
    }

    /// `session,x_mm,y_mm,diameter_um,depth_mm`, one row per impression. Written with a fixed
    /// number of decimals (µm resolution) by hand: tens of thousands of rows, no formatter objects.
    ///
    /// Every number goes through `FixedDecimal.write` (the one rounding rule), straight into the
    /// output's storage, sized up front from each number's `FixedDecimal.maxLength`. A session's
    /// dots share one diameter and depth (`HealingModel`), so a row's tail after x and y
    /// (`,diameter,depth\n`) is written once and copied while the next dot has the same values.
    public static func dotsCSV(_ result: SimulationResult) -> [UInt8] {
        let header = Array("session,x_mm,y_mm,diameter_um,depth_mm\n".utf8)
        let dots = result.impressions
        // Room: session (≤ 5 digits of a UInt16), four numbers, four commas and the newline.
        var capacity = header.count
        for dot in dots {
            capacity += 10 + FixedDecimal.maxLength(of: dot.x, decimals: 3) + FixedDecimal.maxLength(of: dot.y, decimals: 3)
                + FixedDecimal.maxLength(of: Double(dot.diameterMM) * 1000, decimals: 1)
                + FixedDecimal.maxLength(of: Double(dot.depthMM), decimals: 3)
        }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let out = buffer.baseAddress!
            var n = 0
            for byte in header { out[n] = byte; n += 1 }
            // The last row's session prefix ("3,") and tail (",180.0,0.550\n"), reused while equal.
            var tailKey: (session: UInt16, diameter: Float, depth: Float)? = nil
            var tail = (start: 0, count: 0), prefix = (start: 0, count: 0)
            for dot in dots {
                if let key = tailKey, key.session == dot.session, key.diameter.bitPattern == dot.diameterMM.bitPattern,
                   key.depth.bitPattern == dot.depthMM.bitPattern {
                    (out + n).update(from: out + prefix.start, count: prefix.count)
                    n += prefix.count
                    n += writeXY(dot, to: out + n)
                    (out + n).update(from: out + tail.start, count: tail.count)
                    n += tail.count
                    continue
                }
                prefix.start = n
                n += writeInteger(Int(dot.session), to: out + n)
                out[n] = UInt8(ascii: ","); n += 1
                prefix.count = n - prefix.start
                n += writeXY(dot, to: out + n)
                tail.start = n
                out[n] = UInt8(ascii: ","); n += 1
                n += FixedDecimal.write(Double(dot.diameterMM) * 1000, decimals: 1, to: out + n)
                out[n] = UInt8(ascii: ","); n += 1
                n += FixedDecimal.write(Double(dot.depthMM), decimals: 3, to: out + n)
                out[n] = UInt8(ascii: "\n"); n += 1
                tail.count = n - tail.start
                tailKey = (dot.session, dot.diameterMM, dot.depthMM)
            }
            count = n
        }
    }

    /// `x,y` of a dots.csv row (3 decimals each); returns the bytes written.
    @inline(__always)
    private static func writeXY(_ dot: Impression, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = FixedDecimal.write(dot.x, decimals: 3, to: out)
        out[n] = UInt8(ascii: ","); n += 1
        return n + FixedDecimal.write(dot.y, decimals: 3, to: out + n)
    }

    /// The decimal digits of a non-negative `value` (at most 20 bytes); returns the bytes written.
    private static func writeInteger(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = [UInt8]()
        CSV.appendInteger(value, to: &digits)
        out.update(from: digits, count: digits.count)
        return digits.count
    }
}
