public import Logging
public import ServiceLifecycle

/// Pets systemd's watchdog (`WATCHDOG=1`) at half of `WATCHDOG_USEC`, only while the pipeline
/// itself answers: each beat first waits for the ingestor actor to take a message, then checks
/// that queued outcomes are being finished. A pipeline stuck in either place stops the beats, and
/// systemd kills and restarts the daemon (`Restart=on-failure`). Without a watchdog it does nothing.
public struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let ingestor: ArticleIngestor
    let logger: Logger

    public init(notifier: SystemdNotifier, ingestor: ArticleIngestor, logger: Logger) {
        self.notifier = notifier
        self.ingestor = ingestor
        self.logger = logger
    }

    public func run() async throws {
        guard let usec = self.notifier.watchdogMicroseconds(), usec > 0 else {
            try? await gracefulShutdown()
            return
        }
        let limit = Duration.microseconds(Int64(usec))
        let beat = limit / 2
        let progress = self.ingestor.progress
        self.logger.info("watchdog enabled", metadata: ["watchdog.usec": "\(usec)"])
        await cancelWhenGracefulShutdown {
            var stalled = false
            while !Task.isCancelled {
                await self.ingestor.ping()
                if progress.isMoving(limit: limit) {
                    self.notifier.watchdog()
                    if stalled { self.logger.notice("pipeline moving again; watchdog resumed") }
                    stalled = false
                } else if !stalled {
                    stalled = true
                    self.logger.critical(
                        "pipeline stalled: outcomes are waiting and none finished within the watchdog interval; not petting the watchdog, so systemd restarts the daemon",
                        metadata: ["pipeline.waiting": "\(progress.waiting)", "watchdog.usec": "\(usec)"])
                }
                try? await Task.sleep(for: beat)
            }
        }
    }
}
