import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Plans
import StippleTestSupport
import Studio
import Testing

/// The studio's API through HummingbirdTesting (no port bound): what a page and a script get,
/// and what a hostile page or a careless script cannot get.
@Suite("stipple serve: the API")
struct StudioAPITests {
    static let demo = "norwood-v-three-sessions"

    static func server(opened: (name: String, text: String)? = nil) throws -> StudioServer {
        try StudioServer(configuration: .init(workers: 2, queueLimit: 8, cachedResults: 4), data: DataLibrary(root: Repository.data), opened: opened)
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func demoJSON(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/api/plans/\(demo)", method: .get) { Self.text($0) }
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("GET /api/plans lists the shipped plans and the templates by name, nothing else")
    func listsPlans() async throws {
        try await Self.server().application().test(.router) { client in
            let response = try await client.execute(uri: "/api/plans", method: .get)
            #expect(response.status == .ok)
            let plans = try #require(try Self.json(response)["plans"] as? [[String: Any]])
            let names = plans.compactMap { $0["name"] as? String }
            #expect(names.contains(Self.demo))
            #expect(names.contains("template-too-deep"))
            #expect(names.allSatisfy { !$0.contains("/") && !$0.contains(".") })
        }
    }

    @Test("GET /api/plans/{name} gives the plan as JSON that reads as the shipped file's plan")
    func planAsJSON() async throws {
        try await Self.server().application().test(.router) { client in
            let json = try await Self.demoJSON(client)
            let fromJSON = try PlanReader().parse(json, file: "json", defaultName: Self.demo)
            let fromFile = try PlanReader().read(contentsOf: Repository.data.appendingPathComponent("plans/\(Self.demo).yaml"))
            #expect(fromJSON == fromFile)
            #expect(json.hasPrefix("{"))
        }
    }

    @Test("Unknown plan names and path traversal get 404 with a JSON error, never a file",
          arguments: ["/api/plans/no-such-plan", "/api/plans/..%2F..%2FPackage.swift", "/api/plans/%2Fetc%2Fpasswd",
                      "/api/plans/../../Package.swift", "/assets/..%2F..%2F..%2FPackage.swift", "/assets/../../Package.swift",
                      "/assets/%2e%2e%2fStudioServer.swift", "/assets/index.html", "/api/results/0000000000000000/macro/0.png",
                      "/api/results/x/../../Package.swift"])
    func unknownNames(uri: String) async throws {
        try await Self.server().application().test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound, "\(uri)")
            #expect(Self.text(response).contains("\"error\""), "\(uri)")
            #expect(!Self.text(response).contains("PackageDescription"), "\(uri)")
            #expect(!Self.text(response).contains("root:"), "\(uri)")
        }
    }

    @Test("POST /api/simulate: per-session figures, the review and picture links; a picture is a PNG")
    func simulates() async throws {
        try await Self.server().application().test(.router) { client in
            let json = try await Self.demoJSON(client)
            let response = try await Self.post(client, "/api/simulate", json)
            #expect(response.status == .ok)
            let body = try Self.json(response)
            let sessions = try #require(body["sessions"] as? [[String: Any]])
            #expect(sessions.count == 3)
            let totals = sessions.compactMap { $0["total_impressions"] as? Int }
            #expect(totals.count == 3 && totals[0] > 0 && totals[0] < totals[1] && totals[1] < totals[2])
            let densities = sessions.compactMap { (($0["all"] as? [String: Any])?["impressions_per_cm2"] as? NSNumber)?.doubleValue }
            #expect(densities.count == 3 && densities[2] > densities[0])
            let review = try #require(body["review"] as? [String: Any])
            #expect(review["findings"] is [Any])
            let pictures = try #require(body["pictures"] as? [String: [String]])
            let steps = try #require(body["steps"] as? [Any])
            #expect(pictures["macro"]?.count == steps.count)
            #expect(steps.count == 3 + 5)  // three sessions, five follow-ups
            let link = try #require(pictures["close-up"]?.last)
            let png = try await client.execute(uri: link, method: .get)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }

    @Test("The same plan again is not simulated again: same id, same figures")
    func cachedResult() async throws {
        try await Self.server().application().test(.router) { client in
            let json = try await Self.demoJSON(client)
            let a = try Self.json(try await Self.post(client, "/api/simulate", json))
            // Same values, other spacing and key order: the same plan.
            let reordered = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(json.utf8)), options: [.sortedKeys])
            let b = try Self.json(try await Self.post(client, "/api/simulate", String(decoding: reordered, as: UTF8.self)))
            #expect(a["id"] as? String == b["id"] as? String)
            #expect((a["sessions"] as? [[String: Any]])?.map { $0["total_impressions"] as? Int } == (b["sessions"] as? [[String: Any]])?.map { $0["total_impressions"] as? Int })
        }
    }

    @Test("Malformed JSON gets 400 with the plan reader's message naming the request")
    func malformedJSON() async throws {
        try await Self.server().application().test(.router) { client in
            for body in [#"{"client": {"norwood": "V"}, "design": "#, "", "not json at all", #"[1, 2, 3]"#, "{\u{0}}"] {
                let response = try await Self.post(client, "/api/simulate", body)
                #expect(response.status == .badRequest, "\(body)")
                let error = try #require(try Self.json(response)["error"] as? String)
                #expect(error.hasPrefix("request"), "\(error)")
            }
        }
    }

    @Test("Out-of-range values get 400 with the field and the same message `stipple validate` prints")
    func outOfRange() async throws {
        try await Self.server().application().test(.router) { client in
            let json = try await Self.demoJSON(client)
            for (from, to, field) in [("\"depth_mm\": 0.6,", "\"depth_mm\": 9,", "sessions[0].depth_mm"),
                                      ("\"target_density_per_cm2\": 110", "\"target_density_per_cm2\": -5", "design.target_density_per_cm2"),
                                      ("\"skin\": \"monk-4\"", "\"skin\": \"monk-99\"", "client.skin")] {
                #expect(json.contains(from), "\(from)")
                let bad = json.replacingOccurrences(of: from, with: to)
                let response = try await Self.post(client, "/api/simulate", bad)
                #expect(response.status == .badRequest)
                let body = try Self.json(response)
                let error = try #require(body["error"] as? String)
                #expect(error.contains("field '\(field)'"), "\(error)")
                // The CLI's own check of the same text, with the same name for the file (skin
                // names too: the reader resolves them).
                #expect(throws: PlanError.self) { _ = try PlanReader().parse(bad, file: "request") }
                do { _ = try PlanReader().parse(bad, file: "request") } catch let error as PlanError { #expect(error.description == body["error"] as? String) }
                #expect(body["field"] as? String == field)
            }
        }
    }

    @Test("GET /api/choices: the sliders' limits and the defaults are the plan reader's declaration (PlanLimits, PlanDefaults)")
    func choicesCarryTheReadersLimits() async throws {
        let limits = try PlanReader().limits()
        try await Self.server().application().test(.router) { client in
            let body = try Self.json(try await client.execute(uri: "/api/choices", method: .get))
            let sent = try #require(body["limits"] as? [String: [String: Any]])
            #expect(Set(sent.keys) == Set(limits.sessionFields.keys))
            for (key, range) in limits.sessionFields {
                let limit = try #require(sent[key], "\(key)")
                #expect((limit["min"] as? NSNumber)?.doubleValue == range.lower, "\(key)")
                #expect((limit["max"] as? NSNumber)?.doubleValue == range.upper, "\(key)")
                #expect((limit["min_exclusive"] as? Bool) == range.lowerIsOpen, "\(key)")
            }
            let defaults = try #require(body["defaults"] as? [String: Any])
            #expect(defaults["skin"] as? String == PlanDefaults.skin && defaults["pigment"] as? String == PlanDefaults.pigment)
            #expect((defaults["dilution"] as? NSNumber)?.doubleValue == PlanDefaults.dilution)
            // Just past the declared depth the studio refuses with the declaration's words.
            let json = try await Self.demoJSON(client)
            let bad = json.replacingOccurrences(of: "\"depth_mm\": 0.6,", with: "\"depth_mm\": \(limits.depthMM.upper + 0.01),")
            let response = try await Self.post(client, "/api/simulate", bad)
            #expect(response.status == .badRequest)
            let error = try #require(try Self.json(response)["error"] as? String)
            #expect(error.contains("expected a number \(limits.depthMM.expectation)"), "\(error)")
        }
    }

    @Test("A body over 1 MiB gets 413 and is not parsed")
    func oversizeBody() async throws {
        try await Self.server().application().test(.router) { client in
            let huge = "{\"name\": \"" + String(repeating: "x", count: PlanReader.maximumFileBytes) + "\"}"
            for uri in ["/api/simulate", "/api/plan.yaml"] {
                let response = try await Self.post(client, uri, huge)
                #expect(response.status == .contentTooLarge)
                #expect(try Self.json(response)["error"] is String)
            }
        }
    }

    @Test("A request addressed to another host (DNS rebinding) is refused with 421")
    func wrongHost() async throws {
        try await Self.server().application().test(.router) { client in
            for host in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:8080"] {
                let response = try await client.execute(uri: "/api/plans", method: .get, headers: [HTTPField.Name("Host")!: host])
                #expect(response.status == .misdirectedRequest, "\(host)")
                #expect(!Self.text(response).contains(Self.demo))
            }
            for host in ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"] {
                let response = try await client.execute(uri: "/api/plans", method: .get, headers: [HTTPField.Name("Host")!: host])
                #expect(response.status == .ok, "\(host)")
            }
        }
    }

    @Test("Every answer carries the Content-Security-Policy; the page loads no inline or third-party script")
    func contentSecurityPolicy() async throws {
        try await Self.server().application().test(.router) { client in
            for uri in ["/", "/assets/studio.js", "/assets/studio.css", "/api/plans", "/api/plans/nope"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            let page = Self.text(try await client.execute(uri: "/", method: .get))
            #expect(page.contains("<script src=\"/assets/studio.js\""))
            #expect(page.components(separatedBy: "<script").count == 2)  // one script tag, with src
            for uri in ["/", "/assets/studio.js", "/assets/studio.css"] {
                let text = Self.text(try await client.execute(uri: uri, method: .get))
                #expect(!text.contains("http://") && !text.contains("https://"), "\(uri) refers to another site")
            }
            let script = Self.text(try await client.execute(uri: "/assets/studio.js", method: .get))
            #expect(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML") && !script.contains("eval("))
        }
    }

    @Test("A plan's name is escaped where the server writes it into the page")
    func escapesOpenedName() async throws {
        let text = try String(contentsOf: Repository.data.appendingPathComponent("plans/\(Self.demo).yaml"), encoding: .utf8)
        try await Self.server(opened: (name: "<script>&\"'x", text: text)).application().test(.router) { client in
            let page = Self.text(try await client.execute(uri: "/", method: .get))
            #expect(!page.contains("<script>&"))
            #expect(page.contains("content=\"&lt;script&gt;&amp;&quot;&#39;x\""))
        }
    }

    @Test("POST /api/plan.yaml turns a JSON plan into YAML that reads as the same plan; invalid plans get 400")
    func planYAML() async throws {
        try await Self.server().application().test(.router) { client in
            let json = try await Self.demoJSON(client)
            let response = try await Self.post(client, "/api/plan.yaml", json)
            #expect(response.status == .ok)
            let yaml = Self.text(response)
            #expect(!yaml.contains("{\"client\""))
            let fromYAML = try PlanReader().parse(yaml, file: "yaml", defaultName: "x")
            let fromJSON = try PlanReader().parse(json, file: "json", defaultName: "x")
            #expect(fromYAML == fromJSON)
            let bad = try await Self.post(client, "/api/plan.yaml", json.replacingOccurrences(of: "\"needle_mm\": 0.25", with: "\"needle_mm\": \"thick\""))
            #expect(bad.status == .badRequest)
            #expect((try Self.json(bad)["error"] as? String)?.contains("sessions[0].needle_mm") == true)
        }
    }
}
