public import FrontlineCore
public import Logging

/// Fans committed alerts out to the journal and to live stream subscribers.
///
/// Each subscriber has a bounded buffer: a subscriber that falls more than `bufferLimit` alerts
/// behind is dropped (its stream ends, with a logged reason) so it never slows ingest or others.
public actor AlertHub {
    public struct Subscription: Sendable {
        public let id: Int
        public let alerts: AsyncStream<Alert>
    }

    enum State {
        case running
        case stopped
    }

    private var state = State.running
    private var subscribers: [Int: AsyncStream<Alert>.Continuation] = [:]
    private var nextID = 0
    private let sinks: [any AlertSink]
    private let logger: Logger
    public let bufferLimit: Int
    public private(set) var delivered = 0

    public init(journal: (any AlertSink)?, logger: Logger, bufferLimit: Int = 1024) {
        self.sinks = journal.map { [$0] } ?? []
        self.logger = logger
        self.bufferLimit = bufferLimit
    }

    public var subscriberCount: Int { self.subscribers.count }

    /// Adds a stream subscriber; its stream ends when the hub stops or the subscriber falls behind.
    public func subscribe() -> Subscription {
        let (stream, continuation) = AsyncStream<Alert>.makeStream(bufferingPolicy: .bufferingOldest(self.bufferLimit))
        let id = self.nextID
        self.nextID += 1
        if case .stopped = self.state {
            continuation.finish()
        } else {
            self.subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in
                Task { await self?.unsubscribe(id) }
            }
        }
        return Subscription(id: id, alerts: stream)
    }

    public func unsubscribe(_ id: Int) {
        self.subscribers.removeValue(forKey: id)?.finish()
    }

    /// Delivers alerts that are durable in the log, in log order.
    public func publish(_ alerts: [Alert]) async {
        for alert in alerts {
            if alert.kind.isJournaled, !alert.backfill {
                for sink in self.sinks {
                    do {
                        try await sink.deliver(alert)
                    } catch {
                        self.logger.error(
                            "alert delivery failed",
                            metadata: ["alert.id": "\(alert.alertID)", "error": "\(error)"])
                    }
                }
            }
            for (id, continuation) in self.subscribers {
                if case .dropped = continuation.yield(alert) {
                    self.logger.warning(
                        "stream subscriber dropped: more than \(self.bufferLimit) alerts behind",
                        metadata: ["subscriber.id": "\(id)"])
                    self.unsubscribe(id)
                }
            }
            self.delivered += 1
        }
    }

    /// Ends every subscription (graceful shutdown).
    public func stop() {
        self.state = .stopped
        for id in Array(self.subscribers.keys) { self.unsubscribe(id) }
    }
}
