import FrontlineCore
import Foundation
import GRDB

/// Counters `GET /v1/status` reports.
public struct ProjectionCounters: Sendable, Codable, Hashable {
    public var articlesAccepted: Int
    public var articlesDuplicate: Int
    public var articlesRejected: Int
    public var claims: Int
    public var alerts: Int
    /// Accepted articles not in English: recorded with their language and no claims.
    public var articlesOtherLanguage: Int

    public init(articlesAccepted: Int, articlesDuplicate: Int, articlesRejected: Int, claims: Int, alerts: Int, articlesOtherLanguage: Int = 0) {
        self.articlesOtherLanguage = articlesOtherLanguage
        self.articlesAccepted = articlesAccepted
        self.articlesDuplicate = articlesDuplicate
        self.articlesRejected = articlesRejected
        self.claims = claims
        self.alerts = alerts
    }

    enum CodingKeys: String, CodingKey {
        case claims, alerts
        case articlesAccepted = "articles_accepted"
        case articlesDuplicate = "articles_duplicate"
        case articlesRejected = "articles_rejected"
        case articlesOtherLanguage = "articles_other_language"
    }
}

/// Filters of `GET /v1/claims`.
public struct ClaimQuery: Sendable {
    /// An actor id or name; `actorID` is the lexicon's id for it when the name is an alias.
    public var actor: String?
    public var actorID: String?
    /// A place name, mention or gazetteer id; `placeID` is the gazetteer's id for a spelling of it.
    public var place: String?
    public var placeID: String?
    public var kind: String?
    /// Only claims of this status; `nil` lists every claim an analyst has not retracted or merged away.
    public var status: String?
    /// Only claims recorded or changed in the log at or after this time (ms since the epoch).
    public var changedSinceMillis: Int64?
    public var since: String?
    public var until: String?
    public var limit: Int = 50
    /// Return claims created before this sequence (the previous page's cursor).
    public var cursor: UInt64?

    public init() {}
}

/// The SQLite read model (`STATE/index.sqlite`): claims, articles and alerts, indexed for queries.
/// It records the last log sequence it applied and catches up from the log on start; deleting it is
/// always safe, it is rebuilt by replaying the log.
public final class Projection: Sendable {
    let database: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        self.database = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(self.database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE articles (
                        id TEXT PRIMARY KEY, seq INTEGER NOT NULL, file TEXT NOT NULL, title TEXT, outlet TEXT,
                        published TEXT, language TEXT, syndicated_from TEXT, derived_from TEXT, json TEXT NOT NULL);
                    CREATE TABLE duplicates (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, file TEXT NOT NULL, duplicate_of TEXT NOT NULL);
                    CREATE TABLE rejected (seq INTEGER PRIMARY KEY, id TEXT, file TEXT NOT NULL, reason TEXT NOT NULL);
                    CREATE TABLE claims (
                        id TEXT PRIMARY KEY, created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL, kind TEXT NOT NULL,
                        claimant_id TEXT, claimant_name TEXT, event_date TEXT, first_seen TEXT NOT NULL, status TEXT NOT NULL,
                        json TEXT NOT NULL);
                    CREATE INDEX claims_created ON claims(created_seq);
                    CREATE INDEX claims_claimant ON claims(claimant_id);
                    CREATE TABLE claim_places (claim_id TEXT NOT NULL, place TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY (claim_id, place));
                    CREATE INDEX claim_places_place ON claim_places(place);
                    CREATE TABLE alerts (
                        seq INTEGER PRIMARY KEY, alert_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, claim_id TEXT NOT NULL,
                        json TEXT NOT NULL);
                    """)
        }
        migrator.registerMigration("v2-alert-delivery") { db in
            try db.execute(sql: "ALTER TABLE alerts ADD COLUMN delivered_seq INTEGER")
        }
        migrator.registerMigration("v3-api-indexes") { db in
            try db.execute(
                sql: """
                    CREATE INDEX articles_seq ON articles(seq);
                    CREATE INDEX duplicates_id ON duplicates(id);
                    CREATE INDEX articles_file ON articles(file);
                    CREATE INDEX duplicates_file ON duplicates(file);
                    CREATE INDEX rejected_file ON rejected(file);
                    """)
        }
        migrator.registerMigration("v4-corrections") { db in
            try db.execute(
                sql: """
                    CREATE TABLE corrections (
                        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, claim_id TEXT NOT NULL, action TEXT NOT NULL,
                        uid INTEGER NOT NULL, json TEXT NOT NULL);
                    CREATE INDEX claims_status ON claims(status);
                    """)
        }
        migrator.registerMigration("v5-claim-change-time") { db in
            // When each claim last changed comes from the log's record times: start the read model
            // again, and the catch-up at start rebuilds it from the log.
            try db.execute(
                sql: """
                    ALTER TABLE claims ADD COLUMN updated_ms INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX claims_updated_ms ON claims(updated_ms);
                    DELETE FROM articles; DELETE FROM duplicates; DELETE FROM rejected; DELETE FROM claims;
                    DELETE FROM claim_places; DELETE FROM alerts; DELETE FROM corrections; DELETE FROM meta WHERE key = 'last_seq';
                    """)
        }
        return migrator
    }

    /// The last log sequence applied (0 for a new read model).
    public func lastAppliedSeq() throws -> UInt64 {
        try self.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'").flatMap(UInt64.init) ?? 0
        }
    }

    /// Applies records in one transaction; records at or below the last applied sequence are skipped,
    /// so applying twice is harmless.
    public func apply(_ records: [StoredRecord]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try self.database.write { db in
            let last = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'").flatMap(UInt64.init) ?? 0
            var applied = last
            for stored in records where stored.seq > last {
                try Self.apply(try stored.event(), seq: stored.seq, timeMillis: stored.record.timeMillis, db: db, encoder: encoder)
                applied = stored.seq
            }
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES ('last_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [String(applied)])
        }
    }

    static func apply(_ event: LogEvent, seq: UInt64, timeMillis: Int64, db: Database, encoder: JSONEncoder) throws {
        let seqValue = Int64(seq)
        switch event {
        case .articleAccepted(let article):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO articles(id, seq, file, title, outlet, published, language, syndicated_from, derived_from, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    article.id, seqValue, article.file, article.title, article.outlet, article.published, article.language,
                    article.syndicatedFrom, article.derivedFrom, String(decoding: try encoder.encode(article), as: UTF8.self),
                ])
        case .articleLinked(let link):
            try db.execute(
                sql: "UPDATE articles SET syndicated_from = ?, derived_from = ? WHERE id = ?",
                arguments: [link.syndicatedFrom, link.derivedFrom, link.article])
        case .articleReprocessed(let reprocessed):
            let claims = String(decoding: try encoder.encode(reprocessed.claims), as: UTF8.self)
            try db.execute(
                sql: "UPDATE articles SET json = json_set(json, '$.claims', json(?)) WHERE id = ?",
                arguments: [claims, reprocessed.article])
        case .articleDuplicate(let duplicate):
            try db.execute(
                sql: "INSERT OR REPLACE INTO duplicates(seq, id, file, duplicate_of) VALUES (?, ?, ?, ?)",
                arguments: [seqValue, duplicate.id, duplicate.file, duplicate.duplicateOf])
        case .articleRejected(let rejected):
            try db.execute(
                sql: "INSERT OR REPLACE INTO rejected(seq, id, file, reason) VALUES (?, ?, ?, ?)",
                arguments: [seqValue, rejected.id, rejected.file, rejected.reason])
        case .claimUpdated(let record):
            try Self.upsert(record.claim, seq: seqValue, timeMillis: timeMillis, db: db, encoder: encoder)
        case .claimCorrected(let record):
            for claim in record.claims { try Self.upsert(claim, seq: seqValue, timeMillis: timeMillis, db: db, encoder: encoder) }
            try db.execute(
                sql: "INSERT OR REPLACE INTO corrections(seq, id, claim_id, action, uid, json) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    seqValue, record.correction.id, record.correction.claim, record.correction.action.rawValue,
                    Int64(record.correction.uid), String(decoding: try encoder.encode(record.correction), as: UTF8.self),
                ])
        case .alertRaised(var alert):
            alert.seq = seq
            try db.execute(
                sql: "INSERT OR IGNORE INTO alerts(seq, alert_id, kind, claim_id, json) VALUES (?, ?, ?, ?, ?)",
                arguments: [seqValue, alert.alertID, alert.kind.rawValue, alert.claim.id, String(decoding: try encoder.encode(alert), as: UTF8.self)])
        case .alertDelivered(let delivery):
            for id in delivery.alerts {
                try db.execute(
                    sql: "UPDATE alerts SET delivered_seq = ? WHERE alert_id = ? AND delivered_seq IS NULL", arguments: [seqValue, id])
            }
        }
    }

    /// Stores a claim as it stands, with the names it can be found by.
    static func upsert(_ claim: Claim, seq seqValue: Int64, timeMillis: Int64, db: Database, encoder: JSONEncoder) throws {
        try db.execute(
            sql: """
                INSERT INTO claims(id, created_seq, updated_seq, kind, claimant_id, claimant_name, event_date, first_seen, status, json, updated_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET updated_seq = excluded.updated_seq, updated_ms = excluded.updated_ms, kind = excluded.kind,
                    claimant_id = excluded.claimant_id, claimant_name = excluded.claimant_name,
                    event_date = excluded.event_date, status = excluded.status, json = excluded.json
                """,
            arguments: [
                claim.id, seqValue, seqValue, claim.kind.rawValue, claim.claimant?.id, claim.claimant?.name,
                claim.eventDate, claim.firstSeen, claim.status.rawValue,
                String(decoding: try encoder.encode(claim), as: UTF8.self), timeMillis,
            ])
        try db.execute(sql: "DELETE FROM claim_places WHERE claim_id = ?", arguments: [claim.id])
        let names = Set(claim.places.flatMap { [$0.name, $0.mention, $0.gazetteerID].compactMap { $0 } } + claim.areas.compactMap(\.anchor))
        for name in names {
            try db.execute(sql: "INSERT OR IGNORE INTO claim_places(claim_id, place) VALUES (?, ?)", arguments: [claim.id, name])
        }
    }

    public func counters() throws -> ProjectionCounters {
        try self.database.read { db in
            ProjectionCounters(
                articlesAccepted: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0,
                articlesDuplicate: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM duplicates") ?? 0,
                articlesRejected: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected") ?? 0,
                claims: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claims") ?? 0,
                alerts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts") ?? 0,
                articlesOtherLanguage: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE language != 'en'") ?? 0)
        }
    }

    /// Claims matching `query`, newest first, as stored JSON, with the cursor of the next page.
    public func claims(_ query: ClaimQuery) throws -> (json: [String], nextCursor: UInt64?) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let actor = query.actor {
            conditions.append("(claims.claimant_id IN (?, ?) OR claims.claimant_name = ? COLLATE NOCASE)")
            arguments += [actor, query.actorID ?? actor, actor]
        }
        if let place = query.place {
            conditions.append("claims.id IN (SELECT claim_id FROM claim_places WHERE place IN (?, ?))")
            arguments += [place, query.placeID ?? place]
        }
        if let kind = query.kind {
            conditions.append("claims.kind = ?")
            arguments.append(kind)
        }
        if let millis = query.changedSinceMillis {
            conditions.append("claims.updated_ms >= ?")
            arguments.append(millis)
        }
        if let status = query.status {
            conditions.append("claims.status = ?")
            arguments.append(status)
        } else {
            conditions.append("claims.status NOT IN ('retracted', 'merged')")
        }
        // A claim's date is its event date, or the day it was first seen when the text gives none.
        for (bound, comparison) in [(query.since, ">="), (query.until, "<=")] {
            guard let bound else { continue }
            conditions.append("COALESCE(claims.event_date, substr(claims.first_seen, 1, 10)) \(comparison) ?")
            arguments.append(bound)
        }
        if let cursor = query.cursor {
            conditions.append("claims.created_seq < ?")
            arguments.append(Int64(cursor))
        }
        let limit = max(1, min(query.limit, 1000))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT json, created_seq FROM claims \(whereClause) ORDER BY created_seq DESC LIMIT \(limit + 1)"
        let rows = try self.database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        }
        let page = rows.prefix(limit)
        let next: UInt64? = rows.count > limit ? page.last.map { UInt64($0["created_seq"] as Int64) } : nil
        return (page.map { $0["json"] as String }, next)
    }

    /// Every claim about any of `keys` (place names, mentions, gazetteer ids, area anchors), as
    /// stored JSON, in the order they were first recorded, at most `limit`.
    public func claimsAbout(keys: [String], limit: Int = 10_000) throws -> [String] {
        guard !keys.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        return try self.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT json FROM claims WHERE id IN (SELECT claim_id FROM claim_places WHERE place IN (\(marks)))
                    ORDER BY created_seq LIMIT ?
                    """,
                arguments: StatementArguments(keys.map { $0 as any DatabaseValueConvertible } + [limit]))
        }
    }

    public func claim(id: String) throws -> String? {
        try self.database.read { db in try String.fetchOne(db, sql: "SELECT json FROM claims WHERE id = ?", arguments: [id]) }
    }

    /// Alerts recorded after `seq`, oldest first, as stored JSON.
    public func alerts(after seq: UInt64, limit: Int) throws -> [(seq: UInt64, json: String)] {
        try self.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, json FROM alerts WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [Int64(seq), max(1, min(limit, 10_000))]
            ).map { (UInt64($0["seq"] as Int64), $0["json"] as String) }
        }
    }

    /// Every row of every table, as text, in a fixed order: two read models answer the same
    /// exactly when their dumps are equal (tests and `log verify`-style checks compare them).
    public func dump() throws -> [String] {
        try self.database.read { db in
            var lines: [String] = []
            for table in ["meta", "articles", "duplicates", "rejected", "claims", "claim_places", "alerts"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    lines.append(table + ": " + row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " "))
                }
            }
            return lines.sorted()
        }
    }
}
