// libFuzzer target: the `stipple color delta-e` CSV reader (`LabPairTable`) under both bad-row
// policies, then the ΔE00 kernel and the output formatter on whatever it accepted.
//
// Fuzz build (see Tests/fuzz/run.sh): `-sanitize=fuzzer,address -DFUZZING`; libFuzzer supplies
// the driver. Plain builds get a small `main` that replays files or folders given as arguments.
import Foundation
import FuzzDriver
import SkinOptics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = checkLabPairs(fuzzBytes(data, size))
    return 0
}

/// Parses under both policies; a table that parses is taken through ΔE00 and formatting, and its
/// output must hold one line per row (plus the header). Returns the rows accepted, or nil.
func checkLabPairs(_ bytes: [UInt8]) -> Int? {
    var accepted: Int?
    for policy in [LabPairTable.BadRowPolicy.stop, .skip] {
        guard let table = try? LabPairTable(bytes: bytes, path: "fuzz.csv", policy: policy) else { continue }
        let deltaE = table.deltaE2000()
        for value in deltaE where !value.isFinite || value < 0 { fatalError("ΔE00 \(value) for accepted rows") }
        let output = table.formatted(deltaE: deltaE)
        let lines = output.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        if lines != table.count + (table.header == nil ? 0 : 1) { fatalError("\(lines) output lines for \(table.count) rows") }
        accepted = table.count
    }
    return accepted
}

#if FUZZING
@_cdecl("FuzzCSV_main")
func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzCSVOneInput)
}
#else
@main
struct FuzzCSVReplay {
    static func main() { replay(CommandLine.arguments.dropFirst()) { checkLabPairs($0).map { "\($0) rows" } ?? "error" } }
}
#endif
