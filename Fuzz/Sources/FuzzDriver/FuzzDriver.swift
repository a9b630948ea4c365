import Foundation

/// The signature libFuzzer calls for each input (`LLVMFuzzerTestOneInput`).
public typealias FuzzBody = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Copies libFuzzer's input into an array (empty for a nil pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
}

#if FUZZING
/// Hands control to libFuzzer's driver. SwiftPM links an executable's `main` as
/// `<module>_main`, so each fuzzer defines that symbol (`@_cdecl("FuzzPlan_main")`) and calls
/// this with its `LLVMFuzzerTestOneInput`.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: FuzzBody) -> Int32 {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ body: FuzzBody) -> Int32
#endif

/// Plain builds: runs `check` on each file named in `arguments` (a folder stands for its files,
/// sorted) and prints its verdict beside the path, to reproduce a finding under a debugger.
public func replay(_ arguments: some Sequence<String>, _ check: ([UInt8]) -> String) {
    for url in arguments.flatMap(replayFiles) {
        guard let bytes = try? Data(contentsOf: url) else { continue }
        print("\(check(Array(bytes))): \(url.path)")
    }
}

/// A file, or every file in a folder (sorted); nothing for a missing path.
func replayFiles(_ path: String) -> [URL] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [URL(fileURLWithPath: path)] }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    return names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
}
