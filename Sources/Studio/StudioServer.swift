import Figures
import Foundation
import Hummingbird
import Logging
import NIOCore
import Plans
import Simulation

/// `stipple serve`: a local HTTP server with one page where a trainer moves a control and the
/// class sees the scalp change (docs/studio.md).
///
/// The server holds no simulation logic of its own: plans are read by `Plans`, simulated by
/// `Simulation`, drawn by `Figures` (one picture per request, `PlanPictures`). It binds
/// 127.0.0.1 unless told otherwise and answers only requests addressed to it (`StudioSafety`).
public struct StudioServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// Simulations and pictures running at once (the machine's cores by default).
        public var workers: Int
        /// Jobs waiting beyond those; more get 503.
        public var queueLimit: Int
        /// Simulated plans kept with their pictures.
        public var cachedResults: Int

        public init(host: String = "127.0.0.1", port: Int = 8080, workers: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)),
                    queueLimit: Int = 8, cachedResults: Int = 8) {
            self.host = host
            self.port = port
            self.workers = workers
            self.queueLimit = queueLimit
            self.cachedResults = cachedResults
        }

        /// Whether `host` is a loopback address (anything else reaches the network: the CLI warns).
        public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host.lowercased()) || host.hasPrefix("127.") }
    }

    public let configuration: Configuration
    public let catalog: PlanCatalog
    let engine: SimulationEngine
    let assets: StudioAssets

    /// `opened`: the plan file named on the command line (read and validated by the caller),
    /// offered first under its file name.
    public init(configuration: Configuration, data: DataLibrary, opened: (name: String, text: String)? = nil) throws {
        self.configuration = configuration
        var engine = try SimulationEngine(data: data)
        // Live runs date the touch-up with one seed (not `TouchUpSeeds.count`): a simulation
        // per change must stay well under the 150 ms a trainer notices.
        engine.touchUpSeedCount = 1
        self.engine = engine
        catalog = PlanCatalog(data: data, opened: opened)
        assets = try StudioAssets.load()
    }

    /// The router: the page, its files and the API, behind the safety rules.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(StudioSafety(allowedHosts: StudioSafety<BasicRequestContext>.allowedHosts(boundTo: configuration.host)))
        let api = StudioAPI(engine: engine, catalog: catalog,
                            queue: LiveQueue(workers: configuration.workers, queueLimit: configuration.queueLimit),
                            cache: ResultCache(capacity: configuration.cachedResults))
        api.addRoutes(to: router)
        let assets = self.assets
        let first = catalog.entries.first?.name ?? ""
        router.get("/") { _, _ in
            guard let page = assets.files["index.html"] else { return StudioResponses.error(.notFound, "no page") }
            // The plan to open first rides in a meta tag (no inline script under the CSP).
            // The page is a template shipped with Stipple; the plan's name goes in as escaped text.
            let html = HTML(trusted: String(decoding: page.bytes, as: UTF8.self)).filling("{{FIRST_PLAN}}", with: HTML(text: first))
            return StudioResponses.bytes(html.bytes, type: page.contentType)
        }
        router.get("/assets/:file") { _, context in
            let name = try context.parameters.require("file")
            guard name != "index.html", let asset = assets.files[name] else {
                return StudioResponses.error(.notFound, "no such file")
            }
            return StudioResponses.bytes(asset.bytes, type: asset.contentType)
        }
        return router
    }

    /// The application, for `run` and for tests (`app.test(.router)`).
    public func application(onRunning: @escaping @Sendable (_ address: String) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "stipple.studio")
        logger.logLevel = .error
        let host = configuration.host
        return Application(router: router(), configuration: .init(address: .hostname(host, port: configuration.port)),
                           onServerRunning: { channel in
                               let port = channel.localAddress?.port ?? 0
                               let shown = host.contains(":") ? "[\(host)]" : host
                               await onRunning("http://\(shown):\(port)/")
                           }, logger: logger)
    }

    /// Serves until the process is interrupted (SIGINT/SIGTERM end it gracefully).
    public func run(onRunning: @escaping @Sendable (_ address: String) async -> Void) async throws {
        try await application(onRunning: onRunning).runService()
    }
}
