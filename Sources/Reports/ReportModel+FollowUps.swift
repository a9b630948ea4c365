import Foundation
import Impressions
import Plans
import ScalpModel
import Simulation
import SkinOptics
import Support

// report.json's follow-up days and touch-up: split from ReportModel.swift, which holds the
// document and the per-session records.

/// One follow-up day: each placed session's faded look, and metrics with grown dots.
package struct FollowUpRecord: Encodable {
    package let day: Double
    package let sessions: [LookRecord]
    package let all: FollowUpRegionRecord
    let regions: [FollowUpRegionRecord]

    init(_ f: FollowUp) {
        day = f.day
        sessions = f.sessions.map(LookRecord.init)
        let rows = f.metrics.regions + [f.metrics.all]
        let records = rows.indices.map { FollowUpRegionRecord(rows[$0], perceived: f.perceivedDensity[$0], fraction: f.perceivedFraction[$0]) }
        all = records.last!
        regions = Array(records.dropLast())
    }
}

package struct LookRecord: Encodable {
    let session: Int
    let ageDays: Double
    /// Share of the healed dose left (1 once healed).
    @Rounded<4> var retained: Double
    /// Share of the injected dose left (`retained` × what healing left).
    @Rounded<4> var retainedOfInjected: Double
    let lab: LabRecord
    let hex: String
    @Rounded<3> package var deltaE00ToHealed: Double
    @RoundedIfPresent<3> var deltaE00ToHair: Double?
    @Rounded<3> var deltaE00ToSkin: Double
    let undertone: String
    @Rounded<4> var diameterScale: Double
    @Rounded<3> var depthMM: Double

    init(_ l: SessionLook) {
        session = l.session
        ageDays = l.ageDays
        retained = l.retained
        retainedOfInjected = l.retainedOfInjected
        lab = LabRecord(l.lab)
        hex = l.hex
        deltaE00ToHealed = l.deltaE00ToHealed
        deltaE00ToHair = l.deltaE00ToHair
        deltaE00ToSkin = l.deltaE00ToSkin
        undertone = l.undertone.rawValue
        diameterScale = l.diameterScale
        depthMM = l.depthMM
    }
}

package struct FollowUpRegionRecord: Encodable {
    let region: String
    let impressions: Int
    @Rounded<5> var coveredFraction: Double
    @Rounded<5> var booleanModelCoverage: Double
    package let mergePairs: Int
    @RoundedIfPresent<1> var meanDiameterUM: Double?
    @Rounded<2> var perceivedDensityPerCM2: Double
    @Rounded<4> package var perceivedFractionOfTarget: Double

    init(_ m: SpacingMetrics, perceived: Double, fraction: Double) {
        region = m.region
        impressions = m.impressions
        coveredFraction = m.coveredFraction
        booleanModelCoverage = m.booleanModelCoverage
        mergePairs = m.mergePairs
        meanDiameterUM = m.meanHealedDiameterMM.map { $0 * 1000 }
        perceivedDensityPerCM2 = perceived
        perceivedFractionOfTarget = fraction
    }
}

package struct TouchUpRecord: Encodable {
    let model: String
    let sunExposure: Double
    let maxDeltaE00: Double
    let minPerceivedFraction: Double
    /// Regions with less treated skin do not set the day alone (`TouchUpSchedule.minRegionAreaCM2`).
    let minRegionAreaCM2: Double
    let searchStepDays: Double
    /// The suggested day over `seeds` (the plan's own first): median, [earliest, latest], and
    /// each seed's day (null: not within ten years).
    let dayMedian: Double?
    let dayRange: [Double?]
    let seeds: [UInt64]
    let seedDays: [Double?]
    let regions: [Region]
    let suggestedSession: Suggestion?

    struct Region: Encodable {
        let region: String
        @Rounded<2> var treatedAreaCM2: Double
        let deltaE00Day: Double?
        let perceivedDensityDay: Double?
        let firstDay: Double?
    }

    struct Suggestion: Encodable {
        let day: Double
        /// The region and criterion (colour or density) that set the day.
        let region: String
        let criterion: String
        let regions: [String]
        let pigment: String
        let dilution: Double
        let needleMM: Double
        let depthMM: Double
        let note: String
    }

    init(_ t: TouchUpSchedule, model: String, sunExposure: Double) {
        self.model = model
        self.sunExposure = sunExposure
        maxDeltaE00 = t.maxDeltaE00
        minPerceivedFraction = t.minPerceivedFraction
        minRegionAreaCM2 = TouchUpSchedule.minRegionAreaCM2
        searchStepDays = TouchUpSchedule.stepDays
        let spread = t.spread ?? .init(seeds: [], days: [t.suggestion?.day])
        dayMedian = spread.median
        dayRange = [spread.earliest, spread.latest]
        seeds = spread.seeds
        seedDays = spread.days
        regions = t.regions.map {
            Region(region: $0.region, treatedAreaCM2: $0.treatedAreaCM2, deltaE00Day: $0.deltaE00Day,
                   perceivedDensityDay: $0.perceivedDensityDay, firstDay: $0.firstDay)
        }
        suggestedSession = t.suggestion.map {
            Suggestion(day: $0.day, region: $0.region, criterion: $0.criterion.rawValue, regions: $0.regions, pigment: $0.pigment,
                       dilution: $0.dilution, needleMM: $0.needleMM, depthMM: $0.depthMM, note: $0.note)
        }
    }
}

/// Version of the library and its report formats.
public enum StippleInfo {
    public static let version = "0.1.0"
}
