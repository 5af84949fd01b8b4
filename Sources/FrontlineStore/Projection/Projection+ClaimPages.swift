import Foundation
import GRDB

/// One page of `GET /v1/claims`, newest first.
public struct ClaimPage: Sendable {
    /// `[claim,claim,…]`: the claims' stored JSON, copied once out of SQLite.
    public var jsonArray: [UInt8]
    public var count: Int
    /// The cursor of the next page, or nil on the last one.
    public var nextCursor: UInt64?
}

extension Projection {
    /// Claims matching `query`, newest first, as one JSON array of their stored JSON.
    public func claimPage(_ query: ClaimQuery) throws -> ClaimPage {
        var array: [UInt8] = [UInt8(ascii: "[")]
        var count = 0
        let next = try self.forEachClaim(query) { json in
            if count > 0 { array.append(UInt8(ascii: ",")) }
            array.append(contentsOf: json)
            count += 1
        }
        array.append(UInt8(ascii: "]"))
        return ClaimPage(jsonArray: array, count: count, nextCursor: next)
    }

    /// Claims matching `query`, newest first, as stored JSON, with the cursor of the next page.
    public func claims(_ query: ClaimQuery) throws -> (json: [String], nextCursor: UInt64?) {
        var claims: [String] = []
        let next = try self.forEachClaim(query) { claims.append(String(decoding: $0, as: UTF8.self)) }
        return (claims, next)
    }

    /// Calls `body` with the stored JSON of each claim of the page, newest first, lent from SQLite
    /// (valid only during the call); returns the next page's cursor.
    ///
    /// Rows are read through cached statements, and the JSON (about 3 KB a claim) is never
    /// sorted: a place's page is chosen on `(claim_id, created_seq)` alone and its JSON read by
    /// id afterwards. (Reading a 50-claim page was about half of the daemon's CPU time per request
    /// under `perf`, most of it in SQLite; the JSON went through a temporary B-tree, a GRDB `Row`
    /// and a `String` on its way.)
    func forEachClaim(_ query: ClaimQuery, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt64? {
        let (conditions, arguments) = Self.conditions(of: query)
        let limit = max(1, min(query.limit, 1000))
        return try self.database.read { db in
            guard let place = query.place else {
                let (sql, values) = Self.pageSQL(conditions, arguments, cursor: query.cursor, rows: limit + 1)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
                var seen = 0
                var last: Int64 = 0
                while let row = try rows.next() {
                    seen += 1
                    if seen > limit { return UInt64(last) }
                    last = row[1]
                    try Self.lend(row, column: 0, to: body)
                }
                return nil
            }
            let (sql, values) = Self.placePageSQL(
                place: place, placeID: query.placeID, conditions, arguments, cursor: query.cursor, rows: limit + 1)
            let page = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
                .map { (id: $0[0] as String, seq: $0[1] as Int64) }
            let json = try db.cachedStatement(sql: "SELECT json FROM claims WHERE id = ?")
            for entry in page.prefix(limit) {
                let rows = try Row.fetchCursor(json, arguments: [entry.id])
                if let row = try rows.next() { try Self.lend(row, column: 0, to: body) }
            }
            return page.count > limit ? UInt64(page[limit - 1].seq) : nil
        }
    }

    /// A text column's bytes, without a copy.
    static func lend(_ row: Row, column: Int, to body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try row.withUnsafeData(atIndex: column) { data in try (data ?? Data()).withUnsafeBytes(body) }
    }

    /// The SQL conditions on `claims` of every filter but the place, and their arguments.
    static func conditions(of query: ClaimQuery) -> ([String], [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let actor = query.actor {
            conditions.append("(claims.claimant_id IN (?, ?) OR claims.claimant_name = ? COLLATE NOCASE)")
            arguments += [actor, query.actorID ?? actor, actor]
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
        return (conditions, arguments)
    }

    /// A page of claims newest first, walking `claims_created`: `json, created_seq`.
    static func pageSQL(
        _ conditions: [String], _ arguments: [any DatabaseValueConvertible], cursor: UInt64?, rows: Int
    ) -> (String, [any DatabaseValueConvertible]) {
        let all = conditions + (cursor == nil ? [] : ["claims.created_seq < ?"])
        let whereClause = all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
        return ("SELECT json, created_seq FROM claims \(whereClause) ORDER BY created_seq DESC LIMIT \(rows)",
                arguments + (cursor.map { [Int64($0)] } ?? []))
    }

    /// The ids of a page of one place's claims newest first: `claim_id, created_seq`. Each
    /// spelling (the name asked for, and the gazetteer id it resolves to) walks
    /// `claim_places_place_seq` backwards to its own first `rows` matches, so only those rows are
    /// read; the page is the newest `rows` of their union. (Sorting every claim of a busy place
    /// with its JSON to keep 50 took 30 ms on 2,000 claims.)
    static func placePageSQL(
        place: String, placeID: String?, _ conditions: [String], _ arguments: [any DatabaseValueConvertible], cursor: UInt64?, rows: Int
    ) -> (String, [any DatabaseValueConvertible]) {
        let keys = [place] + (placeID.map { $0.lowercased() == place.lowercased() ? [] : [$0] } ?? [])
        let all = ["claim_places.place = ?"] + conditions + (cursor == nil ? [] : ["claim_places.created_seq < ?"])
        let walk = """
            SELECT * FROM (SELECT claim_places.claim_id, claim_places.created_seq FROM claim_places JOIN claims ON claims.id = claim_places.claim_id
            WHERE \(all.joined(separator: " AND ")) ORDER BY claim_places.created_seq DESC LIMIT \(rows))
            """
        let sql = Array(repeating: walk, count: keys.count).joined(separator: " UNION ") + " ORDER BY 2 DESC LIMIT \(rows)"
        let values = keys.flatMap { key in [key as any DatabaseValueConvertible] + arguments + (cursor.map { [Int64($0)] } ?? []) }
        return (sql, values)
    }
}
