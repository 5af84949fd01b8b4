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
        let (configuration, lexiconDirectory, lexicon) = try self.loadConfiguration()
        if self.checkConfig {
            print("config: \(self.configFile ?? "(built-in defaults)")")
            print("inbox: \(configuration.inbox)")
            print("state_dir: \(configuration.stateDirectory)")
            print("socket: \(configuration.socketPath)")
            print("lexicon: \(lexiconDirectory) (version \(lexicon.version), \(lexicon.actors.count) actors, \(lexicon.triggers.count) triggers, \(lexicon.gazetteer.count) places)")
            print("ok")
            return
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "frontlined")
        do {
            try await Self.serve(configuration: configuration, lexicon: lexicon, logger: logger)
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

    func loadConfiguration() throws -> (DaemonConfiguration, String, Lexicon) {
        do throws(ConfigurationError) {
            var configuration = DaemonConfiguration()
            if let file = self.configFile { configuration = try DaemonConfiguration.load(file: file) }
            if let inbox { configuration.inbox = inbox }
            if let stateDirectory { configuration.stateDirectory = stateDirectory }
            if let socket { configuration.socketPath = socket }
            if let logLevel { configuration.logLevel = logLevel }
            guard let directory = LexiconLoader.locate(configured: configuration.lexiconDirectory, configFile: self.configFile) else {
                throw ConfigurationError(
                    file: self.configFile ?? "(defaults)",
                    reason: "no lexicon found; set lexicon_dir in the config (searched \(LexiconLoader.searchPaths(configFile: self.configFile).joined(separator: ", ")))")
            }
            return (configuration, directory, try LexiconLoader.load(directory: directory))
        } catch {
            FileHandle.standardError.write(Data("frontlined: configuration error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func serve(configuration: DaemonConfiguration, lexicon: Lexicon, logger: Logger) async throws {
        let startedAt = Date()
        let state = FilePath(configuration.stateDirectory)
        for directory in [configuration.inbox, configuration.processedDirectory, configuration.rejectedDirectory] {
            try Syscalls.makeDirectory(FilePath(directory))
        }
        let lock = try StateDirectoryLock(stateDirectory: state)
        defer { withExtendedLifetime(lock) {} }

        let (log, recovery, records) = try EventLog.open(directory: state.appending("log"))
        if recovery.truncatedBytes > 0 {
            logger.warning(
                "torn log tail cut back after an unclean stop",
                metadata: [
                    "log.cut_bytes": "\(recovery.truncatedBytes)", "log.saved_to": "\(recovery.savedTailPath ?? "-")",
                    "log.reason": "\(recovery.tailReason ?? "-")",
                ])
        }
        let projection = try Projection(path: state.appending("index.sqlite").string)
        let applied = try projection.lastAppliedSeq()
        try projection.apply(records.filter { $0.seq > applied })
        let texts = try ArticleTextStore(directory: state.appending("articles"))
        let checkpointer = try Checkpointer(
            store: CheckpointStore(stateDirectory: state), interval: configuration.checkpointInterval, logger: logger)
        checkpointer.write(log.head)
        let hub = AlertHub(journal: configuration.journalAlerts ? JournalAlertSink() : nil, logger: logger)
        let ingestor = try ArticleIngestor(
            configuration: configuration, lexicon: lexicon, log: log, replay: records, texts: texts,
            hub: hub, logger: logger)
        let claimCount = await ingestor.claimCount
        logger.info(
            "recovered", metadata: ["log.records": "\(log.head.records)", "claims": "\(claimCount)", "read_model.caught_up_from": "\(applied)"])

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
            watcher: watcher, ingestor: ingestor, projection: projection, hub: hub, configuration: configuration,
            checkpointer: checkpointer, readiness: readiness, logger: logger, metrics: metrics
        ) {
            notifier.status(await statusText())
        }
        let listener: APIServer.Listener =
            notifier.inheritedListener().map { .inherited(fd: $0) }
            ?? .path(configuration.socketPath, mode: configuration.socketMode, group: configuration.socketGroup)
        let context = APIContext(
            projection: projection, log: log, texts: texts, hub: hub, configuration: configuration, metrics: metrics,
            lexicon: lexicon, startedAt: startedAt)
        let server = APIServer(listener: listener, context: context, readiness: readiness, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: pipeline), .init(service: server),
                    .init(service: ShutdownNotifier(notifier: notifier)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        log.close()
        checkpointer.write(log.head)
        logger.info("stopped", metadata: ["log.head_seq": "\(log.head.seq)"])
    }
}
