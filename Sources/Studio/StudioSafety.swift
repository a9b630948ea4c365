import Foundation
import HTTPTypes
import Hummingbird
import Support

/// The rules every studio response follows, whatever the route (docs/studio.md "Safety"):
///
/// - **Host check** (DNS rebinding): a page on another site whose name resolves to 127.0.0.1
///   sends its own name as `Host`; only the bound address, `localhost` and the loopback
///   addresses are answered (421 otherwise). Every `Host` the request carries is checked.
/// - **Headers**: a Content-Security-Policy that allows only this server's own script, style,
///   pictures and API (no inline script, no third party, no framing), `nosniff`, no referrer,
///   and no caching of API answers.
/// - **Errors** as `{"error": "…"}` JSON, never a stack or a path of this machine.
struct StudioSafety<Context: RequestContext>: RouterMiddleware {
    let allowedHosts: Set<String>

    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    /// Hosts answered when bound to `host`: it, and the loopback names.
    static func allowedHosts(boundTo host: String) -> Set<String> {
        Set(["localhost", "127.0.0.1", "::1", host.lowercased()])
    }

    /// The host name of a `Host` value (`name`, `name:port`, `[v6]:port`), lower-cased.
    static func hostName(_ value: String) -> String {
        let v = value.trimmingCharacters(in: .whitespaces).lowercased()
        if v.hasPrefix("["), let close = v.firstIndex(of: "]") {
            return String(v[v.index(after: v.startIndex)..<close])
        }
        if let colon = v.lastIndex(of: ":"), v.firstIndex(of: ":") == colon { return String(v[..<colon]) }
        return v
    }

    func allows(_ request: Request) -> Bool {
        var values: [String] = request.head.authority.map { [$0] } ?? []
        values += request.headers[values: HTTPField.Name("Host")!]
        // HTTP/1.1 requires a Host; a request without one is refused too.
        return !values.isEmpty && values.allSatisfy { allowedHosts.contains(Self.hostName($0)) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if !allows(request) {
            response = StudioResponses.error(.misdirectedRequest,
                                             "this studio answers only requests addressed to \(allowedHosts.sorted().joined(separator: ", ")) (Host header refused)")
        } else {
            do {
                response = try await next(request, context)
            } catch let refusal as StudioRefusal {
                response = refusal.response
            } catch let refusal as LiveQueue.Refusal {
                response = refusal == .busy
                    ? StudioResponses.error(.serviceUnavailable, "the studio is busy; try again")
                    : StudioResponses.error(.conflict, "superseded by a newer change")
            } catch let error as HTTPResponseError {
                let message = error.status == .contentTooLarge
                    ? "request body over \(StudioAPI.maximumBodyBytes) bytes" : (error.status.reasonPhrase.lowercased())
                response = StudioResponses.error(error.status, message)
            } catch {
                response = StudioResponses.error(.internalServerError, "internal error")
            }
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if request.uri.path.hasPrefix("/api/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Building JSON and byte responses.
enum StudioResponses {
    static func jsonBytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        guard let bytes = try? StippleJSON.bytes(value, .compact) else { return error(.internalServerError, "cannot encode the answer") }
        return jsonBytes(bytes, status: status)
    }

    /// `{"error": message}` (and the field, when a plan field is to blame).
    static func error(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, line: Int? = nil) -> Response {
        struct Body: Encodable { let error: String; let field: String?; let line: Int? }
        let bytes = (try? StippleJSON.bytes(Body(error: message, field: field, line: line), .compact)) ?? Array(#"{"error":"error"}"#.utf8)
        return jsonBytes(bytes, status: status)
    }

    static func bytes(_ bytes: [UInt8], type: String, cache: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type]
        if cache { headers[.cacheControl] = "private, max-age=3600" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
