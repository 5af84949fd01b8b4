import Crypto
import Foundation
public import FrontlineCore
public import FrontlineStore
public import Logging
import SystemPackage

/// What happened to one inbox file.
public enum IngestOutcome: Sendable, Equatable {
    case processed(article: String, claims: Int, alerts: Int)
    case duplicate(article: String, of: String)
    case rejected(reason: String)
    /// The file vanished before it could be read; nothing to record.
    case gone
}

/// Turns one inbox file into durable log records, then read-model rows, alerts and a move.
///
/// The order is the product's promise: text stored and records fsynced first; only then is the
/// read model updated, alerts delivered and the file moved out of the inbox.
public actor ArticleIngestor {
    let configuration: DaemonConfiguration
    let log: EventLog
    let projection: Projection
    let texts: ArticleTextStore
    let hub: AlertHub
    let logger: Logger
    var lexicon: Lexicon
    var ledger: ClaimLedger

    public private(set) var outcomes = 0

    public init(
        configuration: DaemonConfiguration, lexicon: Lexicon, log: EventLog, replay: [StoredRecord], projection: Projection,
        texts: ArticleTextStore, hub: AlertHub, logger: Logger
    ) throws {
        self.configuration = configuration
        self.lexicon = lexicon
        self.log = log
        self.projection = projection
        self.texts = texts
        self.hub = hub
        self.logger = logger
        var ledgerConfiguration = ClaimLedger.Configuration()
        ledgerConfiguration.dateWindowDays = configuration.dateWindowDays
        ledgerConfiguration.backfillHorizonDays = configuration.backfillHorizonDays
        var ledger = ClaimLedger(configuration: ledgerConfiguration)
        for stored in replay { ledger.apply(try stored.event()) }
        self.ledger = ledger
    }

    public var claimCount: Int { self.ledger.claimCount }

    /// Processes one inbox file to exactly one outcome.
    /// - Throws: ``StoreError`` when the log cannot be written: the daemon must stop (exit 2).
    public func ingest(name: String) async throws(StoreError) -> IngestOutcome {
        let path = self.configuration.inbox + "/" + name
        let bytes: [UInt8]
        switch InboxFile.read(path: path, maxBytes: self.configuration.maxArticleBytes) {
        case .gone:
            return .gone
        case .unusable(let reason):
            return try self.reject(name: name, id: nil, reason: reason)
        case .bytes(let read):
            bytes = read
        }
        let id = Hex.encode(SHA256.hash(data: bytes))
        if self.ledger.containsArticle(id) {
            let records = try self.log.append(
                [.articleDuplicate(DuplicateRecord(id: id, file: name, duplicateOf: id))], timeMillis: Self.nowMillis())
            try self.project(records)
            self.dispose(name, disposition: self.configuration.processed, into: self.configuration.processedDirectory)
            self.logger.info("duplicate article", metadata: ["article.path": "\(name)", "article.id": "\(id)"])
            self.outcomes += 1
            return .duplicate(article: id, of: id)
        }
        if bytes.contains(0) {
            return try self.reject(name: name, id: id, reason: "looks binary (contains NUL bytes); only text articles are read")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return try self.reject(name: name, id: id, reason: "is not valid UTF-8 text; convert it to UTF-8 and drop it again")
        }
        let article = TextArticleReader(lexicon: self.lexicon).read(id: id, file: name, text: text)
        let extraction = ClaimExtractor(lexicon: self.lexicon).extract(article: article)
        let events = self.ledger.ingest(article: article, bytes: bytes.count, extraction: extraction, now: Self.nowISO())
        try self.texts.store(id: id, text: text)
        let records = try self.log.append(events, timeMillis: Self.nowMillis())
        try self.project(records)
        var alerts: [Alert] = []
        for stored in records {
            if case .alertRaised(var alert) = try? stored.event() {
                alert.seq = stored.seq
                alerts.append(alert)
            }
        }
        await self.hub.publish(alerts)
        self.dispose(name, disposition: self.configuration.processed, into: self.configuration.processedDirectory)
        self.logger.info(
            "article processed",
            metadata: [
                "article.path": "\(name)", "article.id": "\(id)", "claims": "\(extraction.claims.count)",
                "alerts": "\(alerts.count)",
            ])
        self.outcomes += 1
        return .processed(article: id, claims: extraction.claims.count, alerts: alerts.count)
    }

    func reject(name: String, id: String?, reason: String) throws(StoreError) -> IngestOutcome {
        let records = try self.log.append(
            [.articleRejected(RejectedRecord(id: id, file: name, reason: reason))], timeMillis: Self.nowMillis())
        try self.project(records)
        if self.configuration.rejected == .move {
            let target = self.configuration.rejectedDirectory
            if let moved = InboxFile.move(name, from: self.configuration.inbox, to: target) {
                try? (reason + "\n").write(toFile: moved + ".reason", atomically: true, encoding: .utf8)
            }
        } else if self.configuration.rejected == .delete {
            unlink(self.configuration.inbox + "/" + name)
        }
        self.logger.warning("article rejected", metadata: ["article.path": "\(name)", "reason": "\(reason)"])
        self.outcomes += 1
        return .rejected(reason: reason)
    }

    func project(_ records: [StoredRecord]) throws(StoreError) {
        do {
            try self.projection.apply(records)
        } catch {
            // The log holds the records; the read model catches up from it at the next start.
            self.logger.error("read model update failed", metadata: ["error": "\(error)"])
        }
    }

    func dispose(_ name: String, disposition: DaemonConfiguration.FileDisposition, into directory: String) {
        switch disposition {
        case .move: InboxFile.move(name, from: self.configuration.inbox, to: directory)
        case .delete: unlink(self.configuration.inbox + "/" + name)
        case .keep: break
        }
    }

    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func nowISO() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
