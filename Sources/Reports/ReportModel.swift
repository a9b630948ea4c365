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
struct ReviewRecord: Encodable {
    let errors: Int
    let warnings: Int
    let notes: Int
    /// The three findings to fix first, one line each (`PlanReviewer.fixFirst`).
    let fixFirst: [String]
    let findings: [ReviewFinding]

    init(_ findings: [ReviewFinding]) {
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
    let chartAreaCM2: Double
    let scalpAreaCM2: Double
    let baldAreaCM2: Double
    let treatedAreaCM2: Double
    /// Impressions the full design calls for: Σ target × cell area.
    let designImpressions: Double
    let regions: [RegionArea]

    struct RegionArea: Encodable {
        let name: String
        let areaCM2: Double
    }
}

struct SpacingRuleSummary: Encodable {
    let factor: Double
    let floorMM: Double
    /// Minimum spacing where the target is the full design density.
    let minimumSpacingAtDesignDensityMM: Double
}

struct SessionRecord: Encodable {
    let session: Int
    let day: Double
    let fractionOfTarget: Double
    let needleMM: Double
    let depthMM: Double
    let pigment: String
    let dilution: Double
    let healedDiameterUM: Double
    let newImpressions: Int
    let expectedNewImpressions: Double
    let totalImpressions: Int
    let colour: SessionColourRecord
    let all: RegionRecord
    let regions: [RegionRecord]
    /// Hair + impressions over the treated area (Ludwig/Savin plans only).
    let perceived: PerceivedRecord?
}

/// `sessions[].perceived` of a Ludwig/Savin plan: what the eye counts where hair remains.
struct PerceivedRecord: Encodable {
    let treatedAreaCM2: Double
    /// Remaining shaved follicular units per cm² (one unit reads as one dot).
    let hairPerCM2: Double
    let dotsPerCM2: Double
    /// hair + dots per cm².
    let perceivedPerCM2: Double
    /// Mean of hair + shortfall over the area: the design density where it is reachable.
    let targetPerCM2: Double
    let fractionOfTarget: Double

    init(_ p: PerceivedDensity) {
        treatedAreaCM2 = p.treatedAreaCM2.rounded(places: 2)
        hairPerCM2 = p.hairPerCM2.rounded(places: 2)
        dotsPerCM2 = p.dotsPerCM2.rounded(places: 2)
        perceivedPerCM2 = p.perceivedPerCM2.rounded(places: 2)
        targetPerCM2 = p.targetPerCM2.rounded(places: 2)
        fractionOfTarget = p.fractionOfTarget.rounded(places: 4)
    }
}

/// One region's metrics as reported (rounded for reading; the CSV carries the same numbers).
struct RegionRecord: Encodable {
    let region: String
    let regionAreaCM2: Double
    let treatedAreaCM2: Double
    let impressions: Int
    let impressionsPerCM2: Double
    let targetPerCM2: Double
    let nearestNeighbourMeanMM: Double?
    let nearestNeighbourP5MM: Double?
    let nearestNeighbourMinMM: Double?
    let clarkEvansR: Double?
    let mergePairs: Int
    let coveredFraction: Double
    let booleanModelCoverage: Double
    let meanHealedDiameterUM: Double?

    init(_ m: SpacingMetrics, fraction: Double) {
        region = m.region
        regionAreaCM2 = m.regionAreaCM2.rounded(places: 2)
        treatedAreaCM2 = m.treatedAreaCM2.rounded(places: 2)
        impressions = m.impressions
        impressionsPerCM2 = m.impressionsPerCM2.rounded(places: 2)
        targetPerCM2 = (m.meanTargetPerCM2 * fraction).rounded(places: 2)
        nearestNeighbourMeanMM = m.nearestNeighbourMeanMM?.rounded(places: 4)
        nearestNeighbourP5MM = m.nearestNeighbourP5MM?.rounded(places: 4)
        nearestNeighbourMinMM = m.nearestNeighbourMinMM?.rounded(places: 4)
        clarkEvansR = m.clarkEvansR?.rounded(places: 4)
        mergePairs = m.mergePairs
        coveredFraction = m.coveredFraction.rounded(places: 5)
        booleanModelCoverage = m.booleanModelCoverage.rounded(places: 5)
        meanHealedDiameterUM = m.meanHealedDiameterMM.map { ($0 * 1000).rounded(places: 1) }
    }
}

extension Double {
    /// Rounded to `places` decimals, so reports print 0.3 rather than 0.30000000000000004.
    package func rounded(places: Int) -> Double {
        let scale = [1.0, 10, 100, 1e3, 1e4, 1e5, 1e6][places]
        return (self * scale).rounded() / scale
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
    let L: Double
    let a: Double
    let b: Double

    init(L: Double, a: Double, b: Double) {
        self.L = L.rounded(places: 2)
        self.a = a.rounded(places: 2)
        self.b = b.rounded(places: 2)
    }
}

/// The client's skin and hair target as modelled.
struct ClientColourRecord: Encodable {
    let skin: String
    let skinLab: LabRecord
    let skinHex: String
    /// Individual typology angle of the modelled skin, degrees, and its class.
    let skinITADegrees: Double
    let skinITAClass: String
    let hair: String?
    let hairLab: LabRecord?
    let hairHex: String?
}

/// A session's healed colour: what its dots look like on this client's skin at this depth.
struct SessionColourRecord: Encodable {
    let healedLab: LabRecord
    let healedHex: String
    let gamutClipped: Bool
    let deltaE00ToSkin: Double
    let deltaLToSkin: Double
    let deltaE00ToHair: Double?
    let undertone: String
    let blurRadiusMM: Double
    let deposit: String

    init(_ c: SessionColour) {
        healedLab = LabRecord(c.lab)
        healedHex = c.srgbHex
        gamutClipped = c.gamutClipped
        deltaE00ToSkin = c.contrastDeltaE00.rounded(places: 2)
        deltaLToSkin = c.deltaL.rounded(places: 2)
        deltaE00ToHair = c.deltaE00ToHair?.rounded(places: 2)
        undertone = c.undertone.rawValue
        blurRadiusMM = c.blurRadiusMM.rounded(places: 3)
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
    /// The plan's seed; nil in a batch summary, whose plans each have their own (`plan_seed`).
    public let seed: UInt64?
    public let command: String

    public init(_ run: RunProvenance, seed: UInt64?) {
        stippleVersion = StippleInfo.version
        commit = run.commit
        dataSha256 = run.dataSHA256
        self.seed = seed
        command = run.command
    }

    enum CodingKeys: String, CodingKey { case stippleVersion, commit, dataSha256, seed, command }

    /// `seed` is always written (null in a batch summary), so readers find every key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stippleVersion, forKey: .stippleVersion)
        try c.encode(commit, forKey: .commit)
        try c.encode(dataSha256, forKey: .dataSha256)
        try c.encode(seed, forKey: .seed)
        try c.encode(command, forKey: .command)
    }

    /// One-line JSON (keys sorted, snake_case), for the summary files.
    public var compactJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = SnakeCaseKeys.strategy
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
