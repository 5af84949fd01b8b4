public import FrontlineCore
import Synchronization

/// The configuration and lexicon a running daemon works with, swapped as one on reload (SIGHUP).
///
/// Readers take a ``Snapshot`` once per unit of work (an article, a request), so one article is
/// read, extracted and merged with one lexicon even when a reload lands in the middle.
public final class LiveSettings: Sendable {
    public struct Snapshot: Sendable {
        public var configuration: DaemonConfiguration
        public var lexicon: Lexicon
        /// 0 at start, then one more for every reload that was applied.
        public var generation: Int
        /// Why the last reload was refused; nil once one is applied.
        public var lastRefusal: String? = nil
        public var refusals: Int = 0
    }

    private let state: Mutex<Snapshot>

    public init(configuration: DaemonConfiguration, lexicon: Lexicon) {
        self.state = Mutex(Snapshot(configuration: configuration, lexicon: lexicon, generation: 0))
    }

    public var current: Snapshot { self.state.withLock { $0 } }
    public var configuration: DaemonConfiguration { self.state.withLock { $0.configuration } }
    public var lexicon: Lexicon { self.state.withLock { $0.lexicon } }

    /// Replaces both at once; returns the new generation.
    @discardableResult
    public func replace(configuration: DaemonConfiguration, lexicon: Lexicon) -> Int {
        self.state.withLock { state in
            state.configuration = configuration
            state.lexicon = lexicon
            state.generation += 1
            state.lastRefusal = nil
            return state.generation
        }
    }

    /// Notes a refused reload (the running settings stay).
    public func refused(_ reason: String) {
        self.state.withLock { state in
            state.lastRefusal = reason
            state.refusals += 1
        }
    }
}

extension DaemonConfiguration {
    /// What a reload may change in a running daemon: the settings it reads per article or per
    /// request. The others are bound at start (the watched folder, the state directory, the socket,
    /// the journal sink, merge windows that replay must agree with) and need a restart.
    public struct ReloadPlan: Sendable, Equatable {
        /// The configuration to run with: `new`, with every restart-only key kept at its running value.
        public var applied: DaemonConfiguration
        /// Restart-only keys whose value in the new file differs from the running one.
        public var needRestart: [String]
    }

    /// Plans a reload from this running configuration to `new`.
    public func reloadPlan(to new: DaemonConfiguration) -> ReloadPlan {
        var applied = new
        var needRestart: [String] = []
        func keep<Value: Equatable>(_ key: String, _ path: WritableKeyPath<DaemonConfiguration, Value>) {
            if new[keyPath: path] != self[keyPath: path] { needRestart.append(key) }
            applied[keyPath: path] = self[keyPath: path]
        }
        keep("inbox", \.inbox)
        keep("state_dir", \.stateDirectory)
        keep("socket", \.socketPath)
        keep("socket_mode", \.socketMode)
        keep("socket_group", \.socketGroup)
        keep("journal_alerts", \.journalAlerts)
        keep("checkpoint_interval", \.checkpointInterval)
        keep("date_window_days", \.dateWindowDays)
        keep("backfill_horizon_days", \.backfillHorizonDays)
        keep("rescan_interval_seconds", \.rescanIntervalSeconds)
        return ReloadPlan(applied: applied, needRestart: needRestart)
    }
}
