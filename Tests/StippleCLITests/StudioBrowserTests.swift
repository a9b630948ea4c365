import Foundation
import StippleTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `stipple serve` as a trainer uses it: the real server process on a free loopback port and a
/// real headless Chromium (`DevToolsBrowser`) at 1280 × 800. A click on the target-density
/// slider must bring a new picture and new figures; the arrow keys step the sessions; the
/// presenter button gives the picture the screen. Every wait is for the page's own state (a
/// promise that resolves when the picture has loaded), never for a clock.
///
/// Skipped, saying so, only where no Chromium is installed (`.ci/run` installs it).
@Suite("stipple serve in headless Chromium", .serialized)
struct StudioBrowserTests {
    /// A running `stipple serve --port 0` and the address it printed.
    final class Server {
        let process = Process()
        let address: String

        init() throws {
            let executable = try #require(CLIRunner.executable, "stipple was not built beside the tests")
            process.executableURL = executable
            process.arguments = ["serve", "Data/plans/norwood-v-three-sessions.yaml", "--port", "0"]
            process.currentDirectoryURL = CLIRunner.repository
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line is the address; EOF first means the server failed to start.
            var line = Data()
            while true {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line += byte
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "http://127.0.0.1:") else {
                process.terminate()
                throw DevToolsBrowser.Failure(description: "stipple serve did not print its address (got '\(text)')")
            }
            address = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
        }
    }

    /// Resolves once the picture shown is loaded and the page is idle; returns what is shown.
    static let settled = """
        new Promise(function(resolve){
          function check(){
            var img=document.getElementById("picture"), body=document.body;
            if(img.getAttribute("data-id")&&img.complete&&img.naturalWidth>0&&body.getAttribute("data-state")==="ready"){
              var cell=document.querySelector('#figures-table tr[data-key="density_per_cm2"] td:last-child');
              var total=document.querySelector('#figures-table tr[data-key="total_impressions"] td:last-child');
              resolve(JSON.stringify({id:img.getAttribute("data-id"),density:cell?cell.textContent:"",total:total?total.textContent:"",
                label:document.getElementById("step-label").textContent,width:img.naturalWidth,
                findings:document.querySelectorAll("#findings li").length}));
            } else requestAnimationFrame(check);
          }
          check();
        })
        """

    struct Shown: Decodable, Equatable {
        var id: String
        var density: String
        var total: String
        var label: String
        var width: Int
        var findings: Int
    }

    static func shown(_ b: DevToolsBrowser) throws -> Shown {
        let json = try #require(try b.awaitPromise(settled) as? String)
        return try JSONDecoder().decode(Shown.self, from: Data(json.utf8))
    }

    static func number(_ text: String) -> Double { Double(text.filter { $0.isNumber || $0 == "." }) ?? .nan }

    @Test("Moving the density slider brings a new picture and new figures; keys step; presenter fills the screen",
          .enabled(if: BrowserTests.chromium != nil, ProjectorBrowserTests.skipReason))
    func moveAControl() throws {
        let server = try Server()
        try SharedBrowser.withPage(width: 1280, height: 800) { b in
            try b.open(server.address)
            let before = try Self.shown(b)
            #expect(before.id.hasSuffix("/macro/0"))
            #expect(before.width > 400)
            #expect(Self.number(before.total) > 1000)

            // A click three quarters along the target-density slider (20…220/cm²): about 170/cm²,
            // well above the demo's 110.
            let box = try #require(try b.evaluate("""
                (function(){var e=document.querySelector('[data-field="design.target_density_per_cm2"]');e.scrollIntoView({block:"center"});
                var r=e.getBoundingClientRect();return [r.left+r.width*0.75,r.top+r.height/2];})()
                """) as? [NSNumber])
            try b.click(x: box[0].doubleValue, y: box[1].doubleValue)
            let after = try Self.shown(b)
            #expect(after.id != before.id, "the picture did not change")
            #expect(Self.number(after.density) > Self.number(before.density) * 1.2, "density \(before.density) → \(after.density)")
            #expect(Self.number(after.total) > Self.number(before.total))

            // ←/→ step through the sessions (focus on the page, not on the slider).
            _ = try b.evaluate("document.activeElement&&document.activeElement.blur()")
            try b.press(.arrowRight)
            let stepped = try Self.shown(b)
            #expect(stepped.id.hasSuffix("/macro/1"))
            #expect(stepped.label != after.label)

            try b.click("#presenter")
            #expect(try b.bool("document.body.classList.contains('presenter')"))
            let pictureArea = try b.number("(function(){var r=document.getElementById('picture').getBoundingClientRect();return r.width*r.height;})()")
            #expect(pictureArea > 0.6 * 1280 * 800, "the picture takes \(pictureArea) px² in presenter mode")
            try b.press(.arrowRight)
            #expect(try Self.shown(b).id.hasSuffix("/macro/2"))
            try b.press(.escape)
            // Esc may first end the browser's full screen, whose event then leaves presenter mode.
            let left = try b.awaitPromise("""
                new Promise(function(resolve){(function check(){if(!document.body.classList.contains('presenter'))resolve(true);else requestAnimationFrame(check);})();})
                """) as? Bool
            #expect(left == true)
            #expect(b.scriptErrors.isEmpty, "\(b.scriptErrors)")
        }
    }
}
