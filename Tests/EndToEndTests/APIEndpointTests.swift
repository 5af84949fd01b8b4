import Foundation
import FrontlineCore
import FrontlineService
import Testing

/// Every endpoint of INTERFACE.md through the real socket with the real `curl --unix-socket`, the
/// errors it answers with, and the server still healthy after malformed and oversized requests.
@Suite(.serialized) struct APIEndpointTests {
    struct Answer {
        var status: Int
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(self.body.utf8)) }
        var object: [String: Any] { self.json as? [String: Any] ?? [:] }
    }

    /// `curl --unix-socket` as this user (or another through setpriv).
    static func curl(_ daemon: DaemonProcess, _ target: String, method: String = "GET", data: String? = nil, asUID uid: UInt32? = nil) throws -> Answer {
        var arguments = ["-sS", "--unix-socket", daemon.socket, "-X", method, "-w", "\n%{http_code}", "http://localhost" + target]
        if let data { arguments += ["--data-binary", data] }
        var executable = "/usr/bin/curl"
        if let uid {
            arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--", executable] + arguments
            executable = "/usr/bin/setpriv"
        }
        let (status, output) = try runCommand(executable, arguments, includeStandardError: false)
        #expect(status == 0, "curl \(target): exit \(status)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return Answer(status: Int(lines.last ?? "") ?? -1, body: lines.dropLast().joined(separator: "\n"))
    }

    static func withSeeds(_ overrides: [String: String] = [:], _ body: (DaemonProcess) throws -> Void) throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.configure(overrides)
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        try body(daemon)
    }

    @Test func queryEndpoints() throws {
        try Self.withSeeds { daemon in
            let status = try Self.curl(daemon, "/v1/status")
            #expect(status.status == 200)
            #expect((status.object["counters"] as? [String: Any])?["articles_accepted"] as? Int == 5)

            // Claims: filters by alias and by another spelling, kinds, pages.
            let all = try Self.curl(daemon, "/v1/claims").object["claims"] as? [[String: Any]] ?? []
            #expect(all.count == 4)
            let byAlias = try Self.curl(daemon, "/v1/claims?actor=PMF").object["claims"] as? [[String: Any]] ?? []
            #expect(!byAlias.isEmpty && byAlias.allSatisfy { ($0["claimant"] as? [String: Any])?["id"] as? String == "pmf" })
            let bySpelling = try Self.curl(daemon, "/v1/claims?place=Kocho").object["claims"] as? [[String: Any]] ?? []
            #expect(bySpelling.count == 1, "Kocho is the gazetteer's other spelling of Kojo")
            let offensives = try Self.curl(daemon, "/v1/claims?kind=offensive").object["claims"] as? [[String: Any]] ?? []
            #expect(offensives.count == 2)
            let first = try Self.curl(daemon, "/v1/claims?limit=3").object
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try Self.curl(daemon, "/v1/claims?limit=3&cursor=\(cursor)").object
            #expect((second["claims"] as? [Any])?.count == 1)
            #expect(second["next_cursor"] is NSNull)
            #expect(try Self.curl(daemon, "/v1/claims?kind=conquered").status == 400)
            #expect(try Self.curl(daemon, "/v1/claims?since=yesterday").status == 400)

            let id = try #require(all.first?["id"] as? String)
            #expect((try Self.curl(daemon, "/v1/claims/\(id)").object["id"] as? String) == id)
            let missing = try Self.curl(daemon, "/v1/claims/c_nothing")
            #expect(missing.status == 404)
            #expect(((missing.object["error"] as? [String: Any])?["code"] as? String) == "not_found")

            // Articles, one article, its text.
            let articles = try Self.curl(daemon, "/v1/articles").object["articles"] as? [[String: Any]] ?? []
            #expect(articles.count == 5)
            let copy = try #require(articles.first { ($0["file"] as? String)?.hasPrefix("002") == true })
            #expect(copy["syndicated_from"] is String)
            let articleID = try #require(copy["id"] as? String)
            let article = try Self.curl(daemon, "/v1/articles/\(articleID)").object
            #expect((article["claims"] as? [String])?.isEmpty == false)
            #expect(try Self.curl(daemon, "/v1/articles/\(articleID)/text").body.contains("Islamic State"))

            // Alerts, the raw log, GeoJSON, metrics.
            #expect((try Self.curl(daemon, "/v1/alerts?after=0").object["alerts"] as? [Any])?.count == 4)
            let log = try Self.curl(daemon, "/v1/log?after=2&limit=3")
            let records = log.body.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(records.compactMap { $0["seq"] as? Int } == [3, 4, 5])
            let geojson = try Self.curl(daemon, "/v1/claims.geojson").object
            #expect(geojson["type"] as? String == "FeatureCollection")
            let features = geojson["features"] as? [[String: Any]] ?? []
            #expect(!features.isEmpty && features.allSatisfy { ($0["geometry"] as? [String: Any])?["type"] as? String == "Point" })
            let metrics = try Self.curl(daemon, "/metrics").body
            #expect(metrics.contains("frontline_articles_total{outcome=\"processed\"} 5"))
            #expect(metrics.contains("frontline_ingest_latency_seconds_count 5"))
            #expect(metrics.contains("frontline_alerts_total{kind=\"claim.new\"} 2"))

            // Every request is logged with the peer's uid and pid.
            #expect(daemon.log.contains("peer.uid=\(getuid())"))
        }
    }

    @Test func postArticlesAndErrors() throws {
        try Self.withSeeds(["max_article_bytes": "100000"]) { daemon in
            let staged = try daemon.stage(Data(sentinelArticle(7).utf8), as: "sentinel.txt")
            let created = try Self.curl(daemon, "/v1/articles?name=x.txt", method: "POST", data: "@" + staged.path)
            #expect(created.status == 201, "\(created.body)")
            #expect(created.object["status"] as? String == "processed")
            let id = try #require(created.object["id"] as? String)
            #expect(id == ArticleID.sha256Hex(Array(sentinelArticle(7).utf8)))
            #expect((try Self.curl(daemon, "/v1/claims?place=\(sentinelPlace(7))").object["claims"] as? [Any])?.count == 1)
            let again = try Self.curl(daemon, "/v1/articles", method: "POST", data: "@" + staged.path)
            #expect(again.status == 200)
            #expect(again.object["status"] as? String == "duplicate")
            let binary = try daemon.stage(Data([0x41, 0x00, 0x42, 0x00] + Array(repeating: 0x43, count: 100)), as: "binary.bin")
            let rejected = try Self.curl(daemon, "/v1/articles", method: "POST", data: "@" + binary.path)
            #expect(rejected.status == 422)
            #expect((rejected.object["reason"] as? String)?.contains("binary") == true)
            let large = try daemon.stage(Data(repeating: 0x61, count: 200_000), as: "large.txt")
            let tooLarge = try Self.curl(daemon, "/v1/articles", method: "POST", data: "@" + large.path)
            #expect(tooLarge.status == 413)
            #expect(try Self.curl(daemon, "/v1/articles", method: "POST", data: "").status == 400)

            #expect(try Self.curl(daemon, "/v1/status", method: "DELETE").status == 405)
            #expect(try Self.curl(daemon, "/v2/everything").status == 404)
            #expect(try Self.curl(daemon, "/v1/log?after=minus").status == 400)
            #expect(try Self.curl(daemon, "/v1/articles/../../etc/passwd/text").status == 404)
            for garbage in ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", "\u{1}\u{2}\u{3}\r\n\r\n"] {
                let reply = try Self.raw(garbage, to: daemon.socket)
                #expect(reply.hasPrefix("HTTP/1.1 4"), "\(garbage.debugDescription) → \(reply.prefix(40))")
            }
            // Still healthy, and every file posted has its outcome.
            #expect(try Self.curl(daemon, "/v1/status").status == 200)
            #expect(try daemon.outcomes() == 5 + 3)
        }
    }

    @Test func allowedUIDsAndPostSwitch() throws {
        try Self.withSeeds(["allowed_uids": "[4242]", "allow_post": "false", "socket_mode": "\"0666\""]) { daemon in
            let nobody: UInt32 = 65534
            let refused = try Self.curl(daemon, "/v1/status", asUID: nobody)
            #expect(refused.status == 403)
            #expect((refused.object["error"] as? [String: Any])?["code"] as? String == "forbidden")
            #expect(try Self.curl(daemon, "/v1/status").status == 200, "root is always admitted")
            let post = try Self.curl(daemon, "/v1/articles", method: "POST", data: "text")
            #expect(post.status == 403)
            #expect((post.object["error"] as? [String: Any])?["code"] as? String == "post_disabled")
        }
    }

    @Test func idleStreamsGetHeartbeats() throws {
        try Self.withSeeds(["stream_heartbeat_seconds": "1"]) { daemon in
            let stream = StreamCollector(client: daemon.client, target: "/v1/alerts/stream?after=0")
            try waitUntil("the backlog and a heartbeat") {
                stream.received.filter { $0.hasPrefix("event: ") }.count == 4 && stream.received.contains(": heartbeat")
            }
        }
    }

    /// Writes raw bytes to the socket and returns what the server answers before closing.
    static func raw(_ text: String, to path: String) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw TimeoutError(what: "a connection to \(path)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
