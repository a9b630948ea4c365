import Foundation
import Support

/// The tabulated point-spread of one healed pigment column (`ColumnMonteCarlo`), per skin and
/// wavelength band, read by interpolation at run time (`Data/skin/dot_psf.json` describes it,
/// `Data/skin/dot_psf.bin` holds the values; `scripts/make_dot_psf.sh` regenerates both).
///
/// Each entry is the reflectance at radius r from the column's axis relative to the bare skin's,
/// T = R(r)/R_bare, for a column diameter, a deposit profile (kind × needle depth) and a pigment
/// optical depth τ; plus the broad patch's T for the same deposit and τ. Stored as 16-bit
/// fractions (T·65535, little-endian): a step of 1.5·10⁻⁵, far below the Monte Carlo's noise.
///
/// Skins are keyed by their model parameters, not their names: a table made for other presets
/// (after a refit) is refused with a message that says to regenerate it, never silently used.
public struct DotPointSpreadTable: Sendable {
    public struct Header: Codable, Sendable {
        public var description: String
        public var generator: String
        public var photons: Int
        public var seed: UInt64
        public var grid: DotPointSpreadGrid
        /// The constants the table was made with: a table for another skin model is stale.
        public var constants: SkinModelConstants
        public var skins: [Skin]
        public struct Skin: Codable, Sendable {
            public var names: [String]
            public var parameters: SkinParameters
            /// Bare-skin diffuse reflectance per band (the Monte Carlo's).
            public var bareReflectance: [Double]
        }
    }

    public let header: Header
    /// T per skin, band: `[dots: radii × diameters × profiles × depths][patch: profiles × depths]`.
    let values: [UInt16]
    var grid: DotPointSpreadGrid { header.grid }
    var blockSize: Int { dotBlock + patchBlock }
    var dotBlock: Int { grid.radiiMM.count * grid.diametersMM.count * grid.profileCount * grid.opticalDepths.count }
    var patchBlock: Int { grid.profileCount * grid.opticalDepths.count }

    public init(header: Header, values: [UInt16]) throws(SkinOpticsError) {
        let g = header.grid
        let expected = header.skins.count * g.bandCount
            * (g.radiiMM.count * g.diametersMM.count * g.profileCount * g.opticalDepths.count + g.profileCount * g.opticalDepths.count)
        guard values.count == expected else {
            throw .malformedData(path: "skin/dot_psf.bin", line: nil, reason: "holds \(values.count) values, the header's grid needs \(expected); regenerate with scripts/make_dot_psf.sh")
        }
        self.header = header
        self.values = values
    }

    /// Reads `skin/dot_psf.json` and `skin/dot_psf.bin` under the data folder.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let headerURL = dataDirectory.appendingPathComponent("skin/dot_psf.json")
        let binURL = dataDirectory.appendingPathComponent("skin/dot_psf.bin")
        let header = try decodeJSON(Header.self, at: headerURL)
        let data: Data
        do { data = try Data(contentsOf: binURL) } catch { throw .missingFile(path: binURL.path) }
        guard data.count % 2 == 0 else { throw .malformedData(path: binURL.path, line: nil, reason: "odd byte count \(data.count)") }
        let values = data.withUnsafeBytes { raw in
            (0..<(data.count / 2)).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)) }
        }
        try self.init(header: header, values: values)
    }

    /// The little-endian bytes of `values`, for writing `dot_psf.bin`.
    public var binary: Data {
        var data = Data(capacity: values.count * 2)
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Index of the skin whose parameters are `p` (each within 1e-9 relative), nil if none.
    public func skinIndex(parameters p: SkinParameters) -> Int? {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-12) }
        return header.skins.firstIndex { s in
            close(s.parameters.melaninFraction, p.melaninFraction) && close(s.parameters.bloodFraction, p.bloodFraction)
                && close(s.parameters.scatteringScale, p.scatteringScale) && close(s.parameters.pheomelaninShare, p.pheomelaninShare)
        }
    }

    @inline(__always) func value(_ i: Int) -> Double { Double(values[i]) / 65535 }

    /// T at grid nodes (radius r, diameter a, profile m, depth q) of a skin and band.
    func dot(skin s: Int, band b: Int, r: Int, a: Int, m: Int, q: Int) -> Double {
        let g = grid
        let base = (s * g.bandCount + b) * blockSize
        return value(base + ((r * g.diametersMM.count + a) * g.profileCount + m) * g.opticalDepths.count + q)
    }

    func patch(skin s: Int, band b: Int, m: Int, q: Int) -> Double {
        let base = (s * grid.bandCount + b) * blockSize + dotBlock
        return value(base + m * grid.opticalDepths.count + q)
    }

    /// Linear interpolation weights on a sorted axis, clamped to its ends.
    static func bracket(_ axis: [Double], _ x: Double) -> (Int, Int, Double) {
        if x <= axis[0] { return (0, 0, 0) }
        if x >= axis[axis.count - 1] { return (axis.count - 1, axis.count - 1, 0) }
        var i = 0
        while axis[i + 1] < x { i += 1 }
        return (i, i + 1, (x - axis[i]) / (axis[i + 1] - axis[i]))
    }

    /// The point-spread of one column at the table's radii, per band, interpolated: linear in
    /// diameter and needle depth, linear in log τ between nodes, and below the smallest τ the
    /// loss 1 − T scaled in proportion to τ (the weak-absorption limit). Returns per band the
    /// column's T at each radius and the broad patch's T.
    public func profile(skin s: Int, diameterMM: Double, needleDepthMM: Double, kind: DepositKind,
                        opticalDepth tau: (Int) -> Double) -> [(dot: [Double], patch: Double)] {
        let g = grid
        let (a0, a1, fa) = Self.bracket(g.diametersMM, diameterMM)
        let (d0, d1, fd) = Self.bracket(g.needleDepthsMM, needleDepthMM)
        let m0 = g.profileIndex(kind: kind, depth: d0), m1 = g.profileIndex(kind: kind, depth: d1)
        let logTaus = g.opticalDepths.map { Foundation.log($0) }
        return (0..<g.bandCount).map { b in
            let t = max(0, tau(b))
            var scale = 1.0
            var q0 = 0, q1 = 0, fq = 0.0
            if t < g.opticalDepths[0] {
                scale = t / g.opticalDepths[0]
            } else {
                (q0, q1, fq) = Self.bracket(logTaus, Foundation.log(t))
            }
            func blend(_ f: (Int, Int) -> Double) -> Double {
                let lo = f(m0, q0) * (1 - fq) + f(m0, q1) * fq
                let hi = f(m1, q0) * (1 - fq) + f(m1, q1) * fq
                return lo * (1 - fd) + hi * fd
            }
            let dots = (0..<g.radiiMM.count).map { r in
                let loss = 1 - (blend { m, q in dot(skin: s, band: b, r: r, a: a0, m: m, q: q) } * (1 - fa)
                    + blend { m, q in dot(skin: s, band: b, r: r, a: a1, m: m, q: q) } * fa)
                return 1 - scale * loss
            }
            let patchT = 1 - scale * (1 - blend { m, q in self.patch(skin: s, band: b, m: m, q: q) })
            return (dots, patchT)
        }
    }

    /// Runs the Monte Carlo for every distinct skin of `library` and every band (in parallel,
    /// one seed per skin and band, so the table is the same on any number of threads).
    public static func generate(library: SkinLibrary, photons: Int, seed: UInt64, jobs: Int,
                                progress: @Sendable (String) -> Void = { _ in }) throws(SkinOpticsError) -> DotPointSpreadTable {
        let c = library.basis.constants
        let grid = DotPointSpreadGrid.standard(constants: c)
        var skins: [Header.Skin] = []
        var models: [SkinModel] = []
        for preset in library.presets {
            if let i = skins.firstIndex(where: { $0.parameters == preset.parameters }) {
                skins[i].names.append(preset.name)
            } else {
                skins.append(.init(names: [preset.name], parameters: preset.parameters, bareReflectance: []))
                models.append(try SkinModel(parameters: preset.parameters, basis: library.basis))
            }
        }
        let scoring = grid.scoring(constants: c)
        let nBands = grid.bandCount
        let frozenModels = models, frozenSkins = skins
        let runs = parallelMap(Array(0..<(models.count * nBands)), parallel: jobs > 1) { (job: Int) -> ColumnMonteCarlo.Result in
            let s = job / nBands, b = job % nBands
            let mc = ColumnMonteCarlo(layers: grid.layers(skin: frozenModels[s], band: b), refractiveIndex: c.refractiveIndex)
            let result = mc.run(photons: photons, seed: seed &+ UInt64(job) &* 0x9E37_79B9_7F4A_7C15, scoring: scoring)
            progress("\(frozenSkins[s].names.joined(separator: "/")) band \(Int(grid.bandEdgesNM[b]))–\(Int(grid.bandEdgesNM[b + 1])) nm: R_bare \(String(format: "%.4f", result.bare))")
            return result
        }
        var values: [UInt16] = []
        let nR = grid.radiiMM.count, nA = grid.diametersMM.count, nM = grid.profileCount, nQ = grid.opticalDepths.count
        func quantise(_ t: Double) -> UInt16 { UInt16((min(1, max(0, t)) * 65535).rounded()) }
        for s in 0..<models.count {
            for b in 0..<nBands {
                let r = runs[s * nBands + b]
                skins[s].bareReflectance.append(r.bare)
                for ri in 0..<nR { for ai in 0..<nA { for m in 0..<nM { for q in 0..<nQ {
                    values.append(quantise(r.reflectance(radius: ri, diameter: ai, profile: m, depth: q) / r.bare))
                } } } }
                for m in 0..<nM { for q in 0..<nQ {
                    values.append(quantise(r.reflectance(radius: 0, diameter: nA, profile: m, depth: q) / r.bare))
                } }
            }
        }
        let header = Header(
            description: "Point-spread of one healed pigment column per skin preset and wavelength band: T = R(r)/R_bare at radius r from the column's axis, for each column diameter, deposit profile (needle-track then deep, by needle depth) and pigment optical depth tau, then the broad patch's T per profile and tau. Values in dot_psf.bin as little-endian UInt16 (T x 65535), skin-major then band. Made by a 3-D perturbation Monte Carlo (Sources/SkinOptics/ColumnMonteCarlo.swift).",
            generator: "scripts/make_dot_psf.sh", photons: photons, seed: seed, grid: grid, constants: c, skins: skins)
        return try DotPointSpreadTable(header: header, values: values)
    }
}
