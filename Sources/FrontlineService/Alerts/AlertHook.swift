public import FrontlineCore
import Synchronization

/// The hook's outbox: alerts queued for `alert_command`, in log order, with what `/v1/status`
/// and `/metrics` report about it. ``HookService`` runs the queue; the finisher fills it.
///
/// Every alert id the hook ever took (queued, run or filtered out) is remembered, so an alert
/// delivered again to the journal after a restart is not queued for the hook twice.
public final class AlertHook: Sendable {
    public struct Statistics: Sendable, Equatable {
        public var queued = 0
        public var delivered = 0
        public var failedRuns = 0
        public var skipped = 0
        public var lastError: String?
        /// Seconds until the next attempt of the alert at the head, while it is being retried.
        public var retryingInSeconds: Int?
    }

    struct State {
        var queue: [Alert] = []
        var known: Set<String> = []
        var statistics = Statistics()
    }

    private let state: Mutex<State>
    let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// - Parameters:
    ///   - pending: alerts queued for the hook before a restart and not run yet, in log order.
    ///   - known: every alert id the hook took before.
    public init(pending: [Alert], known: Set<String>) {
        self.state = Mutex(State(queue: pending, known: known.union(pending.map(\.alertID)), statistics: Statistics(queued: pending.count)))
        (self.wakes, self.wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        if !pending.isEmpty { self.wake.yield() }
    }

    public var statistics: Statistics { self.state.withLock { $0.statistics } }

    /// Whether the hook took this alert before.
    public func knows(_ id: String) -> Bool { self.state.withLock { $0.known.contains(id) } }

    /// Queues alerts (durable in the log) and wakes the runner.
    func admit(_ alerts: [Alert]) {
        guard !alerts.isEmpty else { return }
        self.state.withLock { state in
            for alert in alerts where state.known.insert(alert.alertID).inserted { state.queue.append(alert) }
            state.statistics.queued = state.queue.count
        }
        self.wake.yield()
    }

    /// Remembers alerts the rules kept from the hook.
    func remember(_ ids: [String]) {
        self.state.withLock { $0.known.formUnion(ids) }
    }

    var head: Alert? { self.state.withLock { $0.queue.first } }

    /// The head ran (or was skipped): it leaves the queue.
    func done(_ id: String, skipped: Bool = false) {
        self.state.withLock { state in
            guard state.queue.first?.alertID == id else { return }
            state.queue.removeFirst()
            state.statistics.queued = state.queue.count
            if skipped { state.statistics.skipped += 1 } else { state.statistics.delivered += 1 }
            state.statistics.retryingInSeconds = nil
        }
    }

    func failed(_ reason: String, retryIn seconds: Int) {
        self.state.withLock { state in
            state.statistics.failedRuns += 1
            state.statistics.lastError = reason
            state.statistics.retryingInSeconds = seconds
        }
    }
}
