import Fading
import Foundation
import Impressions
import Plans
import SkinOptics

/// The colour side of a plan: the client's modelled skin, the hair colour to match, and the
/// healed colour of each session's pigment at its depth in that skin.
public struct ClientColours: Sendable {
    public let skinName: String
    public let skinLab: Lab
    public let hairName: String?
    public let hairLab: Lab?
    /// One per plan session, in order.
    public let sessions: [SessionColour]
    /// The skin model and each session's pigment, resolved once from the plan's names (the
    /// follow-ups reuse them rather than looking the names up again).
    public let skinModel: SkinModel
    public let pigments: [Pigment]
}

/// How one session's impressions look once healed.
public struct SessionColour: Sendable {
    public let pigment: String
    public let dilution: Double
    public let depthMM: Double
    public let deposit: DepositKind
    /// Healed spot colour (a large pigmented area at this depth: see SkinOptics).
    public let lab: Lab
    public let srgbHex: String
    public let gamutClipped: Bool
    /// ΔE00 and ΔL* of the spot against the bare skin around it.
    public let contrastDeltaE00: Double
    public let deltaL: Double
    /// ΔE00 as read (`SkinOpticalBasis.asRead`, as the hair colours were measured) to the client's
    /// hair colour target (nil when the plan names none).
    public let deltaE00ToHair: Double?
    public let undertone: Undertone
    /// Radius of the soft halo that light diffusing through the dermis adds, mm.
    public let blurRadiusMM: Double
    /// The broad patch's colour as seen: surface reflection included (`SurfaceReflection`).
    public let labAsSeen: Lab
    /// How one healed dot of this session looks: its column's point-spread (`DotLook`).
    public let dot: DotLook
    /// The healed dot at a follow-up, with `retained` of its pigment left and its column grown
    /// by `diameterScale` (the fading model's): the same point-spread at the reduced dose.
    public let dotAt: @Sendable (_ retained: Double, _ diameterScale: Double) -> DotLook?
}

/// Colour reference data loaded once per engine.
public struct ColourLibrary: Sendable {
    public let skins: SkinLibrary
    public let pigments: PigmentLibrary
    public let hair: HairColours
    /// How scar tissue differs from skin (`Data/skin/scar.json`), for scar areas.
    public let scar: ScarTissue
    /// Each dot's point-spread per skin (`Data/skin/dot_psf.*`).
    public let dotSpreads: DotPointSpreadTable
    /// The undiluted dose a plan's dots hold once healed, mg/cm²: the mean injected dose
    /// (Engel et al. 2008, measured right after tattooing) less what healing takes
    /// (`HealedDose`, `Data/fade/models.json` `healing`). Healed colours, the fade outlook
    /// and the shade advice all see this dose.
    public let healedDoseMgPerCm2: Double

    public init(data: DataLibrary, healing: HealedDose = .standard) throws(SkinOpticsError) {
        healedDoseMgPerCm2 = healing.healed(injected: PigmentedSkin.meanDoseMgPerCm2)
        skins = try SkinLibrary(dataDirectory: data.root)
        scar = try ScarTissue(dataDirectory: data.root)
        pigments = try PigmentLibrary(dataDirectory: data.root)
        hair = try HairColours(dataDirectory: data.root)
        dotSpreads = try DotPointSpreadTable(dataDirectory: data.root)
    }

    /// The colours of the plan's skin, hair and pigments (resolved when the plan was read). A
    /// depth, dilution or needle the optics cannot model is a `PlanError` at the field's line, so
    /// a plan fails before any simulation work.
    public func colours(for plan: Plan, file: String, healing: HealingModel = HealingModel()) throws(PlanError) -> ClientColours {
        func fail(_ field: PlanField, _ error: SkinOpticsError) -> PlanError {
            PlanError(file: file, field, of: plan, message: error.description)
        }
        let skin: SkinModel
        do { skin = try SkinModel(parameters: plan.client.skin.parameters, basis: skins.basis) } catch { throw fail(.clientSkin, error) }
        let hairLab = plan.client.hairColour?.lab
        let hairName = plan.client.hairColour?.name
        var sessions: [SessionColour] = []
        var resolvedPigments: [Pigment] = []
        for (i, s) in plan.sessions.enumerated() {
            let pigment = s.pigment
            resolvedPigments.append(pigment)
            let spot: PigmentedSkin
            do {
                spot = try PigmentedSkin(skin: skin, pigment: pigment, dilution: s.dilution, depthMM: s.depthMM,
                                         doseMgPerCm2: healedDoseMgPerCm2, deposit: s.deposit)
            } catch {
                throw fail(.session(i, { if case .dilutionOutOfRange = error { .dilution } else { .depth } }()), error)
            }
            let srgb = spot.srgb
            let column = healing.healedDiameterMM(needleMM: s.needleMM, grouping: s.grouping, depthMM: s.depthMM, skin: plan.client.skinOiliness)
            let table = dotSpreads
            guard table.header.grid.diametersMM.first! <= column, column <= table.header.grid.diametersMM.last! else {
                throw PlanError(file: file, .session(i, .needle), of: plan,
                                message: "needle \(s.needleMM) mm with grouping \(s.grouping.rawValue) at depth \(s.depthMM) mm heals to a \(String(format: "%.2f", column)) mm pigment column, outside the modelled \(table.header.grid.diametersMM.first!)–\(table.header.grid.diametersMM.last!) mm; use a finer needle, a smaller grouping or a shallower depth")
            }
            let dot: DotLook
            do {
                dot = try DotLook(table: table, evaluator: spot.evaluator, depthMM: s.depthMM, effectiveDose: spot.dilution * spot.doseMgPerCm2, diameterMM: column)
            } catch { throw fail(.clientSkin, error) }
            let evaluator = spot.evaluator, depth = s.depthMM, dose = spot.dilution * spot.doseMgPerCm2
            sessions.append(SessionColour(
                pigment: s.pigment.name, dilution: s.dilution, depthMM: s.depthMM, deposit: s.deposit, lab: spot.lab,
                srgbHex: srgb.rgb.hex, gamutClipped: srgb.clipped, contrastDeltaE00: spot.contrastDeltaE00,
                deltaL: spot.lab.L - spot.skinLab.L, deltaE00ToHair: hairLab.map { deltaE2000(skin.basis.asRead(spot.lab), $0) },
                undertone: spot.undertone, blurRadiusMM: spot.blurRadiusMM,
                labAsSeen: SurfaceReflection.asSeen(spot.lab), dot: dot,
                dotAt: { retained, scale in
                    try? DotLook(table: table, evaluator: evaluator, depthMM: depth, effectiveDose: max(1e-9, retained) * dose,
                                 diameterMM: min(table.header.grid.diametersMM.last!, column * scale))
                }))
        }
        return ClientColours(skinName: plan.client.skin.name, skinLab: skin.lab,
                             hairName: hairName, hairLab: hairLab, sessions: sessions, skinModel: skin, pigments: resolvedPigments)
    }
}
