import Foundation
import Impressions
import Plans
import ScalpModel
import Simulation
import SkinOptics
import Support

/// The `report.json` document. Versioned: readers should check `schema` and `schemaVersion`.
/// Keys are written in snake_case and sorted, so the same result always gives the same bytes.
struct ReportDocument: Encodable {
    let schema = "stipple.report"
    let schemaVersion = 1
    let stippleVersion = StippleInfo.version
    let plan: PlanEcho
    let colour: ClientColourRecord
    let scalp: ScalpSummary
    let spacingRule: SpacingRuleSummary
    let healingModel: HealingModel
    let sessions: [SessionRecord]
    let followUps: [FollowUpRecord]
    let touchUp: TouchUpRecord?
    let review: ReviewRecord
    /// Per treatment area; absent (not null) when the plan lists no areas.
    var areas: [AreaRecord]? = nil
    let outputs: [String]
    /// Version, commit, data hash, seed and command line; absent when the caller set no
    /// `SimulationEngine.provenance` (library use, tests).
    var provenance: ProvenanceRecord? = nil
}

/// The review's findings (`stipple review`), with counts per severity.
package struct ReviewRecord: Encodable {
    let errors: Int
    let warnings: Int
    let notes: Int
    /// The three findings to fix first, one line each (`PlanReviewer.fixFirst`).
    let fixFirst: [String]
    let findings: [ReviewFinding]

    package init(_ findings: [ReviewFinding]) {
        fixFirst = PlanReviewer.fixFirst(findings)
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.filter { $0.severity == .warning }.count
        notes = findings.filter { $0.severity == .note }.count
        self.findings = findings
    }
}

struct PlanEcho: Encodable {
    let name: String
    let source: String
    let seed: UInt64
    let skin: String
    /// The Norwood stage (absent for a Ludwig or Savin client).
    let norwood: String?
    /// `{scale, stage}` for a Ludwig or Savin client (absent for Norwood, whose reports are unchanged).
    let hairLoss: HairLossEcho?
    let nativeHairDensity: Double
    let hairColour: HairColourEcho?
    let skinOiliness: String
    let headCircumferenceMM: Double
    let hairlineHeightAboveBrowMM: Double
    let hairlineShape: String
    let hairlineTransitionMM: Double
    let hairlineIrregularity: Double
    let targetDensityPerCM2: Double
    let spacingFactor: Double
    let minSpacingMM: Double
    let placement: String
    let mergeGapMM: Double
    let followUpDays: [Double]
}

struct HairLossEcho: Encodable {
    let scale: String
    let stage: String
    init(_ h: HairLossStage) { scale = h.scale.rawValue; stage = h.name }
}

struct ScalpSummary: Encodable {
    let ellipsoidAxesMM: EllipsoidAxes
    @Rounded<2> var chartAreaCM2: Double
    @Rounded<2> var scalpAreaCM2: Double
    @Rounded<2> var baldAreaCM2: Double
    @Rounded<2> var treatedAreaCM2: Double
    /// Impressions the full design calls for: Σ target × cell area.
    @Rounded<1> var designImpressions: Double
    let regions: [RegionArea]

    struct RegionArea: Encodable {
        let name: String
        @Rounded<2> var areaCM2: Double
    }
}

struct SpacingRuleSummary: Encodable {
    let factor: Double
    let floorMM: Double
    /// Minimum spacing where the target is the full design density.
    @Rounded<4> var minimumSpacingAtDesignDensityMM: Double
}

package struct SessionRecord: Encodable {
    package let session: Int
    package let day: Double
    package let fractionOfTarget: Double
    package let needleMM: Double
    package let depthMM: Double
    package let pigment: String
    package let dilution: Double
    @Rounded<1> var healedDiameterUM: Double
    let newImpressions: Int
    @Rounded<1> var expectedNewImpressions: Double
    package let totalImpressions: Int
    package let colour: SessionColourRecord
    package let all: RegionRecord
    let regions: [RegionRecord]
    /// Hair + impressions over the treated area (Ludwig/Savin plans only).
    package let perceived: PerceivedRecord?
}

/// `sessions[].perceived` of a Ludwig/Savin plan: what the eye counts where hair remains.
package struct PerceivedRecord: Encodable {
    @Rounded<2> var treatedAreaCM2: Double
    /// Remaining shaved follicular units per cm² (one unit reads as one dot).
    @Rounded<2> package var hairPerCM2: Double
    @Rounded<2> var dotsPerCM2: Double
    /// hair + dots per cm².
    @Rounded<2> package var perceivedPerCM2: Double
    /// Mean of hair + shortfall over the area: the design density where it is reachable.
    @Rounded<2> var targetPerCM2: Double
    @Rounded<4> var fractionOfTarget: Double

    init(_ p: PerceivedDensity) {
        treatedAreaCM2 = p.treatedAreaCM2
        hairPerCM2 = p.hairPerCM2
        dotsPerCM2 = p.dotsPerCM2
        perceivedPerCM2 = p.perceivedPerCM2
        targetPerCM2 = p.targetPerCM2
        fractionOfTarget = p.fractionOfTarget
    }
}

/// One region's metrics as reported (rounded for reading; the CSV carries the same numbers).
package struct RegionRecord: Encodable {
    let region: String
    @Rounded<2> var regionAreaCM2: Double
    @Rounded<2> var treatedAreaCM2: Double
    let impressions: Int
    @Rounded<2> package var impressionsPerCM2: Double
    @Rounded<2> package var targetPerCM2: Double
    @RoundedIfPresent<4> package var nearestNeighbourMeanMM: Double?
    @RoundedIfPresent<4> var nearestNeighbourP5MM: Double?
    @RoundedIfPresent<4> package var nearestNeighbourMinMM: Double?
    @RoundedIfPresent<4> package var clarkEvansR: Double?
    package let mergePairs: Int
    @Rounded<5> package var coveredFraction: Double
    @Rounded<5> var booleanModelCoverage: Double
    @RoundedIfPresent<1> var meanHealedDiameterUM: Double?

    init(_ m: SpacingMetrics, fraction: Double) {
        region = m.region
        regionAreaCM2 = m.regionAreaCM2
        treatedAreaCM2 = m.treatedAreaCM2
        impressions = m.impressions
        impressionsPerCM2 = m.impressionsPerCM2
        targetPerCM2 = (m.meanTargetPerCM2 * fraction)
        nearestNeighbourMeanMM = m.nearestNeighbourMeanMM
        nearestNeighbourP5MM = m.nearestNeighbourP5MM
        nearestNeighbourMinMM = m.nearestNeighbourMinMM
        clarkEvansR = m.clarkEvansR
        mergePairs = m.mergePairs
        coveredFraction = m.coveredFraction
        booleanModelCoverage = m.booleanModelCoverage
        meanHealedDiameterUM = m.meanHealedDiameterMM.map { $0 * 1000 }
    }
}

/// The plan's hair colour as written: a name, or explicit Lab.
struct HairColourEcho: Encodable {
    let name: String?
    let lab: LabRecord?

    init(_ colour: Plan.HairColour) {
        switch colour {
        case .named(let n, _): name = n; lab = nil
        case .lab(let L, let a, let b): name = nil; lab = LabRecord(L: L, a: a, b: b)
        }
    }
}

/// CIELAB as reported, two decimals (well below one ΔE00 JND). Keys stay `L`, `a`, `b`.
struct LabRecord: Encodable {
    @Rounded<2> var L: Double
    @Rounded<2> var a: Double
    @Rounded<2> var b: Double
}

/// The client's skin and hair target as modelled.
struct ClientColourRecord: Encodable {
    let skin: String
    let skinLab: LabRecord
    let skinHex: String
    /// Individual typology angle of the modelled skin, degrees, and its class.
    @Rounded<1> var skinITADegrees: Double
    let skinITAClass: String
    let hair: String?
    let hairLab: LabRecord?
    let hairHex: String?
}

/// A session's healed colour: what its dots look like on this client's skin at this depth.
package struct SessionColourRecord: Encodable {
    let healedLab: LabRecord
    package let healedHex: String
    let gamutClipped: Bool
    @Rounded<2> package var deltaE00ToSkin: Double
    @Rounded<2> var deltaLToSkin: Double
    @RoundedIfPresent<2> var deltaE00ToHair: Double?
    package let undertone: String
    @Rounded<3> var blurRadiusMM: Double
    let deposit: String

    init(_ c: SessionColour) {
        healedLab = LabRecord(c.lab)
        healedHex = c.srgbHex
        gamutClipped = c.gamutClipped
        deltaE00ToSkin = c.contrastDeltaE00
        deltaLToSkin = c.deltaL
        deltaE00ToHair = c.deltaE00ToHair
        undertone = c.undertone.rawValue
        blurRadiusMM = c.blurRadiusMM
        deposit = c.deposit.rawValue
    }
}

extension LabRecord {
    package init(_ lab: Lab) { self.init(L: lab.L, a: lab.a, b: lab.b) }
}

/// `provenance` of `report.json` (and, without a single seed, of a batch's `summary.json`):
/// what a reader needs to reproduce the numbers. Keys: `stipple_version`, `commit`,
/// `data_sha256`, `seed`, `command` (see `RunProvenance` for how the commit is found).
public struct ProvenanceRecord: Encodable, Sendable {
    public let stippleVersion: String
    public let commit: String
    public let dataSha256: String
    /// The plan's seed; null in a batch summary, whose plans each have their own (`plan_seed`).
    /// Always written, so readers find every key.
    @NullWhenAbsent public private(set) var seed: UInt64?
    public let command: String

    public init(_ run: RunProvenance, seed: UInt64?) {
        stippleVersion = StippleInfo.version
        commit = run.commit
        dataSha256 = run.dataSHA256
        self.seed = seed
        command = run.command
    }

    /// One-line JSON (keys sorted, snake_case), for the summary files.
    public var compactJSON: String {
        (try? StippleJSON.text(self, .compact)) ?? "{}"
    }
}
