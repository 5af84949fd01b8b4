import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService
import FrontlineStore
import Logging
import ServiceLifecycle
import SystemPackage

/// The composition root: configuration, logging, recovery, then one `ServiceGroup`.
@main
struct Frontlined: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontlined",
        abstract: "Watch an inbox of news articles, extract territorial claims, keep them in a tamper-evident log and alert on new ones.")

    @Option(help: "Configuration file (default: /etc/frontline/frontline.toml if it exists).")
    var config: String?
    @Option(help: "Inbox directory to watch.")
    var inbox: String?
    @Option(name: .customLong("state-dir"), help: "State directory (log, article texts, read model).")
    var stateDirectory: String?
    @Option(help: "Unix socket path of the query API.")
    var socket: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?
    @Flag(name: .customLong("check-config"), help: "Validate configuration and lexicons, print what would be used, and exit.")
    var checkConfig = false

    func run() async throws {
        // SIGHUP means reload; until the reload service traps it (after recovery), ignore it rather
        // than die of its default action.
        signal(SIGHUP, SIG_IGN)
        let source = ConfigurationSource(
            file: self.configFile, inbox: self.inbox, stateDirectory: self.stateDirectory, socket: self.socket, logLevel: self.logLevel)
        let loaded: ConfigurationSource.Loaded
        do throws(ConfigurationError) {
            loaded = try source.load()
        } catch {
            FileHandle.standardError.write(Data("frontlined: configuration error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let configuration = loaded.configuration
        if self.checkConfig {
            let lexicon = loaded.lexicon
            print("config: \(self.configFile ?? "(built-in defaults)")")
            print("inbox: \(configuration.inbox)")
            print("state_dir: \(configuration.stateDirectory)")
            print("socket: \(configuration.socketPath)")
            print("lexicon: \(loaded.lexiconDirectory) (version \(lexicon.version), \(lexicon.actors.count) actors, \(lexicon.triggers.count) triggers, \(lexicon.gazetteer.count) places)")
            print("editors: \(configuration.editors.isEmpty ? "none" : configuration.editors.map(String.init).joined(separator: ", "))")
            print("alert_command: \(configuration.alertCommand?.joined(separator: " ") ?? "none") (timeout \(configuration.alertCommandTimeout) s)")
            print("alert rules: \(configuration.alertRules.isEmpty ? "none (every alert reaches the journal and the hook)" : configuration.alertRules.map(\.name).joined(separator: "; "))")
            print("ok")
            return
        }
        let levels = DiagnosticsLogging.bootstrap(level: Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let logger = Logger(label: "frontlined")
        do {
            try await Self.serve(
                source: source, settings: LiveSettings(configuration: configuration, lexicon: loaded.lexicon), levels: levels,
                outlinePath: URL(fileURLWithPath: loaded.lexiconDirectory).deletingLastPathComponent()
                    .appendingPathComponent("map/outline.json").path,
                logger: logger)
        } catch let error as StoreError where error.code != .locked {
            let advice =
                error.errno == .noSpace
                ? "free space on the state directory's filesystem and start frontlined again"
                : error.code == .corrupt
                    ? "see `frontlinectl log verify --state-dir \(configuration.stateDirectory)`"
                    : "check the disk and start frontlined again"
            logger.critical("storage failure; stopping", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(
                Data("frontlined: storage failure, stopping: \(error); \(advice). Nothing acknowledged is lost: files without an outcome stay in the inbox and are read again at the next start.\n".utf8))
            throw ExitCode(2)
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("frontlined: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    var configFile: String? {
        if let config { return config }
        return FileManager.default.fileExists(atPath: "/etc/frontline/frontline.toml") ? "/etc/frontline/frontline.toml" : nil
    }

    /// Opens the log (cutting back a torn tail), brings the read model up to it and rebuilds the
    /// ingestor's state: from `STATE/ingest.snapshot` and the records after it when the snapshot
    /// holds, else by replaying the whole log. The records read are dropped on return instead of
    /// living as long as `serve`.
    static func recover(
        state: FilePath, settings: LiveSettings, hub: AlertHub, logger: Logger
    ) throws -> (EventLog, Projection, ArticleTextStore, ArticleIngestor, UInt64, LogPosition?) {
        let projection = try Projection(path: state.appending("index.sqlite").string)
        let recovered = try IngestSnapshotFile(stateDirectory: state).recover(
            logDirectory: state.appending("log"), configuration: settings.configuration.ledgerConfiguration,
            readModelSeq: try projection.lastAppliedSeq(), logger: logger)
        let recovery = recovered.recovery
        if recovery.truncatedBytes > 0 {
            logger.warning(
                "torn log tail cut back after an unclean stop",
                metadata: [
                    "log.cut_bytes": "\(recovery.truncatedBytes)", "log.saved_to": "\(recovery.savedTailPath ?? "-")",
                    "log.reason": "\(recovery.tailReason ?? "-")",
                ])
        }
        let applied = try projection.catchUp(with: recovered.records)
        let texts = try ArticleTextStore(directory: state.appending("articles"))
        let ingestor = ArticleIngestor(settings: settings, recovered: recovered, texts: texts, hub: hub, logger: logger)
        return (recovered.log, projection, texts, ingestor, applied, recovered.fromSnapshot)
    }

    static func serve(
        source: ConfigurationSource, settings: LiveSettings, levels: LogLevelControl, outlinePath: String, logger: Logger
    ) async throws {
        let startedAt = Date()
        let configuration = settings.configuration
        let state = FilePath(configuration.stateDirectory)
        for directory in [configuration.inbox, configuration.processedDirectory, configuration.rejectedDirectory] {
            try Syscalls.makeDirectory(FilePath(directory))
        }
        let lock = try StateDirectoryLock(stateDirectory: state)
        defer { withExtendedLifetime(lock) {} }

        let hub = AlertHub(journal: configuration.journalAlerts ? JournalAlertSink() : nil, logger: logger)
        let (log, projection, texts, ingestor, applied, snapshot) = try Self.recover(state: state, settings: settings, hub: hub, logger: logger)
        let checkpointer = try Checkpointer(
            store: CheckpointStore(stateDirectory: state), interval: configuration.checkpointInterval, logger: logger)
        checkpointer.write(log.head)
        let hook = AlertHook(pending: await ingestor.hookBacklog, known: await ingestor.hookKnown)
        let claimCount = await ingestor.claimCount
        logger.info(
            "recovered",
            metadata: [
                "log.records": "\(log.head.records)", "claims": "\(claimCount)", "read_model.caught_up_from": "\(applied)",
                "snapshot.seq": "\(snapshot.map { String($0.seq) } ?? "none")",
            ])

        let metrics = DaemonMetrics()
        let notifier = SystemdNotifier()
        let statusText: @Sendable () async -> String = {
            let counters = try? projection.counters()
            return "watching \(configuration.inbox): \(counters?.articlesAccepted ?? 0) articles, \(counters?.claims ?? 0) claims, \(counters?.articlesRejected ?? 0) rejected"
        }
        let readiness = ReadinessGate {
            notifier.ready(status: await statusText())
            logger.info("ready")
        }
        let watcher = InboxWatcher(
            directory: configuration.inbox, rescanIntervalSeconds: configuration.rescanIntervalSeconds, logger: logger)
        let pipeline = Pipeline(
            watcher: watcher, ingestor: ingestor, projection: projection, hub: hub, hook: hook, settings: settings,
            checkpointer: checkpointer, readiness: readiness, logger: logger, metrics: metrics
        ) {
            notifier.status(await statusText())
        }
        let listener: APIServer.Listener =
            notifier.inheritedListener().map { .inherited(fd: $0) }
            ?? .path(configuration.socketPath, mode: configuration.socketMode, group: configuration.socketGroup)
        let context = APIContext(
            projection: projection, log: log, texts: texts, hub: hub, settings: settings, metrics: metrics, startedAt: startedAt,
            corrector: ingestor, hook: hook, outlinePath: outlinePath)
        let server = APIServer(listener: listener, context: context, readiness: readiness, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: pipeline), .init(service: server),
                    .init(service: WatchdogService(notifier: notifier, ingestor: ingestor, logger: logger)),
                    .init(
                        service: ReloadService(
                            source: source, settings: settings, levels: levels, notifier: notifier, logger: logger, status: statusText)),
                    .init(service: HookService(hook: hook, ingestor: ingestor, settings: settings, logger: logger)),
                    .init(service: ShutdownNotifier(notifier: notifier)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        log.close()
        checkpointer.write(log.head)
        await IngestSnapshotFile(stateDirectory: state).write(ingestor, log: log, loaded: snapshot, logger: logger)
        logger.info("stopped", metadata: ["log.head_seq": "\(log.head.seq)"])
        // The ingest state (every claim, article and index entry) is left for the process's exit to
        // reclaim at once: freed object by object it took 1.5 s of the stop at a million records.
        _ = Unmanaged.passRetained(ingestor)
    }
}
