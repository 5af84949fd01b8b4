import Crypto
import Foundation
import FrontlineCore
public import FrontlineStore
public import Logging
import SystemPackage

/// What happened to one inbox file.
public enum IngestOutcome: Sendable, Equatable {
    case processed(article: String, claims: Int, alerts: Int, language: String)
    case duplicate(article: String, of: String)
    case rejected(reason: String)
    /// The file's outcome was already in the log (a crash came between the record and the move);
    /// the file is moved now, with no second record.
    case alreadyRecorded
    /// The file vanished before it could be read; nothing to record.
    case gone
}

/// Decides each inbox file's outcome and hands its records to the log, in arrival order.
///
/// Files are read, hashed and extracted, and their texts stored, several at a time
/// (``PreparedFile``). The actor does the serial part (merge in the ledger, submit to the log),
/// taking prepared files in arrival order, and does not wait for the disk: the next file is
/// merged while the previous records are being fsynced, so under load many articles share one
/// fsync (group commit). Everything that acts on
/// the records (read model, alerts, moving the file) happens in ``OutcomeFinisher`` once the
/// commit is durable, in the same order.
public actor ArticleIngestor {
    /// The configuration and lexicon, read once per file (a reload swaps them between files).
    let settings: LiveSettings
    let log: EventLog
    let texts: ArticleTextStore
    let hub: AlertHub
    let logger: Logger
    var ledger: ClaimLedger
    /// Inbox files whose outcome is in the log, by identity (see ``FileIdentity``).
    let recorded: RecordedFiles
    /// Files submitted and not yet finished; `true` when an event for the name came meanwhile.
    var inFlight: [InboxName: Bool] = [:]
    /// Alerts raised in the log and not yet delivered to the journal (the outbox), in log order.
    var outbox: [Alert] = []
    /// The log's account of alerts owed a delivery, kept as replay keeps it (for snapshots).
    var alerts: AlertBook
    /// The last record submitted.
    var position: LogPosition
    /// Alerts queued for the hook and not yet run, in log order, and every alert id the hook took.
    public private(set) var hookBacklog: [Alert] = []
    public private(set) var hookKnown: Set<String> = []
    let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Queued and finished outcomes, for the watchdog.
    nonisolated public let progress = PipelineProgress()
    nonisolated public let pending: AsyncStream<PendingOutcome>
    let pendingInput: AsyncStream<PendingOutcome>.Continuation

    init(
        settings: LiveSettings, log: EventLog, state: IngestState,
        texts: ArticleTextStore, hub: AlertHub, logger: Logger
    ) {
        self.settings = settings
        self.log = log
        self.texts = texts
        self.hub = hub
        self.logger = logger
        (self.pending, self.pendingInput) = AsyncStream.makeStream()
        self.ledger = state.ledger
        self.recorded = RecordedFiles(state.recorded)
        self.alerts = state.alerts
        self.position = state.position
        self.outbox = state.alerts.outbox
        self.hookBacklog = state.alerts.hookBacklog
        self.hookKnown = state.alerts.hookKnown
    }

    /// An ingestor whose state is the replay of `replay` (the whole log).
    public init(
        settings: LiveSettings, log: EventLog, replay: [StoredRecord],
        texts: ArticleTextStore, hub: AlertHub, logger: Logger
    ) throws {
        var state = IngestState(configuration: settings.configuration.ledgerConfiguration)
        try state.apply(replay)
        self.init(settings: settings, log: log, state: state, texts: texts, hub: hub, logger: logger)
    }

    /// The state to snapshot: what replaying the log up to ``IngestState/position`` gives.
    func state() -> IngestState {
        var state = IngestState(configuration: self.ledger.configuration)
        state.ledger = self.ledger
        state.recorded = self.recorded.all
        state.alerts = self.alerts
        state.position = self.position
        return state
    }

    /// Submits a batch to the log and notes it in the alert book and the position, as replay would.
    func submit(_ events: [FrontlineCore.LogEvent], syncFirst: [FilePath] = []) throws(StoreError) -> LogCommit {
        let commit = try self.log.submit(events, timeMillis: Self.nowMillis(), syncFirst: syncFirst)
        for (stored, event) in zip(commit.records, events) { self.alerts.note(event, seq: stored.seq) }
        if let last = commit.records.last { self.position = LogPosition(seq: last.seq, hash: last.hash) }
        self.alerts.pruneWhenGrown()
        return commit
    }

    public var claimCount: Int { self.ledger.claimCount }

    /// Takes one inbox event: reads the file, decides its outcome, submits its records and queues
    /// it for the finisher. A name already in flight is looked at again once it is finished.
    /// - Throws: ``StoreError`` when the log cannot be written: the daemon must stop (exit 2).
    public func take(name: InboxName) throws(StoreError) {
        if self.inFlight[name] != nil {
            self.inFlight[name] = true
            return
        }
        try self.take(self.prepare(name))
    }

    /// Reads and extracts a file off the actor; ``take(_:)`` decides its outcome.
    nonisolated func prepare(_ name: InboxName) -> PreparedFile {
        PreparedFile.prepare(name, settings: self.settings, texts: self.texts, recorded: self.recorded)
    }

    /// Takes a prepared file, in arrival order: decides its outcome, submits its records and
    /// queues it for the finisher. A name already in flight is looked at again once it is
    /// finished (and read again then: what was prepared may be an older version of the file).
    /// - Throws: ``StoreError`` when the log cannot be written: the daemon must stop (exit 2).
    func take(_ prepared: PreparedFile) throws(StoreError) {
        let name = prepared.name
        if self.inFlight[name] != nil {
            self.inFlight[name] = true
            return
        }
        guard var outcome = try self.decide(prepared) else { return }
        outcome.started = prepared.started
        self.inFlight[name] = false
        self.enqueue(outcome)
    }

    /// Hands an outcome to the finisher.
    func enqueue(_ outcome: PendingOutcome) {
        self.progress.queued()
        self.pendingInput.yield(outcome)
    }

    /// Returns once the actor takes a message: the watchdog's proof that ingest is not stuck.
    public func ping() {}

    /// Marks a name finished; returns whether it must be looked at again.
    func finished(name: InboxName) -> Bool {
        self.inFlight.removeValue(forKey: name) ?? false
    }

    /// Queues the outbox (alerts raised before a restart and never delivered) for delivery.
    public func queueOutbox() {
        guard !self.outbox.isEmpty else { return }
        self.logger.notice("delivering alerts left undelivered by the last run", metadata: ["alerts": "\(self.outbox.count)"])
        self.enqueue(PendingOutcome(name: nil, outcome: .gone, commit: nil, disposal: .none, redeliver: self.outbox))
        self.outbox = []
    }

    /// Records what was handed to (or kept from) delivery targets, ordered with everything else in the log.
    func recordDeliveries(_ records: [DeliveryRecord]) throws(StoreError) {
        let records = records.filter { !($0.alerts.isEmpty && $0.filtered.isEmpty && $0.queued.isEmpty) }
        guard !records.isEmpty else { return }
        let commit = try self.submit(records.map { .alertDelivered($0) })
        self.enqueue(PendingOutcome(name: nil, outcome: .gone, commit: commit, disposal: .none))
    }

    /// Whether an analyst retracted the claim or merged it into another.
    func isCorrectedAway(_ claimID: String) -> Bool {
        self.ledger.claims[claimID]?.isCorrectedAway ?? false
    }

    /// Records an analyst's correction (after ingest of the files before it, like any record) and
    /// calls `done` once it is durable and in the read model (`false` if the log write failed).
    /// - Throws: ``CorrectionError`` for a correction that cannot be made (nothing is recorded),
    ///   ``StoreError`` when the log cannot be written.
    public func correct(_ request: CorrectionRequest, done: @escaping @Sendable (Bool) -> Void) throws -> CorrectionRecord {
        let events = try self.ledger.correct(request, now: self.nowISO())
        let commit = try self.submit(events)
        var pending = PendingOutcome(name: nil, outcome: .gone, commit: commit, disposal: .none)
        pending.projected = done
        self.enqueue(pending)
        guard case .claimCorrected(let record) = events.first else { preconditionFailure("a correction is one claim.corrected record") }
        return record
    }

    /// No more input: the finisher ends once everything queued is finished.
    public func finishInput() {
        self.pendingInput.finish()
    }

    func decide(_ prepared: PreparedFile) throws(StoreError) -> PendingOutcome? {
        let name = prepared.name
        // Kept files (processed = "keep") and files a crash left behind: moved (or kept) with no
        // new record. Checked again here: the file may have been recorded while it was prepared.
        if let source = prepared.content.source, let disposal = self.recorded[source] {
            return PendingOutcome(name: name, outcome: .alreadyRecorded, commit: nil, disposal: disposal)
        }
        switch prepared.content {
        case .gone:
            return nil
        case .known:
            // Answered above: a recorded identity is never forgotten.
            return PendingOutcome(name: name, outcome: .alreadyRecorded, commit: nil, disposal: .processed)
        case .unusable(let reason, let source):
            return try self.reject(name: name, id: nil, reason: reason, source: source)
        case .unreadable(let id, let reason, let source):
            if self.ledger.containsArticle(id) { return try self.duplicate(name: name, id: id, source: source) }
            return try self.reject(name: name, id: id, reason: reason, source: source)
        case .article(let readable, let source):
            if self.ledger.containsArticle(readable.id) { return try self.duplicate(name: name, id: readable.id, source: source) }
            return try self.accept(readable, name: name, source: source)
        }
    }

    /// A new article: merged into the ledger, its records submitted once its text is durable.
    func accept(_ readable: PreparedFile.Readable, name: InboxName, source: FileIdentity) throws(StoreError) -> PendingOutcome {
        var events = self.ledger.ingest(article: readable.article, bytes: readable.bytes, extraction: readable.extraction, now: self.nowISO())
        if case .articleAccepted(var record) = events.first {
            record.source = source
            events[0] = .articleAccepted(record)
        }
        let syncFirst = try readable.text.get()
        let commit = try self.submit(events, syncFirst: syncFirst)
        self.recorded[source] = .processed
        let alerts = events.filter { if case .alertRaised = $0 { true } else { false } }.count
        return PendingOutcome(
            name: name,
            outcome: .processed(article: readable.id, claims: readable.extraction.claims.count, alerts: alerts, language: readable.article.language),
            commit: commit, disposal: .processed)
    }

    /// The same bytes as an article already in the log.
    func duplicate(name: InboxName, id: String, source: FileIdentity) throws(StoreError) -> PendingOutcome {
        let commit = try self.submit([.articleDuplicate(DuplicateRecord(id: id, file: name.display, duplicateOf: id, source: source))])
        self.recorded[source] = .processed
        return PendingOutcome(name: name, outcome: .duplicate(article: id, of: id), commit: commit, disposal: .processed)
    }

    func reject(name: InboxName, id: String?, reason: String, source: FileIdentity?) throws(StoreError) -> PendingOutcome {
        let commit = try self.submit([.articleRejected(RejectedRecord(id: id, file: name.display, reason: reason, source: source))])
        if let source { self.recorded[source] = .rejected(reason) }
        return PendingOutcome(name: name, outcome: .rejected(reason: reason), commit: commit, disposal: .rejected(reason))
    }

    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func nowISO() -> String {
        self.isoFormatter.string(from: Date())
    }
}

/// One file's outcome (or an outbox delivery), submitted to the log and maybe not durable yet.
public struct PendingOutcome: Sendable {
    public enum Disposal: Sendable, Equatable {
        case processed
        case rejected(String)
        case none
    }

    /// The inbox file's name; nil for the log's own records (deliveries).
    public var name: InboxName?
    public var outcome: IngestOutcome
    var commit: LogCommit?
    var disposal: Disposal
    /// Alerts from the outbox to deliver again (after a restart).
    var redeliver: [Alert] = []
    /// When the ingestor took the file, for the ingest latency histogram.
    var started: ContinuousClock.Instant?
    /// Called once the records are durable and in the read model (`true`), or failed (`false`).
    var projected: (@Sendable (Bool) -> Void)?
}
