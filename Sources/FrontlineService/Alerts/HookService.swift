import Dispatch
import Foundation
import FrontlineCore
public import Logging
public import ServiceLifecycle

/// Runs `alert_command` once per queued alert, in log order, off the ingest path: a slow or failing
/// hook never holds up ingest. A failed or timed-out run is retried with exponential backoff
/// (1 s doubling to 5 min) until it succeeds; each success is recorded in the log
/// (`alert.delivered`, target `hook`), so after a restart only the alerts not yet run are run
/// (at least once: a crash between a run and its record runs it again, under the same alert id).
public struct HookService: Service {
    let hook: AlertHook
    let ingestor: ArticleIngestor
    let settings: LiveSettings
    let logger: Logger
    let queue = DispatchQueue(label: "frontline.alert-hook")
    /// The first retry delay; doubled after each failure up to `maximumBackoff`.
    static let initialBackoff = Duration.seconds(1)
    static let maximumBackoff = Duration.seconds(300)

    public init(hook: AlertHook, ingestor: ArticleIngestor, settings: LiveSettings, logger: Logger) {
        self.hook = hook
        self.ingestor = ingestor
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            var backoff = Self.initialBackoff
            for await _ in self.hook.wakes {
                while !Task.isCancelled, let alert = self.hook.head {
                    let configuration = self.settings.configuration
                    guard let command = configuration.alertCommand else {
                        self.logger.warning(
                            "alerts are queued for the hook but alert_command is not set; they run once it is set again and the daemon reloaded",
                            metadata: ["hook.queued": "\(self.hook.statistics.queued)"])
                        break
                    }
                    if await self.ingestor.isCorrectedAway(alert.claim.id) {
                        // Retracted or merged since: a retracted claim never alerts again.
                        self.hook.done(alert.alertID, skipped: true)
                        try await self.ingestor.recordDeliveries([DeliveryRecord(target: "hook", alerts: [], filtered: [alert.alertID])])
                        continue
                    }
                    let outcome = await self.runHook(command, alert: alert, timeout: configuration.alertCommandTimeout)
                    if let reason = outcome.failure {
                        let seconds = Int(backoff.components.seconds)
                        self.hook.failed(reason, retryIn: seconds)
                        self.logger.warning(
                            "alert hook failed; retrying with backoff",
                            metadata: [
                                "alert.id": "\(alert.alertID)", "hook.command": "\(command[0])", "error": "\(reason)",
                                "hook.retry_seconds": "\(seconds)",
                            ])
                        // Shutdown cancels the wait: the alert stays queued in the log's outbox.
                        guard (try? await Task.sleep(for: backoff)) != nil else { return }
                        backoff = min(backoff * 2, Self.maximumBackoff)
                        continue
                    }
                    backoff = Self.initialBackoff
                    self.hook.done(alert.alertID)
                    try await self.ingestor.recordDeliveries([DeliveryRecord(target: "hook", alerts: [alert.alertID])])
                    self.logger.info("alert hook ran", metadata: ["alert.id": "\(alert.alertID)", "hook.command": "\(command[0])"])
                }
            }
        }
    }

    func runHook(_ command: [String], alert: Alert, timeout: Double) async -> HookCommand.Outcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(alert) else { return .failed("cannot encode the alert") }
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment.removeValue(forKey: key)
        }
        environment["FRONTLINE_ALERT_ID"] = alert.alertID
        environment["FRONTLINE_KIND"] = alert.kind.rawValue
        environment["FRONTLINE_CLAIM_ID"] = alert.claim.id
        environment["FRONTLINE_SEQ"] = String(alert.seq)
        return await HookCommand(arguments: command, environment: environment, input: Array(json) + [0x0A], timeout: timeout).run(on: self.queue)
    }
}
