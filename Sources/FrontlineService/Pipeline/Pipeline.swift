import FrontlineStore
public import Logging
public import ServiceLifecycle

/// The ingest service: inbox events go to the ingestor, which decides outcomes and submits their
/// records; the finisher acts on them once durable. On graceful shutdown the watcher stops, and
/// everything already submitted is finished before the service returns.
public struct Pipeline: Service {
    let watcher: InboxWatcher
    let ingestor: ArticleIngestor
    let finisher: OutcomeFinisher
    let readiness: ReadinessGate
    let logger: Logger

    public init(
        watcher: InboxWatcher, ingestor: ArticleIngestor, projection: Projection, hub: AlertHub, hook: AlertHook? = nil,
        settings: LiveSettings, checkpointer: Checkpointer?, readiness: ReadinessGate, logger: Logger,
        metrics: DaemonMetrics? = nil, status: @escaping @Sendable () async -> Void
    ) {
        self.watcher = watcher
        self.ingestor = ingestor
        self.finisher = OutcomeFinisher(
            ingestor: ingestor, projection: projection, hub: hub, hook: hook, settings: settings,
            checkpointer: checkpointer, logger: logger, metrics: metrics, afterEach: status)
        self.readiness = readiness
        self.logger = logger
    }

    public func run() async throws {
        let events = self.watcher.events()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await self.finisher.run()
                    } catch {
                        // A failed commit: stop taking files; the ingest loop ends and rethrows.
                        self.watcher.stop()
                        throw error
                    }
                }
                await self.ingestor.queueOutbox()
                do {
                    try await withGracefulShutdownHandler {
                        for await event in events {
                            if Task.isShuttingDownGracefully { break }
                            switch event {
                            case .initialScanQueued:
                                await self.readiness.mark(.initialScanQueued)
                            case .file(let name):
                                try await self.ingestor.take(name: name)
                            }
                        }
                    } onGracefulShutdown: {
                        self.watcher.stop()
                    }
                } catch {
                    await self.ingestor.finishInput()
                    throw error
                }
                await self.ingestor.finishInput()
                try await group.waitForAll()
            }
        } catch {
            self.logger.critical("event log write failed; stopping so no data is lost", metadata: ["error": "\(error)"])
            self.watcher.stop()
            throw error
        }
    }
}
