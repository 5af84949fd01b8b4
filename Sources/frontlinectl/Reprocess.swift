import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService
import FrontlineStore
import SystemPackage

/// `frontlinectl reprocess`: extracts every stored article again with the current lexicons and
/// appends what changed (claims added, claims withdrawn) as new records; history is never
/// rewritten. It takes the state directory's lock, so the daemon must be stopped meanwhile.
struct Reprocess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-extract stored articles with the current lexicons and log the differences.",
        discussion: """
            Stop frontlined first (systemctl stop frontline): reprocess writes the log itself. Claims the \
            new lexicons find are merged like any mention and may raise alerts (older than the backfill \
            horizon: recorded, not alerted); the daemon delivers them when it starts. Claims no longer \
            found lose that article as a source; a claim with no source left becomes `withdrawn`.
            """)

    @OptionGroup var state: StateDirectoryOption
    @Option(help: "Configuration file: its lexicon_dir, date_window_days and backfill_horizon_days.") var config: String?
    @Flag(help: "Report the differences without writing anything.") var dryRun = false
    @Flag(help: "Print the summary as JSON.") var json = false

    struct Summary: Encodable {
        var extractor: String
        var articles = 0
        var changed = 0
        var claimsAdded = 0
        var claimsWithdrawn = 0
        var claimsCreated = 0
        var alerts = 0
        var missingText: [String] = []
        var written = false

        enum CodingKeys: String, CodingKey {
            case extractor, articles, changed, alerts, written
            case claimsAdded = "claims_added"
            case claimsWithdrawn = "claims_withdrawn"
            case claimsCreated = "claims_created"
            case missingText = "missing_text"
        }
    }

    func run() throws {
        let lexicon = try OfflineLexicon.load(config: self.config)
        let ledgerConfiguration = try self.config.map { try Self.configuration(file: $0).ledgerConfiguration } ?? ClaimLedger.Configuration()
        let stateDirectory = FilePath(self.state.stateDirectory)
        _ = try self.state.storage()
        let lock: StateDirectoryLock? = self.dryRun ? nil : try StateDirectoryLock(stateDirectory: stateDirectory)
        defer { withExtendedLifetime(lock) {} }

        let log: EventLog?
        let records: [StoredRecord]
        if self.dryRun {
            (records, _, _) = try EventLog.readAll(directory: self.state.logDirectory)
            log = nil
        } else {
            let opened = try EventLog.open(directory: self.state.logDirectory)
            (log, records) = (opened.log, opened.records)
        }
        defer { log?.close() }

        var ledger = ClaimLedger(configuration: ledgerConfiguration)
        var order: [String] = []
        for stored in records {
            let event = try stored.event()
            ledger.apply(event)
            if case .articleAccepted(let record) = event { order.append(record.id) }
        }

        let texts = try ArticleTextStore(directory: stateDirectory.appending("articles"))
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        let now = StoredRecord.iso.string(from: Date())
        var summary = Summary(extractor: extractor.tag)
        var lastCommit: LogCommit?
        for id in order {
            guard let record = ledger.article(id) else { continue }
            summary.articles += 1
            guard let text = try texts.text(id: id) else {
                summary.missingText.append(id)
                continue
            }
            let article = reader.article(restoring: record, text: text)
            let events = ledger.reprocess(articleID: id, extraction: extractor.extract(article: article), extractor: extractor.tag, now: now)
            guard !events.isEmpty else { continue }
            summary.changed += 1
            for event in events {
                switch event {
                case .articleReprocessed(let change):
                    summary.claimsAdded += change.added.count
                    summary.claimsWithdrawn += change.withdrawn.count
                case .claimUpdated(let update) where update.created: summary.claimsCreated += 1
                case .alertRaised: summary.alerts += 1
                default: break
                }
            }
            if let log { lastCommit = try log.submit(events, timeMillis: Int64(Date().timeIntervalSince1970 * 1000)) }
        }
        try lastCommit?.waitDurable()
        summary.written = lastCommit != nil
        self.report(summary)
    }

    func report(_ summary: Summary) {
        if self.json {
            try? Eval.printJSON(summary)
            return
        }
        print("reprocessed \(summary.articles) articles with \(summary.extractor)")
        print("changed: \(summary.changed) articles; claims added to: \(summary.claimsAdded) (\(summary.claimsCreated) new), withdrawn from: \(summary.claimsWithdrawn); alerts: \(summary.alerts)")
        for id in summary.missingText {
            print("skipped \(id): its stored text is missing from \(self.state.stateDirectory)/articles (restore it from a backup to reprocess it)")
        }
        if self.dryRun {
            print("dry run: nothing written")
        } else if summary.written {
            print("appended to \(self.state.logDirectory); start frontlined to update the read model and deliver the alerts")
        } else {
            print("no differences: nothing written")
        }
    }

    static func configuration(file: String) throws -> DaemonConfiguration {
        do {
            return try DaemonConfiguration.load(file: file)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
