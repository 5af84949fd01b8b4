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
    /// A pool: queries read a WAL snapshot on their own connection while ingest writes.
    let database: DatabasePool

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.maximumReaderCount = 4
        // 16 MiB of page cache per connection (SQLite's default is 2 MiB): a busy place's index
        // pages and the claims a page returns stay in memory instead of being read again.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA recursive_triggers = ON") }
        self.database = try DatabasePool(path: path, configuration: configuration)
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
        migrator.registerMigration("v6-place-order") { db in
            // `?place=` walks one place's claims newest first on an index, instead of sorting every
            // claim of the place (with its JSON) to keep a page of them.
            try db.execute(
                sql: """
                    ALTER TABLE claim_places ADD COLUMN created_seq INTEGER NOT NULL DEFAULT 0;
                    UPDATE claim_places SET created_seq = (SELECT created_seq FROM claims WHERE claims.id = claim_places.claim_id);
                    DROP INDEX claim_places_place;
                    CREATE INDEX claim_places_place_seq ON claim_places(place, created_seq);
                    """)
        }
        migrator.registerMigration("v7-counts") { db in
            // `GET /v1/status` and the sd_notify status after every file read these counts; they
            // were COUNT(*)s, and the count of articles not in English scanned every article row.
            // Triggers keep them in the same transaction as the rows (REPLACE fires the delete
            // trigger too: the connection sets recursive_triggers).
            var sql = "CREATE TABLE counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL);\n"
            for (name, table, condition) in Self.countedTables {
                let when = condition.map { " WHEN \($0)" } ?? ""
                sql += """
                    INSERT INTO counts(name, n) SELECT '\(name)', COUNT(*) FROM \(table)\(condition.map { " WHERE \($0.replacingOccurrences(of: "NEW.", with: ""))" } ?? "");
                    CREATE TRIGGER \(name)_added AFTER INSERT ON \(table)\(when) BEGIN UPDATE counts SET n = n + 1 WHERE name = '\(name)'; END;
                    CREATE TRIGGER \(name)_removed AFTER DELETE ON \(table)\(when.replacingOccurrences(of: "NEW.", with: "OLD.")) BEGIN UPDATE counts SET n = n - 1 WHERE name = '\(name)'; END;

                    """
            }
            try db.execute(sql: sql)
        }
        return migrator
    }

    /// The counts `counts` keeps: its name, the table, and a condition on the row (as `NEW.`).
    static let countedTables: [(String, String, String?)] = [
        ("articles", "articles", nil), ("duplicates", "duplicates", nil), ("rejected", "rejected", nil),
        ("claims", "claims", nil), ("alerts", "alerts", nil), ("articles_other_language", "articles", "NEW.language != 'en'"),
    ]

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
                try Self.apply(try stored.event(), seq: stored.seq, timeMillis: stored.timeMillis, db: db, encoder: encoder)
                applied = stored.seq
            }
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES ('last_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [String(applied)])
        }
    }

    /// Brings the read model up to `records` (the whole log, oldest first) in transactions of
    /// `batch` records, so a rebuild commits as it goes instead of holding the whole log in one
    /// write-ahead log. Returns the sequence it caught up from.
    @discardableResult
    public func catchUp(with records: [StoredRecord], batch: Int = 10_000) throws -> UInt64 {
        let applied = try self.lastAppliedSeq()
        guard let first = records.firstIndex(where: { $0.seq > applied }) else { return applied }
        var start = first
        while start < records.count {
            let end = min(start + batch, records.count)
            try self.apply(Array(records[start..<end]))
            start = end
        }
        return applied
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
        // The claim keeps the sequence it was created at through updates; its places sort by it.
        let created = try Int64.fetchOne(db, sql: "SELECT created_seq FROM claims WHERE id = ?", arguments: [claim.id]) ?? seqValue
        for name in names {
            try db.execute(
                sql: "INSERT OR IGNORE INTO claim_places(claim_id, place, created_seq) VALUES (?, ?, ?)", arguments: [claim.id, name, created])
        }
    }

    public func counters() throws -> ProjectionCounters {
        let counts = try self.database.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, n FROM counts").map { ($0["name"] as String, $0["n"] as Int) })
        }
        return ProjectionCounters(
            articlesAccepted: counts["articles"] ?? 0, articlesDuplicate: counts["duplicates"] ?? 0,
            articlesRejected: counts["rejected"] ?? 0, claims: counts["claims"] ?? 0, alerts: counts["alerts"] ?? 0,
            articlesOtherLanguage: counts["articles_other_language"] ?? 0)
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
            for table in ["meta", "counts", "articles", "duplicates", "rejected", "claims", "claim_places", "alerts"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    lines.append(table + ": " + row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " "))
                }
            }
            return lines.sorted()
        }
    }
}
