// Regenerates Data/skin/dot_psf.json and Data/skin/dot_psf.bin: the tabulated point-spread of one
// healed pigment column per skin preset and wavelength band (SkinOptics.DotPointSpreadTable),
// from the 3-D Monte Carlo (SkinOptics.ColumnMonteCarlo). Run through scripts/make_dot_psf.sh.
//
//     make-dot-psf DATA_DIR [--photons N] [--seed S]
import Foundation
import SkinOptics
import Support

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, default value: UInt64) -> UInt64 {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = UInt64(args[i + 1]) else { return value }
    args.removeSubrange(i...(i + 1))
    return v
}
let photons = Int(option("--photons", default: 200_000))
let seed = option("--seed", default: 20261206)
guard args.count == 1 else {
    FileHandle.standardError.write("usage: make-dot-psf DATA_DIR [--photons N] [--seed S]\n".data(using: .utf8)!)
    exit(1)
}
let data = URL(fileURLWithPath: args[0])
do {
    let library = try SkinLibrary(dataDirectory: data)
    let start = Date()
    let table = try DotPointSpreadTable.generate(library: library, photons: photons, seed: seed, jobs: ProcessInfo.processInfo.activeProcessorCount) { line in
        FileHandle.standardError.write("\(line)\n".data(using: .utf8)!)
    }
    let encoder = StippleJSON.encoder(keys: .asDeclared)
    let skinFolder = data.appendingPathComponent("skin")
    try encoder.encode(table.header).write(to: skinFolder.appendingPathComponent("dot_psf.json"), options: .atomic)
    try table.binary.write(to: skinFolder.appendingPathComponent("dot_psf.bin"), options: .atomic)
    FileHandle.standardError.write("wrote skin/dot_psf.json and skin/dot_psf.bin in \(Int(Date().timeIntervalSince(start))) s\n".data(using: .utf8)!)
} catch {
    FileHandle.standardError.write("make-dot-psf: \(error)\n".data(using: .utf8)!)
    exit(1)
}
