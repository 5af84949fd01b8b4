import Foundation
import FrontlineCore
import FrontlineStore
public import NIOHTTP1

/// Maps requests to responses. Table-driven: each route is a method, a path pattern and a handler
/// reading the read model; no request path ever reaches the filesystem except as a validated
/// article id.
public struct APIRouter: Sendable {
    public struct Request: Sendable {
        public var method: HTTPMethod
        public var path: [String]
        public var query: [String: String]
        public var headers: HTTPHeaders
        public var body: [UInt8] = []
        /// The peer's uid (`SO_PEERCRED`), when the server could read it.
        public var peerUID: UInt32?
    }

    typealias Handler = @Sendable (Request, [String: String]) async throws -> APIResponse

    struct Route {
        var method: HTTPMethod
        var pattern: [String]
        var handler: Handler
    }

    let context: APIContext
    private var routes: [Route] = []

    /// Every route as "METHOD /path/{param}", for the OpenAPI check.
    public var routeList: [String] {
        self.routes.map { route in
            "\(route.method) /" + route.pattern.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
        }
    }

    public init(context: APIContext) {
        self.context = context
        self.routes = [
            Route(method: .GET, pattern: ["v1", "status"], handler: { _, _ in try context.status() }),
            Route(method: .GET, pattern: ["v1", "claims"], handler: { request, _ in try context.claims(request.query) }),
            Route(method: .GET, pattern: ["v1", "claims", ":id"], handler: { _, p in try context.claim(p["id"]!) }),
            Route(method: .POST, pattern: ["v1", "claims", ":id", "corrections"], handler: { request, p in try await context.correct(p["id"]!, request) }),
            Route(method: .GET, pattern: ["v1", "alerts"], handler: { request, _ in try context.alerts(request.query) }),
            Route(method: .GET, pattern: ["v1", "alerts", "stream"], handler: { request, _ in try context.stream(request) }),
            Route(method: .GET, pattern: ["v1", "map"], handler: { request, _ in try context.map(request.query) }),
            Route(method: .GET, pattern: ["v1", "claims.geojson"], handler: { request, _ in try context.geojson(request.query) }),
            Route(method: .GET, pattern: ["v1", "articles"], handler: { request, _ in try context.articles(request.query) }),
            Route(method: .POST, pattern: ["v1", "articles"], handler: { request, _ in try await context.postArticle(request) }),
            Route(method: .GET, pattern: ["v1", "articles", ":id"], handler: { _, p in try context.article(p["id"]!) }),
            Route(method: .GET, pattern: ["v1", "articles", ":id", "text"], handler: { _, p in try context.articleText(p["id"]!) }),
            Route(method: .GET, pattern: ["v1", "places", ":place", "timeline"], handler: { _, p in try context.timeline(p["place"]!) }),
            Route(method: .GET, pattern: ["v1", "log"], handler: { request, _ in try context.logRecords(request.query) }),
            Route(method: .GET, pattern: ["metrics"], handler: { _, _ in try context.prometheus() }),
        ]
    }

    public static func parse(method: HTTPMethod, uri: String, headers: HTTPHeaders) -> Request? {
        guard let components = URLComponents(string: "http://localhost" + uri) else { return nil }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let path = components.path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        return Request(method: method, path: path, query: query, headers: headers)
    }

    public func respond(to request: Request) async -> APIResponse {
        var pathMatched = false
        for route in self.routes where route.pattern.count == request.path.count {
            var parameters: [String: String] = [:]
            var matched = true
            for (pattern, component) in zip(route.pattern, request.path) {
                if pattern.hasPrefix(":") {
                    parameters[String(pattern.dropFirst())] = component
                } else if pattern != component {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            pathMatched = true
            guard route.method == request.method else { continue }
            do {
                return try await route.handler(request, parameters)
            } catch let error as APIError {
                return .error(error.status, code: error.code, message: error.message)
            } catch {
                return .error(.internalServerError, code: "internal", message: "\(error)")
            }
        }
        if pathMatched {
            return .error(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method) is not allowed on /\(request.path.joined(separator: "/"))")
        }
        return .error(.notFound, code: "not_found", message: "no such endpoint: /\(request.path.joined(separator: "/"))")
    }
}

/// An error a handler maps to an HTTP status.
public struct APIError: Error, Sendable {
    public var status: HTTPResponseStatus
    public var code: String
    public var message: String

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }

    public init(status: HTTPResponseStatus, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}
