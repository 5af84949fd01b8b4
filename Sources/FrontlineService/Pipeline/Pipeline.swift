import Foundation
import FrontlineStore
public import Logging
public import ServiceLifecycle

/// The ingest service: inbox events are read and extracted a few at a time, in parallel; the
/// ingestor takes them in arrival order, decides outcomes and submits their records; the finisher
/// acts on them once durable. On graceful shutdown the watcher stops, and
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
                        try await self.ingest(events)
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

    /// Files in preparation or prepared and not yet taken, at most: enough to keep every core
    /// busy while the ingestor merges, few enough to hold little memory.
    static let preparationWindow = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Prepares files as their events come (each on a task of its own, within the window) and
    /// hands them to the ingestor in the order the events came.
    func ingest(_ events: AsyncStream<InboxWatcher.Event>) async throws {
        enum Item: Sendable {
            case file(Task<PreparedFile, Never>)
            case initialScanQueued
        }
        let permits = PreparationPermits(Self.preparationWindow)
        let (items, queue) = AsyncStream<Item>.makeStream()
        let ingestor = self.ingestor
        let reader = Task {
            reading: for await event in events {
                switch event {
                case .initialScanQueued:
                    queue.yield(.initialScanQueued)
                case .file(let name):
                    // No permit once the ingestor stopped taking files: read no more.
                    guard await permits.acquire() else { break reading }
                    queue.yield(.file(Task { ingestor.prepare(name) }))
                }
            }
            queue.finish()
        }
        defer {
            permits.close()
            self.watcher.stop()
            reader.cancel()
        }
        for await item in items {
            if Task.isShuttingDownGracefully { break }
            switch item {
            case .initialScanQueued:
                await self.readiness.mark(.initialScanQueued)
            case .file(let preparation):
                let prepared = await preparation.value
                permits.release()
                try await self.ingestor.take(prepared)
            }
        }
    }
}
