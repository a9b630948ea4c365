import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StippleTestSupport
import Testing

/// A headless Chromium driven over the DevTools protocol, for the keyed projector tests.
///
/// Why this and not chromedriver + selenium: the protocol runs over two pipes
/// (`--remote-debugging-pipe`: the browser reads commands on fd 3 and writes replies on fd 4,
/// each a JSON text ended by a NUL byte), so the tests need nothing but the `chromium` package
/// `.ci/run` already installs — no second package whose version must match the browser, no
/// Python, no network port. Key presses and clicks go through `Input.dispatchKeyEvent` /
/// `Input.dispatchMouseEvent`, the browser's own input pipeline (the page sees trusted
/// `keydown` and `click` events, as from a keyboard and a mouse).
///
/// Every call waits for the browser's reply; nothing waits on a clock. A watchdog kills the
/// browser if a test hangs far beyond any normal run (the blocked read then ends with an error),
/// so a broken browser fails the test instead of stalling the suite.
///
/// The tests share one browser per test process (`SharedBrowser`), each in a fresh page: a
/// launch costs about 1.7 CPU s, a page a few hundredths.
final class DevToolsBrowser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let pid: pid_t
    private let commands: Int32, replies: Int32
    private var pending: [UInt8] = []
    private var nextID = 0
    private var session = ""
    /// Events received while waiting for replies (the page's load events, console errors).
    private(set) var events: [[String: Any]] = []
    private var watchdog: DispatchWorkItem?
    private var closed = false
    /// The page (tab) the calls drive, and its DevTools session.
    private var target = ""

    /// Starts `chromium` headless with a fresh profile in `profile` and one page whose viewport is
    /// exactly `width` × `height` CSS pixels at device scale 1.
    init(chromium: String, profile: URL, width: Int, height: Int) throws {
        // Pipes created close-on-exec and moved above fd 4, so dup2 onto 3 and 4 in the child
        // never meets itself (a same-number dup2 would leave close-on-exec set).
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed: errno \(errno)") }
            let r = fcntl(fds[0], F_DUPFD_CLOEXEC, 10), w = fcntl(fds[1], F_DUPFD_CLOEXEC, 10)
            Glibc.close(fds[0]); Glibc.close(fds[1])
            return (r, w)
        }
        // A browser that dies makes the next write fail with EPIPE (an error we report) rather
        // than a SIGPIPE that would end the whole test process.
        signal(SIGPIPE, SIG_IGN)
        let toBrowser = try pipePair(), fromBrowser = try pipePair()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let log = profile.appendingPathComponent("chromium.log").path
        try? FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let arguments = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                         "--remote-debugging-pipe", "--no-first-run", "--disable-extensions",
                         "--window-size=\(width),\(height)", "--user-data-dir=\(profile.path)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, chromium, &actions, nil, &argv, environ)
        Glibc.close(toBrowser.read); Glibc.close(fromBrowser.write)
        guard status == 0 else {
            Glibc.close(toBrowser.write); Glibc.close(fromBrowser.read)
            throw Failure(description: "could not start \(chromium): posix_spawn error \(status)")
        }
        pid = child
        commands = toBrowser.write
        replies = fromBrowser.read
        armWatchdog()
        let targets = try call("Target.getTargets", session: false)["targetInfos"] as? [[String: Any]] ?? []
        let page = targets.first { $0["type"] as? String == "page" }?["targetId"] as? String
        try attach(to: page ?? (call("Target.createTarget", ["url": "about:blank"], session: false)["targetId"] as? String ?? ""),
                   width: width, height: height)
    }

    /// (Re)starts the watchdog: the browser is killed if the current test hangs 300 s.
    private func armWatchdog() {
        watchdog?.cancel()
        let item = DispatchWorkItem { [pid] in kill(pid, SIGKILL) }
        watchdog = item
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: item)
    }

    private func attach(to page: String, width: Int, height: Int) throws {
        target = page
        session = try call("Target.attachToTarget", ["targetId": page, "flatten": true], session: false)["sessionId"] as? String ?? ""
        events.removeAll()
        _ = try call("Page.enable")
        _ = try call("Runtime.enable")
        _ = try call("Emulation.setDeviceMetricsOverride",
                     ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    /// Closes the current page and opens a fresh one (a new tab: no history, no script state,
    /// no events of the last page) with a `width` × `height` viewport, for the next test.
    func newPage(width: Int, height: Int) throws {
        armWatchdog()
        let old = target
        let page = try call("Target.createTarget", ["url": "about:blank"], session: false)["targetId"] as? String ?? ""
        try attach(to: page, width: width, height: height)
        if !old.isEmpty { _ = try? call("Target.closeTarget", ["targetId": old], session: false) }
    }

    /// Whether the browser process is still running (the watchdog or a crash ends it).
    var isRunning: Bool { !closed && kill(pid, 0) == 0 }

    deinit { quit() }

    /// Ends the browser (the one this object started, by its pid) and reaps it.
    ///
    /// First asked to close (`Browser.close`, not waiting for a reply that a closing browser may
    /// never send), so Chromium removes its `/tmp/org.chromium.Chromium.*` folder; killed if it has
    /// not ended within 5 s (a hung or already broken browser).
    func quit() {
        guard !closed else { return }
        watchdog?.cancel()
        _ = try? send("Browser.close", session: false)
        closed = true
        var status: Int32 = 0
        var waited = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard waited < 100 else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(50_000)
            waited += 1
        }
        Glibc.close(commands); Glibc.close(replies)
    }

    /// Sends `method` and returns its reply's `result`; a protocol error is thrown with its text.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session useSession: Bool = true) throws -> [String: Any] {
        let id = try send(method, params, session: useSession)
        while true {
            let reply = try receive(during: method)
            if reply["id"] as? Int == id {
                if let error = reply["error"] as? [String: Any] {
                    throw Failure(description: "\(method): \(error["message"] ?? error)")
                }
                return reply["result"] as? [String: Any] ?? [:]
            }
            if reply["method"] != nil { keep(reply) }
        }
    }

    /// Keeps an event of the current page (a closed page's late events are dropped).
    private func keep(_ event: [String: Any]) {
        if let from = event["sessionId"] as? String, from != session { return }
        events.append(event)
    }

    /// Writes one command and returns its id, without waiting for the reply.
    private func send(_ method: String, _ params: [String: Any] = [:], session useSession: Bool = true) throws -> Int {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if useSession { message["sessionId"] = session }
        var bytes = Array(try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser closed its command pipe during \(method)") }
            offset += n
        }
        return nextID
    }

    private func receive(during method: String) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let text = Data(pending[..<end])
                pending.removeSubrange(...end)
                guard let object = try JSONSerialization.jsonObject(with: text) as? [String: Any] else {
                    throw Failure(description: "a reply that is not a JSON object during \(method)")
                }
                return object
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser ended (or the watchdog stopped it) during \(method)") }
            pending += chunk[..<n]
        }
    }

    /// Reads events until one named `name` arrives (or returns one already received).
    private func waitForEvent(_ name: String) throws {
        if let i = events.firstIndex(where: { $0["method"] as? String == name }) { events.remove(at: i); return }
        while true {
            let message = try receive(during: "waiting for \(name)")
            if message["method"] as? String == name, (message["sessionId"] as? String).map({ $0 == session }) ?? true { return }
            if message["method"] != nil { keep(message) }
        }
    }

    /// Opens `url` and returns once its load event fired (a fresh document each time: the
    /// page goes through about:blank, so a change of fragment alone is a real load too).
    func open(_ url: String) throws {
        for target in ["about:blank", url] {
            events.removeAll { $0["method"] as? String == "Page.loadEventFired" }
            _ = try call("Page.navigate", ["url": target])
            try waitForEvent("Page.loadEventFired")
        }
    }

    /// The value of a JavaScript expression (JSON-compatible values only).
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "\(expression): \((exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "exception")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// The value a JavaScript promise resolves to: waits for the page's own event (a picture
    /// loaded, a state reached) rather than for a clock.
    func awaitPromise(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "\(expression): \((exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "exception")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    func string(_ expression: String) throws -> String { try evaluate(expression) as? String ?? "" }
    func number(_ expression: String) throws -> Double { (try evaluate(expression) as? NSNumber)?.doubleValue ?? .nan }
    func bool(_ expression: String) throws -> Bool { try evaluate(expression) as? Bool ?? false }

    /// Keys the report listens to, with the codes a keyboard sends.
    enum Key: String {
        case arrowRight = "ArrowRight", arrowLeft = "ArrowLeft", home = "Home", end = "End", escape = "Escape"
        var virtualKeyCode: Int {
            switch self {
            case .arrowRight: return 39
            case .arrowLeft: return 37
            case .home: return 36
            case .end: return 35
            case .escape: return 27
            }
        }
    }

    /// Presses and releases `key`, as the keyboard would.
    func press(_ key: Key) throws {
        for type in ["rawKeyDown", "keyUp"] {
            _ = try call("Input.dispatchKeyEvent", ["type": type, "key": key.rawValue, "code": key.rawValue,
                                                    "windowsVirtualKeyCode": key.virtualKeyCode,
                                                    "nativeVirtualKeyCode": key.virtualKeyCode])
        }
    }

    /// A left click at viewport point (x, y).
    func click(x: Double, y: Double) throws {
        for type in ["mousePressed", "mouseReleased"] {
            _ = try call("Input.dispatchMouseEvent", ["type": type, "x": x, "y": y, "button": "left", "clickCount": 1])
        }
    }

    /// Clicks the centre of the first element matching `selector` (scrolled into view first).
    func click(_ selector: String) throws {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self)
        guard let box = try evaluate("""
            (function(){var e=document.querySelector(\(quoted)[0]);if(!e)return null;e.scrollIntoView({block:"center"});
            var r=e.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];})()
            """) as? [NSNumber], box.count == 2 else { throw Failure(description: "nothing matches \(selector)") }
        try click(x: box[0].doubleValue, y: box[1].doubleValue)
    }

    /// The viewport as PNG bytes.
    func screenshot() throws -> [UInt8] {
        let result = try call("Page.captureScreenshot", ["format": "png"])
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "Page.captureScreenshot returned no picture")
        }
        return Array(data)
    }

    /// Console errors and uncaught exceptions the page reported so far.
    var scriptErrors: [String] {
        events.compactMap { e in
            let params = e["params"] as? [String: Any]
            switch e["method"] as? String {
            case "Runtime.exceptionThrown":
                let d = params?["exceptionDetails"] as? [String: Any]
                return "\((d?["exception"] as? [String: Any])?["description"] ?? d?["text"] ?? "exception")"
            case "Runtime.consoleAPICalled" where params?["type"] as? String == "error":
                return "console.error: \(params?["args"] ?? "")"
            default: return nil
            }
        }
    }
}

/// One headless Chromium for the whole test process, lent to one test at a time in a fresh page
/// (`newPage`): the browser tests queue for it, in whatever suite they are. Relaunched if it
/// died (a crash, or the watchdog after a hung test).
enum SharedBrowser {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var browser: DevToolsBrowser?

    /// Runs `body` with a fresh `width` × `height` page of the shared browser.
    static func withPage<T>(width: Int, height: Int, _ body: (DevToolsBrowser) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let b: DevToolsBrowser
        if let running = browser, running.isRunning, (try? running.newPage(width: width, height: height)) != nil {
            b = running
        } else {
            browser?.quit()
            b = try DevToolsBrowser(chromium: try #require(BrowserTests.chromium), profile: try CLIRunner.scratch("shared-browser-profile"),
                                    width: width, height: height)
            if browser == nil { atexit { SharedBrowser.quitAtExit() } }
            browser = b
        }
        return try body(b)
    }

    /// Ends the browser when the test process ends (registered with `atexit` at the first launch).
    private static func quitAtExit() { browser?.quit() }
}
