import Foundation
import SkinOptics
import Support

/// What a plan's names resolve to and the limits its values are checked against: the skin
/// presets, pigments and hair colours of a data folder, and its `PhysicalLimits`.
///
/// `PlanReader` resolves `client.skin`, `client.hair_colour` and each session's `pigment`
/// through it while reading, so an unknown name is a `PlanError` with the file and line of the
/// name, and a `Plan` holds the preset, the pigment and the hair colour, not their spellings.
public struct PlanVocabulary: Sendable {
    public let skins: SkinLibrary
    public let pigments: PigmentLibrary
    public let hair: HairColours
    /// The needle depths (from the skin model's data) and the fixed limits.
    public var limits: PhysicalLimits { skins.basis.constants.limits }

    public init(skins: SkinLibrary, pigments: PigmentLibrary, hair: HairColours) {
        self.skins = skins
        self.pigments = pigments
        self.hair = hair
    }

    /// Loads the vocabulary of the data folder at `data`.
    public init(data: DataLibrary) throws(PlanError) {
        do {
            self.init(skins: try SkinLibrary(dataDirectory: data.root), pigments: try PigmentLibrary(dataDirectory: data.root),
                      hair: try HairColours(dataDirectory: data.root))
        } catch {
            throw PlanError(file: data.root.path, field: "", message: "cannot load the skin, pigment and hair names: \(error.description)")
        }
    }

    /// The located data folder's vocabulary (`DataLibrary.locate()`: `STIPPLE_DATA`, the bundle,
    /// the checkout), loaded once per process for `PlanReader()`.
    public static let located: Result<PlanVocabulary, PlanError> = {
        let data: DataLibrary
        switch Result(catching: { () throws(OutputError) in try DataLibrary.locate() }) {
        case .success(let found): data = found
        case .failure(let error): return .failure(PlanError(file: error.path, field: "", message: error.message))
        }
        return Result { () throws(PlanError) in try PlanVocabulary(data: data) }
    }()
}
