import Foundation
import FrontlineCore
public import FrontlineStore

/// What the API reads: the read model, the log head, the article texts and the alert hub.
public struct APIContext: Sendable {
    public static let version = "0.1.0"

    let projection: Projection
    let log: EventLog
    let texts: ArticleTextStore
    public let hub: AlertHub
    /// The running configuration and lexicon (the lexicon resolves actor aliases and place
    /// spellings in filters); a reload swaps both.
    let settings: LiveSettings
    let metrics: DaemonMetrics
    let startedAt: Date
    /// Records analysts' corrections (the ingestor, which orders them with everything else it logs).
    let corrector: ArticleIngestor?
    /// The alert hook's outbox, for status and metrics.
    let hook: AlertHook?
    /// The map's coast and border outline (`scripts/make-outline`), when there is one.
    let outlinePath: String?

    var configuration: DaemonConfiguration { self.settings.configuration }
    var lexicon: Lexicon { self.settings.lexicon }

    var inbox: String { self.configuration.inbox }

    public init(
        projection: Projection, log: EventLog, texts: ArticleTextStore, hub: AlertHub, settings: LiveSettings,
        metrics: DaemonMetrics, startedAt: Date, corrector: ArticleIngestor? = nil, hook: AlertHook? = nil,
        outlinePath: String? = nil
    ) {
        self.outlinePath = outlinePath
        self.corrector = corrector
        self.hook = hook
        self.projection = projection
        self.log = log
        self.texts = texts
        self.hub = hub
        self.settings = settings
        self.metrics = metrics
        self.startedAt = startedAt
    }

    func status() throws -> APIResponse {
        let counters = try self.projection.counters()
        let head = self.log.head
        let commits = self.log.statistics
        let subscribers = self.hub.subscriberCount
        let uptime = Int(Date().timeIntervalSince(self.startedAt))
        let live = self.settings.current
        let refusal = live.lastRefusal.map(JSONText.quote) ?? "null"
        return .json(
            """
            {"version":\(JSONText.quote(Self.version)),"uptime_seconds":\(uptime),"inbox":\(JSONText.quote(self.inbox)),\
            "counters":{"articles_accepted":\(counters.articlesAccepted),"articles_duplicate":\(counters.articlesDuplicate),\
            "articles_rejected":\(counters.articlesRejected),"articles_other_language":\(counters.articlesOtherLanguage),"claims":\(counters.claims),"alerts":\(counters.alerts)},\
            "log":{"records":\(head.records),"bytes":\(head.bytes),"head_seq":\(head.seq),"head_hash":\(JSONText.quote(head.hashHex)),\
            "fsyncs":\(commits.fsyncs),"batches":\(commits.batches)},\
            "subscribers":\(subscribers),\
            "config":{"generation":\(live.generation),"lexicon_version":\(JSONText.quote(live.lexicon.version)),\
            "reloads_refused":\(live.refusals),"last_reload_error":\(refusal),"alert_rules":\(live.configuration.alertRules.count)},\
            "hook":\(self.hookStatus(configured: live.configuration.alertCommand != nil))}
            """)
    }

    /// `hook` of `/v1/status`: whether `alert_command` is set, and its outbox.
    func hookStatus(configured: Bool) -> String {
        let statistics = self.hook?.statistics ?? AlertHook.Statistics()
        return """
            {"configured":\(configured),"queued":\(statistics.queued),"delivered":\(statistics.delivered),\
            "skipped":\(statistics.skipped),"failed_runs":\(statistics.failedRuns),\
            "retrying_in_seconds":\(statistics.retryingInSeconds.map(String.init) ?? "null"),\
            "last_error":\(statistics.lastError.map(JSONText.quote) ?? "null")}
            """
    }

    func claims(_ query: [String: String]) throws -> APIResponse {
        let filter = try self.claimQuery(query)
        let page = try self.projection.claimPage(filter)
        let nextText = page.nextCursor.map { JSONText.quote(String($0)) } ?? "null"
        // With a duration or a time, the moment it resolved to: the digest's "new" is first seen since then.
        let changed = filter.changedSinceMillis.map { ",\"changed_since\":\(JSONText.quote(ChangeWindow.iso($0)))" } ?? ""
        // The stored JSON goes into the body as bytes, never through a String.
        var body = Array("{\"claims\":".utf8)
        body.reserveCapacity(page.jsonArray.count + 64)
        body += page.jsonArray
        body += ",\"next_cursor\":\(nextText)\(changed)}".utf8
        return .json(bytes: body)
    }

    /// The claim filters of `GET /v1/claims` and `GET /v1/claims.geojson`, checked.
    func claimQuery(_ query: [String: String]) throws -> ClaimQuery {
        var filter = ClaimQuery()
        filter.actor = query["actor"].flatMap { $0.isEmpty ? nil : $0 }
        filter.place = query["place"].flatMap { $0.isEmpty ? nil : $0 }
        filter.kind = query["kind"].flatMap { $0.isEmpty ? nil : $0 }
        filter.actorID = filter.actor.flatMap { self.lexicon.actorID(named: $0) }
        filter.placeID = filter.place.flatMap { self.lexicon.placeID(named: $0) }
        if let status = query["status"], !status.isEmpty {
            guard ClaimStatus(rawValue: status) != nil else {
                throw APIError.badRequest("status must be one of new, corroborated, contested, withdrawn, retracted, merged")
            }
            filter.status = status
        }
        if let kind = filter.kind, ClaimKind(rawValue: kind) == nil {
            throw APIError.badRequest("kind must be one of \(ClaimKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let value = query["since"], !value.isEmpty {
            if CalendarDate(iso: value) != nil {
                filter.since = value
            } else if let millis = ChangeWindow.startMillis(value, now: Date()) {
                filter.changedSinceMillis = millis
            } else {
                throw APIError.badRequest(
                    "since must be a date YYYY-MM-DD (event date), a duration like 24h, 90m or 7d, or a time like 2026-11-21T08:00:00Z (recorded or changed since)")
            }
        }
        if let value = query["until"], !value.isEmpty {
            guard CalendarDate(iso: value) != nil else { throw APIError.badRequest("until must be a date YYYY-MM-DD") }
            filter.until = value
        }
        if let limit = try Self.limit(query) { filter.limit = limit }
        filter.cursor = try Self.cursor(query)
        return filter
    }

    /// `limit=` (1…`maximum`), or nil when absent.
    static func limit(_ query: [String: String], maximum: Int = 1000) throws -> Int? {
        guard let text = query["limit"], !text.isEmpty else { return nil }
        guard let value = Int(text), value > 0, value <= maximum else { throw APIError.badRequest("limit must be 1…\(maximum)") }
        return value
    }

    /// `cursor=`: a value from a previous page's `next_cursor`.
    static func cursor(_ query: [String: String]) throws -> UInt64? {
        guard let text = query["cursor"], !text.isEmpty else { return nil }
        guard let value = UInt64(text) else { throw APIError.badRequest("cursor must be a value from next_cursor") }
        return value
    }

    /// `after=`: a log sequence number (0 when absent).
    static func after(_ query: [String: String]) throws -> UInt64 {
        guard let text = query["after"], !text.isEmpty else { return 0 }
        guard let value = UInt64(text) else { throw APIError.badRequest("after must be a log sequence number") }
        return value
    }

    func claim(_ id: String) throws -> APIResponse {
        guard let json = try self.projection.claim(id: id) else { throw APIError.notFound("no claim \(id)") }
        return .json(json)
    }

    func alerts(_ query: [String: String]) throws -> APIResponse {
        let alerts = try self.projection.alerts(after: try Self.after(query), limit: try Self.limit(query, maximum: 10_000) ?? 100)
        return .json("{\"alerts\":[\(alerts.map(\.json).joined(separator: ","))]}")
    }

    /// The stream's filters, the fields of an `[[alert_rule]]`; each may be given more than once
    /// comma-separated (`kind=claim.new,claim.contested`).
    static func streamFilter(_ query: [String: String]) throws -> AlertRule {
        func list(_ key: String) -> [String] {
            (query[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var rule = AlertRule(name: "stream")
        rule.actors = list("actor")
        rule.places = list("place")
        rule.countries = list("country")
        rule.kinds = list("kind")
        for kind in rule.kinds where !AlertRule.kindNames.contains(kind) {
            throw APIError.badRequest("kind must be one of \(AlertRule.kindNames.joined(separator: ", "))")
        }
        if let text = query["min_sources"], !text.isEmpty {
            guard let count = Int(text), count >= 1 else { throw APIError.badRequest("min_sources must be an integer ≥ 1") }
            rule.minIndependentSources = count
        }
        if let text = query["within_km"], !text.isEmpty {
            guard let km = Double(text), km > 0, !rule.places.isEmpty else {
                throw APIError.badRequest("within_km must be a positive number, with place= to measure from")
            }
            rule.withinKm = km
        }
        return rule
    }

    func stream(_ request: APIRouter.Request) throws -> APIResponse {
        let lastEventID = request.headers.first(name: "Last-Event-ID").flatMap { UInt64($0) }
        let after = lastEventID ?? request.query["after"].flatMap { UInt64($0) } ?? self.log.head.seq
        let format: APIResponse.StreamFormat = request.query["format"] == "ndjson" ? .ndjson : .sse
        return .alertStream(.init(after: after, format: format, filter: try Self.streamFilter(request.query)))
    }

    func articleText(_ id: String) throws -> APIResponse {
        guard id.count == 64, id.allSatisfy(\.isHexDigit), let text = try self.texts.text(id: id) else {
            throw APIError.notFound("no article \(id)")
        }
        return .body(status: .ok, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// Alerts after `seq` from the read model, decoded, for the start of a stream.
    func backlog(after seq: UInt64) throws -> [Alert] {
        let decoder = JSONDecoder()
        return try self.projection.alerts(after: seq, limit: 10_000).map { row in
            var alert = try decoder.decode(Alert.self, from: Data(row.json.utf8))
            alert.seq = row.seq
            return alert
        }
    }
}
