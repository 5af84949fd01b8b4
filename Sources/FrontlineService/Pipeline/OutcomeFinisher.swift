import Foundation
import FrontlineCore
import FrontlineStore
import Logging

/// Acts on outcomes once their records are durable, strictly in log order: read model, alerts
/// (stream subscribers, then the journal, whose delivery the outbox records), then the inbox file
/// is moved. Nothing here runs before the commit's fsync returned.
struct OutcomeFinisher {
    let ingestor: ArticleIngestor
    let projection: Projection
    let hub: AlertHub
    /// The alert hook's outbox, when the daemon runs one.
    let hook: AlertHook?
    let settings: LiveSettings
    let checkpointer: Checkpointer?
    let logger: Logger
    let metrics: DaemonMetrics?
    let afterEach: @Sendable () async -> Void

    /// Finishes outcomes until the ingestor's input ends.
    func run() async throws(StoreError) {
        for await pending in self.ingestor.pending {
            try await self.finish(pending)
        }
    }

    func finish(_ pending: PendingOutcome) async throws(StoreError) {
        defer { self.ingestor.progress.finished() }
        var projected = false
        defer { if !projected { pending.projected?(false) } }
        var alerts: [Alert] = []
        if let commit = pending.commit {
            try await commit.durable()
            self.project(commit.records)
            projected = true
            pending.projected?(true)
            // Only alert records are decoded again (claim records can be large).
            for stored in commit.records where stored.type == "alert.raised" {
                if case .alertRaised(var alert) = try? stored.event() {
                    alert.seq = stored.seq
                    alerts.append(alert)
                }
            }
        }
        self.hub.broadcast(alerts)
        try await self.deliver(alerts + pending.redeliver)
        if pending.commit != nil { self.checkpointer?.maybeWrite(self.ingestor.log.head) }
        if let started = pending.started {
            let elapsed = ContinuousClock.now - started
            self.metrics?.observeIngest(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        guard let name = pending.name else { return }
        self.dispose(name, pending.disposal)
        // A kept file seen again by a rescan is not news.
        if pending.outcome != .alreadyRecorded || !self.keeps(pending.disposal) { self.report(name, pending.outcome) }
        await self.afterEach()
        if await self.ingestor.finished(name: name) {
            try await self.ingestor.take(name: name)
        }
    }

    /// Journal and hook, as the `[[alert_rule]]` tables of the running configuration say; what
    /// went where (and what the rules kept back) is recorded in the log.
    func deliver(_ alerts: [Alert]) async throws(StoreError) {
        let candidates = alerts.filter(self.hub.needsDelivery)
        guard !candidates.isEmpty else { return }
        let live = self.settings.current
        let rules = live.configuration.alertRules
        /// The alerts the rules let through to `target`, and the ids of those they keep back.
        func split(_ alerts: [Alert], for target: AlertTarget) -> (admitted: [Alert], kept: [String]) {
            var admitted: [Alert] = []
            var kept: [String] = []
            for alert in alerts {
                if rules.admit(alert, to: target, lexicon: live.lexicon) { admitted.append(alert) } else { kept.append(alert.alertID) }
            }
            return (admitted, kept)
        }
        let journal = split(candidates, for: .journal)
        let delivered = await self.hub.deliver(journal.admitted)
        var records = [DeliveryRecord(target: self.hub.target, alerts: delivered, filtered: journal.kept)]
        if let hook = self.hook, live.configuration.alertCommand != nil {
            let (queued, kept) = split(candidates.filter { !hook.knows($0.alertID) }, for: .hook)
            records.append(DeliveryRecord(target: "hook", alerts: [], filtered: kept, queued: queued.map(\.alertID)))
            hook.remember(kept)
            hook.admit(queued)
        }
        try await self.ingestor.recordDeliveries(records)
    }

    func project(_ records: [StoredRecord]) {
        do {
            try self.projection.apply(records)
        } catch {
            // The log holds the records; the read model catches up from it at the next start.
            self.logger.error("read model update failed; it catches up from the log at the next start", metadata: ["error": "\(error)"])
        }
    }

    func dispose(_ name: InboxName, _ disposal: PendingOutcome.Disposal) {
        let configuration = self.settings.configuration
        let inbox = configuration.inbox
        switch disposal {
        case .processed:
            switch configuration.processed {
            case .move: InboxFile.move(name, from: inbox, to: configuration.processedDirectory)
            case .delete: InboxFile.delete(name, in: inbox)
            case .keep: break
            }
        case .rejected(let reason):
            switch configuration.rejected {
            case .move:
                if let moved = InboxFile.move(name, from: inbox, to: configuration.rejectedDirectory) {
                    InboxFile.writeReason(reason, for: moved, in: configuration.rejectedDirectory)
                } else {
                    self.logger.error(
                        "cannot move the rejected file to rejected/; it stays in the inbox",
                        metadata: ["article.path": "\(name)", "errno": "\(errno)"])
                }
            case .delete: InboxFile.delete(name, in: inbox)
            case .keep: break
            }
        case .none:
            break
        }
    }

    func keeps(_ disposal: PendingOutcome.Disposal) -> Bool {
        let configuration = self.settings.configuration
        return switch disposal {
        case .processed: configuration.processed == .keep
        case .rejected: configuration.rejected == .keep
        case .none: true
        }
    }

    func report(_ name: InboxName, _ outcome: IngestOutcome) {
        switch outcome {
        case .processed(let article, let claims, let alerts, let language):
            if language != "en" {
                self.logger.notice(
                    "article recorded without claims: not in English",
                    metadata: ["article.path": "\(name)", "article.id": "\(article)", "language": "\(language)"])
            } else {
                self.logger.info(
                    "article processed",
                    metadata: ["article.path": "\(name)", "article.id": "\(article)", "claims": "\(claims)", "alerts": "\(alerts)"])
            }
        case .duplicate(let article, _):
            self.logger.info("duplicate article", metadata: ["article.path": "\(name)", "article.id": "\(article)"])
        case .rejected(let reason):
            self.logger.warning("article rejected", metadata: ["article.path": "\(name)", "reason": "\(reason)"])
        case .alreadyRecorded:
            self.logger.notice("outcome already in the log (the last run stopped before moving the file); moved now", metadata: ["article.path": "\(name)"])
        case .gone:
            break
        }
    }
}
