/// Which published hair-loss scale a client's stage is graded on.
///
/// Norwood grades the male pattern (temporal recession, vertex, bridge); Ludwig (1977) and Savin
/// (1992) grade female pattern hair loss, where the frontal hairline is kept and hair thins
/// diffusely over the crown and mid-scalp, so SMP adds density **among** remaining hair.
public enum HairLossScale: String, CaseIterable, Sendable, Codable, Hashable {
    case norwood, ludwig, savin

    /// Stage names of this scale in order of progression, as written in plan files.
    public var stageNames: [String] {
        switch self {
        case .norwood: return NorwoodStage.allCases.map(\.rawValue)
        case .ludwig: return LudwigStage.allCases.map(\.rawValue)
        case .savin: return SavinStage.allCases.map(\.rawValue)
        }
    }

    /// "Norwood", "Ludwig", "Savin".
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Female scales describe diffuse thinning among kept hair: treatment covers only the
    /// thinning region and impressions fill the shortfall between the hair and the design density.
    public var isDiffuseThinning: Bool { self != .norwood }
}

/// Ludwig grades of female pattern hair loss (Ludwig 1977, Br J Dermatol 97:247): thinning of
/// the crown limited in front by a line 1–3 cm behind the frontal hairline (I), pronounced
/// rarefaction within that area (II), near-denudation within it (III).
public enum LudwigStage: String, CaseIterable, Sendable, Codable, Hashable {
    case i = "I", ii = "II", iii = "III"
}

/// The Savin scale (Savin 1992; reproduced in Olsen 2001, J Am Acad Dermatol 45:S70): I-1 no
/// loss, I-2…I-4 a widening central part, II-1 and II-2 diffuse thinning over the top, III more
/// marked diffuse thinning with some hair left, "advanced" little hair left in the affected
/// area, and "frontal" loss accentuated at the front of the part (Olsen's "Christmas tree").
public enum SavinStage: String, CaseIterable, Sendable, Codable, Hashable {
    case i1 = "I-1", i2 = "I-2", i3 = "I-3", i4 = "I-4", ii1 = "II-1", ii2 = "II-2", iii = "III"
    case advanced, frontal

    /// The central-thinning series in order of progression ("frontal" is a separate pattern).
    public static let centralSeries: [SavinStage] = [.i1, .i2, .i3, .i4, .ii1, .ii2, .iii, .advanced]
}

/// A client's stage on one of the hair-loss scales.
public enum HairLossStage: Sendable, Hashable {
    case norwood(NorwoodStage)
    case ludwig(LudwigStage)
    case savin(SavinStage)

    public var scale: HairLossScale {
        switch self {
        case .norwood: return .norwood
        case .ludwig: return .ludwig
        case .savin: return .savin
        }
    }

    /// The stage as written in plan files and data ("V", "II", "I-3", "frontal").
    public var name: String {
        switch self {
        case .norwood(let s): return s.rawValue
        case .ludwig(let s): return s.rawValue
        case .savin(let s): return s.rawValue
        }
    }

    /// "Norwood V", "Ludwig II", "Savin I-3".
    public var label: String { "\(scale.title) \(name)" }

    /// The Norwood stage, or nil on a female scale.
    public var norwood: NorwoodStage? {
        if case .norwood(let s) = self { return s }
        return nil
    }

    /// Reads `text` as a stage of `scale`, leniently: case, spaces, "-" and "_" are ignored and
    /// arabic numerals are accepted ("2" = II, "savin 1-3" = I-3, "II 1" = II-1). Nil if unknown.
    public init?(scale: HairLossScale, parsing text: String) {
        switch scale {
        case .norwood:
            guard let s = NorwoodStage(parsing: text) else { return nil }
            self = .norwood(s)
        case .ludwig:
            guard let s = LudwigStage.allCases.first(where: { Self.key($0.rawValue) == Self.key(text, dropping: "ludwig") })
            else { return nil }
            self = .ludwig(s)
        case .savin:
            guard let s = SavinStage.allCases.first(where: { Self.key($0.rawValue) == Self.key(text, dropping: "savin") })
            else { return nil }
            self = .savin(s)
        }
    }

    /// Like `init?(scale:parsing:)` but throws an error listing the scale's stages.
    public static func parse(scale: HairLossScale, _ text: String) throws(ScalpModelError) -> HairLossStage {
        guard let stage = HairLossStage(scale: scale, parsing: text) else {
            throw .unknownScaleStage(scale: scale.rawValue, text: text)
        }
        return stage
    }

    /// Comparison key: lower case; split at separators and letter/digit boundaries; roman
    /// numerals I–IV as digits; an optional scale prefix and "stage"/"grade"/"type" dropped.
    /// So "I-1", "i 1", "1-1" and "I1" all read as "1-1", and "II" and "2" as "2".
    private static func key(_ text: String, dropping prefix: String = "") -> String {
        var s = text.lowercased()
        for p in [prefix, "stage", "grade", "type"] where !p.isEmpty {
            let trimmed = s.drop { $0.isWhitespace }
            if trimmed.hasPrefix(p) { s = String(trimmed.dropFirst(p.count)) }
        }
        var tokens: [String] = [], current = ""
        for ch in s {
            if ch.isWhitespace || ch == "-" || ch == "_" || ch == "." {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            if let last = current.last, last.isNumber != ch.isNumber { tokens.append(current); current = "" }
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(current) }
        let romans = ["i": "1", "ii": "2", "iii": "3", "iv": "4"]
        return tokens.map { romans[$0] ?? $0 }.joined(separator: "-")
    }
}
