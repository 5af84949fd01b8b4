import Foundation
public import Logging
public import ServiceLifecycle
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// Reloads the configuration and the lexicon on SIGHUP (`systemctl reload frontline`), telling
/// systemd `RELOADING=1` with `MONOTONIC_USEC` first and `READY=1` when done, applied or not.
///
/// A new configuration is checked whole before anything changes: a file that does not parse, names
/// a missing lexicon, or has a bad lexicon line is refused with its file, line and reason, and the
/// daemon keeps running with what it had. Settings bound at start (see
/// ``DaemonConfiguration/reloadPlan(to:)``) keep their running value, each with a warning that it
/// needs a restart. Files are never dropped: the swap happens between two articles.
public struct ReloadService: Service {
    let source: ConfigurationSource
    let settings: LiveSettings
    let levels: LogLevelControl
    let notifier: SystemdNotifier
    let status: @Sendable () async -> String
    let logger: Logger

    public init(
        source: ConfigurationSource, settings: LiveSettings, levels: LogLevelControl, notifier: SystemdNotifier,
        logger: Logger, status: @escaping @Sendable () async -> String
    ) {
        self.source = source
        self.settings = settings
        self.levels = levels
        self.notifier = notifier
        self.logger = logger
        self.status = status
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await self.reload()
        }
    }

    /// Reloads once; returns whether the new settings were applied.
    @discardableResult
    public func reload() async -> Bool {
        self.notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())\nSTATUS=reloading configuration and lexicon")
        let applied = self.apply()
        self.notifier.notify("READY=1\nSTATUS=\(await self.status())")
        return applied
    }

    func apply() -> Bool {
        let loaded: ConfigurationSource.Loaded
        do throws(ConfigurationError) {
            // The child's complaint already names the file and line.
            if let complaint = self.source.checkInChildProcess() { return self.refuse(complaint) }
            loaded = try self.source.load()
        } catch {
            return self.refuse(error.description)
        }
        let running = self.settings.current
        let plan = running.configuration.reloadPlan(to: loaded.configuration)
        for key in plan.needRestart {
            self.logger.warning(
                "a changed setting takes effect only at the next restart; keeping the running value",
                metadata: ["config.key": "\(key)"])
        }
        let generation = self.settings.replace(configuration: plan.applied, lexicon: loaded.lexicon)
        self.levels.current = Logger.Level(rawValue: plan.applied.logLevel) ?? .info
        self.logger.notice(
            "configuration reloaded",
            metadata: [
                "config.generation": "\(generation)", "lexicon.dir": "\(loaded.lexiconDirectory)",
                "lexicon.version": "\(loaded.lexicon.version)", "lexicon.previous_version": "\(running.lexicon.version)",
                "log_level": "\(plan.applied.logLevel)",
            ])
        return true
    }

    /// Keeps the running settings and says why; returns false.
    func refuse(_ reason: String) -> Bool {
        self.settings.refused(reason)
        self.logger.error(
            "reload refused; still running with the previous configuration and lexicon. Fix the file and reload again (frontlined --check-config shows the problem)",
            metadata: ["config.error": "\(reason)"])
        return false
    }

    /// `CLOCK_MONOTONIC` in microseconds, as systemd wants with `RELOADING=1`.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
