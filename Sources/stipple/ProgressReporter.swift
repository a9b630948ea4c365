import Foundation
import Batch

/// Batch progress on stderr: a redrawn bar on a terminal (done/total, rate, ETA, failures),
/// plain lines every few seconds otherwise (logs, Slurm output files).
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastPrint = -Double.infinity
    private var last: BatchProgress?
    private let lock = NSLock()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func update(_ p: BatchProgress) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        last = p
        let interval = terminal ? 0.1 : 5.0
        guard p.elapsedSeconds - lastPrint >= interval || p.done == p.total else { return }
        lastPrint = p.elapsedSeconds
        let line = Self.describe(p, barWidth: terminal ? 30 : 0)
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish() {
        guard !quiet, terminal, last != nil else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    static func describe(_ p: BatchProgress, barWidth: Int) -> String {
        let fraction = p.total == 0 ? 1 : Double(p.done) / Double(p.total)
        let computed = max(0, p.done - p.reused)
        let rate = p.elapsedSeconds > 0 ? Double(computed) / p.elapsedSeconds : 0
        let remaining = p.total - p.done
        let eta = rate > 0 ? Double(remaining) / rate : .nan
        var text = ""
        if barWidth > 0 {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            text += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "] "
        }
        text += "\(p.done)/\(p.total) plans, \(String(format: "%.1f", rate)) plans/s"
        text += eta.isFinite ? ", ETA \(duration(eta))" : ""
        text += ", \(p.failed) failed"
        if p.reused > 0 { text += ", \(p.reused) reused" }
        return text
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(t % 3600 / 60)m" : t >= 60 ? "\(t / 60)m\(t % 60)s" : "\(t)s"
    }
}
