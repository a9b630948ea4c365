/// Calls a generic function with a model type chosen at run time: one `switch` per call, so
/// the code inside (`visit`) is specialised per model with no existential dispatch.
public protocol FadeModelVisitor {
    associatedtype Output
    func visit<M: FadeModel>(_ model: M.Type) -> Output
}

/// The shipped fade models, by CLI name.
public enum FadeModelKind: String, CaseIterable, Sendable, Codable {
    case mono, bi, weibull, uv, compartment

    public var name: String { rawValue }
    public static var names: [String] { allCases.map(\.rawValue) }

    public init(named name: String) throws(FadeError) {
        guard let kind = FadeModelKind(rawValue: name.lowercased()) else {
            throw .unknownModel(name: name, known: FadeModelKind.names)
        }
        self = kind
    }

    public var type: any FadeModel.Type {
        switch self {
        case .mono: MonoExponential.self
        case .bi: BiExponential.self
        case .weibull: StretchedExponential.self
        case .uv: UVScaledExponential.self
        case .compartment: CompartmentModel.self
        }
    }

    public func accept<V: FadeModelVisitor>(_ visitor: V) -> V.Output {
        switch self {
        case .mono: visitor.visit(MonoExponential.self)
        case .bi: visitor.visit(BiExponential.self)
        case .weibull: visitor.visit(StretchedExponential.self)
        case .uv: visitor.visit(UVScaledExponential.self)
        case .compartment: visitor.visit(CompartmentModel.self)
        }
    }

    public var specification: [FadeParameter] { type.specification }
    public var formula: String { type.formula }
}
