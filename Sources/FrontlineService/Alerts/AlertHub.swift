public import FrontlineCore
public import Logging
import Synchronization

/// Fans committed alerts out to the journal and to live stream subscribers.
///
/// Each subscriber has a bounded buffer: a subscriber that falls more than `bufferLimit` alerts
/// behind is dropped (its stream ends, with a logged reason) so it never slows ingest or others.
/// The registry sits behind a `Mutex` rather than in an actor because a stream's termination
/// callback is synchronous and must remove its subscriber at once, without spawning a task.
public final class AlertHub: Sendable {
    public struct Subscription: Sendable {
        public let id: Int
        public let alerts: AsyncStream<Alert>
    }

    struct State {
        var stopped = false
        var subscribers: [Int: AsyncStream<Alert>.Continuation] = [:]
        var nextID = 0
        var dropped = 0
    }

    private let state = Mutex(State())
    private let sinks: [any AlertSink]
    private let logger: Logger
    public let bufferLimit: Int

    public init(journal: (any AlertSink)?, logger: Logger, bufferLimit: Int = 1024) {
        self.sinks = journal.map { [$0] } ?? []
        self.logger = logger
        self.bufferLimit = bufferLimit
    }

    public var subscriberCount: Int { self.state.withLock { $0.subscribers.count } }

    /// Subscribers dropped since start for falling behind.
    public var droppedCount: Int { self.state.withLock { $0.dropped } }

    /// Adds a stream subscriber; its stream ends when the hub stops or the subscriber falls behind,
    /// and the subscriber is removed as soon as its consumer goes away.
    public func subscribe() -> Subscription {
        let (stream, continuation) = AsyncStream<Alert>.makeStream(bufferingPolicy: .bufferingOldest(self.bufferLimit))
        let id: Int? = self.state.withLock { state in
            guard !state.stopped else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return Subscription(id: -1, alerts: stream)
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return Subscription(id: id, alerts: stream)
    }

    private func remove(_ id: Int) {
        _ = self.state.withLock { $0.subscribers.removeValue(forKey: id) }
    }

    /// Ends one subscription.
    public func unsubscribe(_ id: Int) {
        self.state.withLock { $0.subscribers.removeValue(forKey: id) }?.finish()
    }

    /// The delivery target alerts are recorded as handed to: `journal`, or `none` when alerts are
    /// not written to the journal (so switching the journal on later does not flood it with old alerts).
    public var target: String { self.sinks.isEmpty ? "none" : "journal" }

    /// Whether an alert is for the delivery target: raised live and of a journaled kind.
    public func needsDelivery(_ alert: Alert) -> Bool {
        AlertBook.needsDelivery(alert)
    }

    /// Delivers alerts that are durable in the log to the target (the journal), in log order, and
    /// returns the ids handed over, for the outbox's delivery record. A failed delivery is logged
    /// and left undelivered, so it is tried again after a restart.
    public func deliver(_ alerts: [Alert]) async -> [String] {
        var delivered: [String] = []
        for alert in alerts where self.needsDelivery(alert) {
            var failed = false
            for sink in self.sinks {
                do {
                    try await sink.deliver(alert)
                } catch {
                    failed = true
                    self.logger.error(
                        "alert delivery failed; it is delivered again after a restart",
                        metadata: ["alert.id": "\(alert.alertID)", "error": "\(error)"])
                }
            }
            if !failed { delivered.append(alert.alertID) }
        }
        return delivered
    }

    /// Hands alerts that are durable in the log to the live stream subscribers, in log order.
    public func broadcast(_ alerts: [Alert]) {
        for alert in alerts {
            let subscribers = self.state.withLock { $0.subscribers }
            for (id, continuation) in subscribers {
                if case .dropped = continuation.yield(alert) {
                    self.logger.warning(
                        "stream subscriber dropped: more than \(self.bufferLimit) alerts behind",
                        metadata: ["subscriber.id": "\(id)"])
                    self.state.withLock { $0.dropped += 1 }
                    self.unsubscribe(id)
                }
            }
        }
    }

    /// Ends every subscription (graceful shutdown).
    public func stop() {
        let subscribers = self.state.withLock { state in
            state.stopped = true
            defer { state.subscribers.removeAll() }
            return state.subscribers
        }
        for continuation in subscribers.values { continuation.finish() }
    }
}
