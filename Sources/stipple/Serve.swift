import ArgumentParser
import Foundation
import Plans
import Studio

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the live studio: a local page where moving a control re-simulates the plan and redraws its pictures.",
        discussion: """
            Opens PLAN first (any plan file; the page can also open the shipped plans and templates
            by name). Binds 127.0.0.1 unless --host says otherwise; answers only requests addressed
            to that host or localhost. Stop with Ctrl-C. See docs/studio.md.
            """)

    @Argument(help: "Plan file to open first (YAML or JSON); default: the trainer's demo.")
    var plan: String?

    @Option(name: .long, help: "Port to listen on (0: any free port; the address is printed).")
    var port: Int = 8080

    @Option(name: .long, help: "Address to bind. Anything but a loopback address exposes the studio to the network.")
    var host: String = "127.0.0.1"

    @OptionGroup var shared: DataOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:".contains($0) }) else {
            throw ValidationError("--host must be a host name or an IP address, got '\(host)'")
        }
    }

    func run() async throws {
        try await reportingErrorsAsync {
            let data = try shared.library()
            var opened: (name: String, text: String)?
            if let plan {
                let url = URL(fileURLWithPath: plan)
                // Read and checked here so a bad file fails now, with the CLI's message (names
                // resolved in --data's folder, as the studio's engine resolves them).
                _ = try PlanReader(vocabulary: PlanVocabulary(data: data)).read(contentsOf: url)
                let text = try String(contentsOf: url, encoding: .utf8)
                opened = (url.deletingPathExtension().lastPathComponent, text)
            }
            let server = try StudioServer(configuration: .init(host: host, port: port), data: data, opened: opened)
            if !server.configuration.isLoopback {
                note("stipple: warning: --host \(host) makes the studio reachable from the network; it has no login. Use it only on a network you trust.")
            }
            try await server.run { address in
                // Written unbuffered: a script or test reading the address from a pipe gets it now.
                FileHandle.standardOutput.write(Data("Stipple studio: \(address) (Ctrl-C to stop)\n".utf8))
            }
        }
    }
}
