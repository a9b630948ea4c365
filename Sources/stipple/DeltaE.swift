import ArgumentParser
import Foundation
import Reports
import SkinOptics
import Support

/// `stipple color delta-e`: CIEDE2000 for every row of a CSV of Lab pairs.
struct DeltaE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delta-e",
        abstract: "CIEDE2000 for each row L1,a1,b1,L2,a2,b2 of a CSV file; writes the rows plus de00.",
        discussion: """
            Input: six decimal numbers per line (L* 0–100, a*, b* within ±200; no NaN/inf); an optional
            header line (a first line with no number in it) is echoed with ',de00' appended; blank lines
            are ignored. Output: each row as it appeared, then ',' and ΔE00 with 6 decimals.
            Exit status: 0 success; 1 error (the first bad row stops the run, naming FILE:LINE, and
            nothing is written to --out); 2 with --skip-bad-rows when any row was skipped (each is
            reported on stderr, the other rows are written).
            """)

    @Argument(help: "CSV file of Lab pairs.")
    var file: String

    @Option(name: .long, help: "Write here (atomically: temporary file + rename) instead of stdout.")
    var out: String?

    @Flag(name: .long, help: "Report bad rows on stderr and carry on; exit status 2 if any was skipped.")
    var skipBadRows = false

    func run() throws {
        var skipped: [LabPairCSVError] = []
        var rows = 0
        try reportingErrors {
            let table = try LabPairTable(contentsOf: file, policy: skipBadRows ? .skip : .stop)
            let bytes = table.formatted(deltaE: table.deltaE2000())
            if let out {
                try AtomicOutput.writeAtomically(bytes, to: URL(fileURLWithPath: out))
            } else {
                try Self.writeStandardOutput(bytes)
            }
            skipped = table.skipped
            rows = table.count
        }
        guard !skipped.isEmpty else { return }
        for issue in skipped { note("stipple: skipped \(issue)") }
        note("stipple: skipped \(skipped.count) bad row\(skipped.count == 1 ? "" : "s"), wrote \(rows)")
        throw ExitCode(2)
    }

    static func writeStandardOutput(_ bytes: [UInt8]) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: "stdout", message: "write failed (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
    }
}
