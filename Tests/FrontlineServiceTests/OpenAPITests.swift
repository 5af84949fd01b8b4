import Foundation
import FrontlineService
import FrontlineStore
import Logging
import SystemPackage
import Testing
import Yams

/// docs/openapi.yaml describes exactly the routes the server has: the same methods and paths, and
/// every path parameter declared.
@Suite struct OpenAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A router over a real (empty) state directory.
    static func router() throws -> APIRouter {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let (log, _, _) = try EventLog.open(directory: FilePath(state.path).appending("log"))
        let context = APIContext(
            projection: try Projection(path: state.appendingPathComponent("index.sqlite").path), log: log,
            texts: try ArticleTextStore(directory: FilePath(state.path).appending("articles")),
            hub: AlertHub(journal: nil, logger: Logger(label: "test")), settings: LiveSettings(
                configuration: DaemonConfiguration(),
                lexicon: try LexiconLoader.load(directory: Self.root.appendingPathComponent("Config/lexicon").path)),
            metrics: DaemonMetrics(), startedAt: Date())
        return APIRouter(context: context)
    }

    @Test func theDocumentMatchesTheRoutes() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] {
                documented.insert("\(method.uppercased()) \(path)")
                let declared = Set(((operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                    .compactMap { $0["name"] as? String })
                let inPath = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(declared == inPath, "\(method) \(path): path parameters \(declared) vs \(inPath)")
            }
        }
        let served = Set(try Self.router().routeList)
        #expect(documented == served, "documented only: \(documented.subtracting(served)); served only: \(served.subtracting(documented))")
    }
}
