import Foundation
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
    /// ΔE00 to the client's hair colour target (nil when the plan names none).
    public let deltaE00ToHair: Double?
    public let undertone: Undertone
    /// Radius of the soft halo that light diffusing through the dermis adds, mm.
    public let blurRadiusMM: Double
    /// How one dot looks: its sharp (papillary) share and the halo of its deeper pigment.
    public let dotSpread: DotSpread
}

/// Colour reference data loaded once per engine.
public struct ColourLibrary: Sendable {
    public let skins: SkinLibrary
    public let pigments: PigmentLibrary
    public let hair: HairColours
    /// How scar tissue differs from skin (`Data/skin/scar.json`), for scar areas.
    public let scar: ScarTissue

    public init(data: DataLibrary) throws(SkinOpticsError) {
        skins = try SkinLibrary(dataDirectory: data.root)
        scar = try ScarTissue(dataDirectory: data.root)
        pigments = try PigmentLibrary(dataDirectory: data.root)
        hair = try HairColours(dataDirectory: data.root)
    }

    /// Resolves the plan's skin, hair and pigments; every unknown name or impossible depth is a
    /// `PlanError` naming the field, so a plan fails before any simulation work.
    public func colours(for plan: Plan, file: String) throws(PlanError) -> ClientColours {
        func fail(_ field: String, _ error: SkinOpticsError) -> PlanError {
            PlanError(file: file, line: plan.sourceLines[field], field: field, message: error.description)
        }
        let skin: SkinModel
        do { skin = try skins.model(named: plan.client.skin) } catch { throw fail("client.skin", error) }
        var hairLab: Lab?
        var hairName: String?
        switch plan.client.hairColour {
        case .none: break
        case .named(let name)?:
            do { hairLab = try hair.lab(named: name) } catch { throw fail("client.hair_colour", error) }
            hairName = name
        case .lab(let L, let a, let b)?:
            hairLab = Lab(L: L, a: a, b: b)
        }
        var sessions: [SessionColour] = []
        var resolvedPigments: [Pigment] = []
        for (i, s) in plan.sessions.enumerated() {
            let pigment: Pigment
            do { pigment = try pigments.pigment(named: s.pigment) } catch { throw fail("sessions[\(i)].pigment", error) }
            resolvedPigments.append(pigment)
            let spot: PigmentedSkin
            do {
                spot = try PigmentedSkin(skin: skin, pigment: pigment, dilution: s.dilution, depthMM: s.depthMM, deposit: s.deposit)
            } catch {
                let field = if case .dilutionOutOfRange = error { "sessions[\(i)].dilution" } else { "sessions[\(i)].depth_mm" }
                throw fail(field, error)
            }
            let srgb = spot.srgb
            let spread: DotSpread
            do { spread = try dotSpread(depthMM: s.depthMM, skin: skin, deposit: s.deposit) } catch { throw fail("sessions[\(i)].depth_mm", error) }
            sessions.append(SessionColour(
                pigment: s.pigment, dilution: s.dilution, depthMM: s.depthMM, deposit: s.deposit, lab: spot.lab,
                srgbHex: srgb.rgb.hex, gamutClipped: srgb.clipped, contrastDeltaE00: spot.contrastDeltaE00,
                deltaL: spot.lab.L - spot.skinLab.L, deltaE00ToHair: hairLab.map { deltaE2000(spot.lab, $0) },
                undertone: spot.undertone, blurRadiusMM: spot.blurRadiusMM, dotSpread: spread))
        }
        return ClientColours(skinName: SkinLibrary.canonicalName(plan.client.skin), skinLab: skin.lab,
                             hairName: hairName, hairLab: hairLab, sessions: sessions, skinModel: skin, pigments: resolvedPigments)
    }
}
