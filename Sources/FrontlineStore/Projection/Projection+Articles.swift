import GRDB

/// Articles and per-kind counts from the read model, for the API.
extension Projection {
    /// The API's Article JSON, built in SQL from the columns (links are current there) and the
    /// stored record (claim ids).
    static let articleJSON = """
        json_object('id', id, 'file', file, 'title', title, 'outlet', outlet, 'published', published,
            'language', language, 'bytes', json_extract(json, '$.bytes'), 'received_at', json_extract(json, '$.received_at'),
            'format', json_extract(json, '$.format'), 'encoding', json_extract(json, '$.encoding'), 'url', json_extract(json, '$.url'),
            'duplicate_of', NULL, 'syndicated_from', syndicated_from, 'derived_from', derived_from,
            'claims', json(COALESCE(json_extract(json, '$.claims'), '[]')))
        """
    /// A duplicate is listed with `duplicate_of` and no claims of its own.
    static let duplicateJSON = """
        json_object('id', id, 'file', file, 'title', NULL, 'outlet', NULL, 'published', NULL, 'language', NULL,
            'bytes', NULL, 'received_at', NULL, 'format', NULL, 'encoding', NULL, 'url', NULL,
            'duplicate_of', duplicate_of, 'syndicated_from', NULL, 'derived_from', NULL, 'claims', json('[]'))
        """

    /// Articles and duplicates, newest first, with the cursor (log sequence) of the next page.
    public func articles(limit: Int, cursor: UInt64?) throws -> (json: [String], nextCursor: UInt64?) {
        let limit = max(1, min(limit, 1000))
        let before = Int64(clamping: cursor ?? UInt64(Int64.max))
        let rows = try self.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, article FROM (
                        SELECT * FROM (SELECT seq, \(Self.articleJSON) AS article FROM articles WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2)
                        UNION ALL
                        SELECT * FROM (SELECT seq, \(Self.duplicateJSON) AS article FROM duplicates WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2))
                    ORDER BY seq DESC LIMIT ?2
                    """,
                arguments: [before, limit + 1])
        }
        let page = rows.prefix(limit)
        let next: UInt64? = rows.count > limit ? page.last.map { UInt64($0["seq"] as Int64) } : nil
        return (page.map { $0["article"] as String }, next)
    }

    /// One article by id, or the first duplicate record of those bytes.
    public func article(id: String) throws -> String? {
        try self.database.read { db in
            if let article = try String.fetchOne(db, sql: "SELECT \(Self.articleJSON) FROM articles WHERE id = ?", arguments: [id]) {
                return article
            }
            return try String.fetchOne(
                db, sql: "SELECT \(Self.duplicateJSON) FROM duplicates WHERE id = ? ORDER BY seq LIMIT 1", arguments: [id])
        }
    }

    /// Claims by kind and status, alerts by kind, for `GET /metrics`.
    public func breakdown() throws -> (claims: [(kind: String, status: String, count: Int)], alerts: [(kind: String, count: Int)]) {
        try self.database.read { db in
            let claims = try Row.fetchAll(db, sql: "SELECT kind, status, COUNT(*) AS n FROM claims GROUP BY kind, status ORDER BY kind, status")
                .map { (kind: $0["kind"] as String, status: $0["status"] as String, count: $0["n"] as Int) }
            let alerts = try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM alerts GROUP BY kind ORDER BY kind")
                .map { (kind: $0["kind"] as String, count: $0["n"] as Int) }
            return (claims, alerts)
        }
    }
}

extension Projection {
    /// The reason an inbox file was rejected, if it was.
    public func rejection(file: String) throws -> String? {
        try self.database.read { db in try String.fetchOne(db, sql: "SELECT reason FROM rejected WHERE file = ?", arguments: [file]) }
    }

    public func isDuplicate(file: String) throws -> Bool {
        try self.database.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM duplicates WHERE file = ?", arguments: [file]) ?? false }
    }

    public func isAccepted(file: String) throws -> Bool {
        try self.database.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM articles WHERE file = ?", arguments: [file]) ?? false }
    }
}
