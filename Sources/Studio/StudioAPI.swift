import Figures
import Foundation
import HTTPTypes
import Hummingbird
import Impressions
import Plans
import ScalpModel
import Simulation

/// The studio's JSON API (docs/studio.md "API"): the routes a page uses and scripts may call.
///
/// - `GET /api/plans`: the plans a page may open, by name.
/// - `GET /api/choices`: the names a plan's fields accept (skins, pigments, hair colours, stages…).
/// - `GET /api/plans/{name}`: one of them as JSON (the plan file's own fields and key order).
/// - `POST /api/simulate`: a plan as JSON (the YAML schema) → figures, findings, picture links.
/// - `GET /api/results/{id}/{view}/{step}.png`: one picture, drawn on first request.
/// - `POST /api/plan.yaml`: a plan as JSON → the same plan as YAML `stipple validate` accepts.
///
/// Plans are read by the CLI's `PlanReader` and simulated by the CLI's engine, so every limit
/// and every message is the CLI's: an invalid plan gets 400 with the message `stipple validate`
/// prints (the file named `request`).
struct StudioAPI: Sendable {
    /// Request bodies are plans: the plan reader's own file limit.
    static let maximumBodyBytes = PlanReader.maximumFileBytes
    /// The name plan errors give the request body (where the CLI names the file).
    static let requestFileName = "request"

    let engine: SimulationEngine
    let catalog: PlanCatalog
    let queue: LiveQueue
    let cache: ResultCache

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/api/plans") { _, _ in self.plans() }
        router.get("/api/choices") { _, _ in self.choices() }
        router.get("/api/plans/:name") { _, context in try self.plan(named: context.parameters.require("name")) }
        router.post("/api/simulate") { request, _ in try await self.simulate(request) }
        router.post("/api/plan.yaml") { request, _ in try await self.yaml(request) }
        router.get("/api/results/:id/:view/:file") { request, context in
            try await self.picture(id: context.parameters.require("id"), view: context.parameters.require("view"),
                                   file: context.parameters.require("file"), lane: Self.lane(request))
        }
    }

    func plans() -> Response {
        struct Listing: Encodable {
            struct Item: Encodable { let name: String; let kind: String; let summary: String }
            let plans: [Item]
        }
        return StudioResponses.json(Listing(plans: catalog.entries.map { .init(name: $0.name, kind: $0.kind.rawValue, summary: $0.summary) }))
    }

    func choices() -> Response {
        struct Choices: Encodable {
            let skins: [String]
            let pigments: [String]
            let hairColours: [String]
            let stages: [String: [String]]
            let hairlineShapes: [String]
            let groupings: [String]
            let placements: [String]
            let skinOiliness: [String]
            /// The plan's limits (`PlanLimits`, the same the reader checks), so the page's sliders
            /// cannot offer a value the reader refuses, and its defaults (`PlanDefaults`).
            let limits: [String: Limit]
            let defaults: Defaults
        }
        /// `min_exclusive` once snake-cased: the page steps inside an open lower bound.
        struct Limit: Encodable { let min: Double; let max: Double; let minExclusive: Bool }
        struct Defaults: Encodable { let skin: String; let pigment: String; let dilution: Double }
        let colours = engine.colourLibrary
        let limits = PlanLimits(colours.skins.basis.constants.limits)
        return StudioResponses.json(Choices(
            skins: colours.skins.names, pigments: colours.pigments.names, hairColours: colours.hair.names,
            stages: Dictionary(uniqueKeysWithValues: HairLossScale.allCases.map { ($0.rawValue, $0.stageNames) }),
            hairlineShapes: HairlineDesign.Shape.allCases.map(\.rawValue), groupings: NeedleGrouping.allCases.map(\.rawValue),
            placements: Plan.Placement.allCases.map(\.rawValue), skinOiliness: SkinOiliness.allCases.map(\.rawValue),
            limits: limits.sessionFields.mapValues { Limit(min: $0.lower, max: $0.upper, minExclusive: $0.lowerIsOpen) },
            defaults: Defaults(skin: PlanDefaults.skin, pigment: PlanDefaults.pigment, dilution: PlanDefaults.dilution)))
    }

    func plan(named name: String) -> Response {
        guard let entry = catalog.entry(named: name) else {
            return StudioResponses.error(.notFound, "no plan named '\(Self.clipped(name))'; GET /api/plans lists them")
        }
        do {
            let json = try PlanDocument.json(fromPlanText: entry.text, file: entry.name, defaultName: entry.name)
            return StudioResponses.jsonBytes(Array(json.utf8))
        } catch {
            return StudioResponses.error(.internalServerError, error.description)
        }
    }

    func simulate(_ request: Request) async throws -> Response {
        let plan = try await Self.readPlan(request, reader: engine.planReader)
        let id = ResultCache.id(of: plan)
        if let cached = await cache.result(id: id, plan: plan) {
            return StudioResponses.json(SimulationSummary(id: id, pictures: cached))
        }
        // `?view=…&step=…`: the picture on screen, drawn in the same job right after the
        // simulation (no second trip through the queue), so its GET is answered from the cache.
        let visible = request.uri.queryParameters.get("view").flatMap { PlanPictures.View(rawValue: String($0)) }
        let visibleStep = request.uri.queryParameters.get("step").flatMap { Int(String($0)) } ?? 0
        let engine = self.engine
        // A newer change from the same page stops this run at the engine's next interruption
        // point (between sessions and stages) or before its picture: 409, like a waiting one.
        let outcome: Result<(PlanPictures, [UInt8]?), SimulationError> = try await queue.run(lane: Self.lane(request).map { $0 + "/simulate" }) { flag in
            Result { () throws(SimulationError) -> (PlanPictures, [UInt8]?) in
                var engine = engine
                engine.cancellation = flag
                let pictures = PlanPictures(result: try engine.simulate(plan, source: Self.requestFileName))
                if flag.checkpoint() { throw .cancelled }
                return (pictures, try visible.flatMap { view throws(SimulationError) in try pictures.png(view, step: visibleStep) })
            }
        }
        switch outcome {
        case .success(let (pictures, png)):
            await cache.insert(id: id, plan: plan, pictures: pictures)
            if let png, let visible { await cache.remember(id: id, key: "\(visible.rawValue)/\(visibleStep)", png: png) }
            return StudioResponses.json(SimulationSummary(id: id, pictures: pictures))
        case .failure(.cancelled):
            throw LiveQueue.Refusal.superseded
        case .failure(let error):
            return StudioResponses.error(.badRequest, error.description)
        }
    }

    func yaml(_ request: Request) async throws -> Response {
        let text = try await Self.body(request)
        do {
            let yaml = try PlanDocument.yaml(fromPlanText: text, file: Self.requestFileName)
            return StudioResponses.bytes(Array(yaml.utf8), type: "application/yaml; charset=utf-8")
        } catch {
            throw StudioRefusal(error)
        }
    }

    func picture(id: String, view: String, file: String, lane: String?) async throws -> Response {
        guard let kind = PlanPictures.View(rawValue: view), file.hasSuffix(".png"),
              let step = Int(file.dropLast(4)), String(step) == file.dropLast(4) else {
            return StudioResponses.error(.notFound, "no such picture; the links come from POST /api/simulate")
        }
        guard let pictures = await cache.result(id: id) else {
            return StudioResponses.error(.notFound, "no result '\(Self.clipped(id))' (results are kept for the last few plans); simulate again")
        }
        let key = "\(view)/\(step)"
        if let png = await cache.picture(id: id, key: key) { return StudioResponses.bytes(png, type: "image/png", cache: true) }
        let drawn: Result<[UInt8]?, SimulationError> = try await queue.run(lane: lane.map { $0 + "/picture" }) { flag in
            Result { () throws(SimulationError) -> [UInt8]? in
                if flag.checkpoint() { throw .cancelled }
                return try pictures.png(kind, step: step)
            }
        }
        switch drawn {
        case .success(let png?):
            await cache.remember(id: id, key: key, png: png)
            return StudioResponses.bytes(png, type: "image/png", cache: true)
        case .success(nil):
            return StudioResponses.error(.notFound, "no step \(step) or view '\(view)' in this result")
        case .failure(.cancelled):
            throw LiveQueue.Refusal.superseded
        case .failure(let error):
            return StudioResponses.error(.internalServerError, error.description)
        }
    }

    // MARK: Reading requests

    /// The page's lane (`X-Studio-Lane`): a newer job of the same lane replaces a waiting one.
    static func lane(_ request: Request) -> String? {
        guard let value = request.headers[HTTPField.Name("X-Studio-Lane")!], !value.isEmpty, value.count <= 64 else { return nil }
        return value
    }

    /// The body as UTF-8 text, at most `maximumBodyBytes` (413 beyond; checked on the declared
    /// length first, then while reading, for a body without one).
    static func body(_ request: Request) async throws -> String {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBodyBytes {
            throw StudioRefusal(.contentTooLarge, "request body is \(length) bytes; the limit is \(maximumBodyBytes)")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maximumBodyBytes) } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw StudioRefusal(.contentTooLarge, "request body over \(maximumBodyBytes) bytes")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw StudioRefusal(.badRequest, "\(requestFileName): expected UTF-8 text (a plan as JSON)")
        }
        return text
    }

    /// The body as a JSON plan, validated by the plan reader (400 with its message).
    static func readPlan(_ request: Request, reader: PlanReader) async throws -> Plan {
        let text = try await body(request)
        // The API takes JSON: a body that is YAML but not JSON is refused with a clear word,
        // so a script does not rely on a leniency the docs do not promise.
        guard text.drop(while: { $0.isWhitespace }).first == "{" else {
            throw StudioRefusal(.badRequest, "\(requestFileName): expected a plan as a JSON object ({\"client\": …, \"design\": …, \"sessions\": […]})")
        }
        do {
            return try reader.parse(text, file: requestFileName)
        } catch {
            throw StudioRefusal(error)
        }
    }

    /// A client-sent name, shortened for an error message (the page escapes it when shown).
    static func clipped(_ s: String) -> String { s.count <= 80 ? s : String(s.prefix(80)) + "…" }
}

/// A request the API refuses, with the status and the message its `{"error": …}` carries.
struct StudioRefusal: Error {
    let status: HTTPResponse.Status
    let message: String
    var field: String? = nil
    var line: Int? = nil

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// An invalid plan: 400 with the plan reader's message, field and line.
    init(_ error: PlanError) {
        status = .badRequest
        message = error.description
        field = error.field.isEmpty ? nil : error.field
        line = error.line
    }

    var response: Response { StudioResponses.error(status, message, field: field, line: line) }
}
