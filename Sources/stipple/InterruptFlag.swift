import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a flag the batch checks between plans, so
/// the plans in flight finish and are saved; a second signal stops the process at once.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.raise(sig) }
            source.resume()
            sources.append(source)
        }
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }

    private func raise(_ sig: Int32) {
        lock.lock()
        let second = flag
        flag = true
        lock.unlock()
        if second {
            // Second signal: default action (terminate); files on disk are still whole.
            signal(sig, SIG_DFL)
            kill(getpid(), sig)
        } else {
            FileHandle.standardError.write(Data("\nstipple: stopping after the plans in flight (press Ctrl-C again to stop at once)\n".utf8))
        }
    }
}
