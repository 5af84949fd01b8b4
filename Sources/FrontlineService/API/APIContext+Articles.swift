#if canImport(Glibc)
import Glibc
#endif
import Foundation
import FrontlineCore
import FrontlineStore

/// Articles, the raw log, GeoJSON, and articles posted into the inbox.
extension APIContext {
    func articles(_ query: [String: String]) throws -> APIResponse {
        let (articles, next) = try self.projection.articles(limit: try Self.limit(query) ?? 50, cursor: try Self.cursor(query))
        let nextText = next.map { JSONText.quote(String($0)) } ?? "null"
        return .json("{\"articles\":[\(articles.joined(separator: ","))],\"next_cursor\":\(nextText)}")
    }

    func article(_ id: String) throws -> APIResponse {
        guard let json = try self.projection.article(id: id) else { throw APIError.notFound("no article \(id)") }
        return .json(json)
    }

    /// `GET /v1/log?after=&limit=`: durable records as NDJSON, oldest first.
    func logRecords(_ query: [String: String]) throws -> APIResponse {
        let records = try self.log.records(after: try Self.after(query), limit: try Self.limit(query, maximum: 10_000) ?? 1000)
        return .body(status: .ok, contentType: "application/x-ndjson", body: Array(try records.map { try $0.ndjsonLine() }.joined().utf8))
    }

    /// `GET /v1/claims.geojson`: the claims the same filters select (up to `limit`, default 1000),
    /// one Point feature per resolved place.
    /// The claims the `/v1/claims` filters select, decoded, up to 1000 unless `limit=` says
    /// otherwise: what GeoJSON and the map draw.
    func drawnClaims(_ query: [String: String]) throws -> [Claim] {
        var filter = try self.claimQuery(query)
        if query["limit"] == nil { filter.limit = 1000 }
        let decoder = JSONDecoder()
        return try self.projection.claims(filter).json.map { try decoder.decode(Claim.self, from: Data($0.utf8)) }
    }

    func geojson(_ query: [String: String]) throws -> APIResponse {
        let claims = try self.drawnClaims(query)
        return .body(status: .ok, contentType: "application/geo+json", body: Array(try ClaimGeoJSON.encode(claims)) + [0x0A])
    }

    static let postExtensions: Set<String> = ["txt", "md", "html", "htm", "json", "eml"]
    static let contentTypeExtensions: [String: String] = [
        "text/plain": "txt", "text/markdown": "md", "text/html": "html", "application/json": "json", "message/rfc822": "eml",
    ]

    /// `POST /v1/articles`: the body goes into the inbox under a name the server chooses (a temp
    /// name first, then a rename, so the watcher sees it whole). Answers once the file's outcome
    /// is in the read model, or 202 with the id to poll after `wait` seconds (default 10, 0: at once).
    func postArticle(_ request: APIRouter.Request) async throws -> APIResponse {
        guard self.configuration.allowPost else {
            throw APIError(status: .forbidden, code: "post_disabled", message: "POST /v1/articles is disabled (allow_post = false in the config)")
        }
        guard !request.body.isEmpty else { throw APIError.badRequest("empty body: send the article's bytes") }
        let wait = try request.query["wait"].map { text -> Double in
            guard let value = Double(text), value >= 0, value <= 60 else { throw APIError.badRequest("wait must be 0…60 seconds") }
            return value
        } ?? 10
        let id = ArticleID.sha256Hex(request.body)
        let name = "api-\(id.prefix(12))-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))\(Self.safeStem(request.query["name"])).\(Self.fileExtension(request))"
        try self.writeIntoInbox(request.body, name: name)
        let deadline = ContinuousClock.now + .milliseconds(Int(wait * 1000))
        while true {
            if let outcome = try self.outcome(of: id, file: name) { return outcome }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return .json(
            "{\"id\":\(JSONText.quote(id)),\"file\":\(JSONText.quote(name)),\"status\":\"queued\",\"poll\":\(JSONText.quote("/v1/articles/\(id)"))}",
            status: .accepted)
    }

    /// `?name=`'s stem reduced to letters, digits, `.`, `_` and `-` (at most 64), after a dash, so
    /// the inbox file and the claims' sources still say where the article came from; never a path.
    static func safeStem(_ name: String?) -> String {
        guard let name else { return "" }
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        let safe = String(stem.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }.map(Character.init))
        let trimmed = String(safe.drop { $0 == "." }.prefix(64))
        return trimmed.isEmpty ? "" : "-" + trimmed
    }

    /// The extension from `?name=` (only its extension is used), else from Content-Type, else txt.
    static func fileExtension(_ request: APIRouter.Request) -> String {
        if let name = request.query["name"], let dot = name.lastIndex(of: ".") {
            let ext = name[name.index(after: dot)...].lowercased()
            if Self.postExtensions.contains(ext) { return ext }
        }
        let type = request.headers.first(name: "Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type.flatMap { Self.contentTypeExtensions[$0] } ?? "txt"
    }

    func writeIntoInbox(_ bytes: [UInt8], name: String) throws {
        let temporary = self.inbox + "/.\(name).tmp"
        let final = self.inbox + "/" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw APIError(
                status: .internalServerError, code: "inbox_unwritable",
                message: "cannot create \(temporary): \(String(cString: strerror(errno))); check the inbox's owner and mode")
        }
        var written = 0
        let failed = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue } else { return true } }
                written += n
            }
            return fsync(fd) != 0
        }
        close(fd)
        guard !failed, rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw APIError(
                status: .internalServerError, code: "inbox_unwritable", message: "cannot write \(final): \(reason); check free space and the inbox's mode")
        }
    }

    /// The posted file's outcome once it is in the read model: processed (or known already),
    /// duplicate, or rejected with its reason.
    func outcome(of id: String, file: String) throws -> APIResponse? {
        if let rejection = try self.projection.rejection(file: file) {
            return .json(
                "{\"id\":\(JSONText.quote(id)),\"file\":\(JSONText.quote(file)),\"status\":\"rejected\",\"reason\":\(JSONText.quote(rejection))}",
                status: .unprocessableEntity)
        }
        guard let article = try self.projection.article(id: id) else { return nil }
        let duplicate = try self.projection.isDuplicate(file: file)
        let processed = try self.projection.isAccepted(file: file)
        guard duplicate || processed else { return nil }
        return .json(
            "{\"id\":\(JSONText.quote(id)),\"file\":\(JSONText.quote(file)),\"status\":\(duplicate ? "\"duplicate\"" : "\"processed\""),\"article\":\(article)}",
            status: duplicate ? .ok : .created)
    }
}
