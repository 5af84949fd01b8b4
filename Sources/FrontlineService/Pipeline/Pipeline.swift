import FrontlineStore
public import Logging
public import ServiceLifecycle

/// The ingest service: takes inbox events from the watcher and gives every file its outcome, one
/// at a time, in arrival order. On graceful shutdown it finishes the current article and stops.
public struct Pipeline: Service {
    let watcher: InboxWatcher
    let ingestor: ArticleIngestor
    let readiness: ReadinessGate
    let status: @Sendable () async -> Void
    let logger: Logger

    public init(
        watcher: InboxWatcher, ingestor: ArticleIngestor, readiness: ReadinessGate, logger: Logger,
        status: @escaping @Sendable () async -> Void
    ) {
        self.watcher = watcher
        self.ingestor = ingestor
        self.readiness = readiness
        self.logger = logger
        self.status = status
    }

    public func run() async throws {
        let events = self.watcher.events()
        try await withGracefulShutdownHandler {
            for await event in events {
                if Task.isShuttingDownGracefully { break }
                switch event {
                case .initialScanQueued:
                    await self.readiness.mark(.initialScanQueued)
                case .file(let name):
                    do {
                        _ = try await self.ingestor.ingest(name: name)
                    } catch {
                        self.logger.critical(
                            "event log write failed; stopping so no data is lost",
                            metadata: ["error": "\(error)", "article.path": "\(name)"])
                        self.watcher.stop()
                        throw error
                    }
                    await self.status()
                }
            }
        } onGracefulShutdown: {
            self.watcher.stop()
        }
    }
}
