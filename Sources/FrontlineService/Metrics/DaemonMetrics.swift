import Synchronization

/// Counters and the ingest latency histogram the daemon keeps in memory for `GET /metrics`
/// (everything countable from the read model is counted there instead, so it survives restarts).
public final class DaemonMetrics: Sendable {
    /// Upper bounds (seconds) of the ingest latency buckets: from taking an inbox file to its
    /// outcome durable, projected and alerted.
    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public struct Snapshot: Sendable {
        public var latencyCounts: [UInt64]
        public var latencyCount: UInt64
        public var latencySum: Double
        public var requests: [String: UInt64]
    }

    private let state = Mutex(Snapshot(latencyCounts: Array(repeating: 0, count: DaemonMetrics.latencyBuckets.count), latencyCount: 0, latencySum: 0, requests: [:]))

    public init() {}

    public func observeIngest(seconds: Double) {
        self.state.withLock { state in
            for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { state.latencyCounts[index] += 1 }
            state.latencyCount += 1
            state.latencySum += seconds
        }
    }

    /// One answered request, by status class ("2xx", "4xx"…).
    public func countRequest(status: Int) {
        self.state.withLock { $0.requests["\(status / 100)xx", default: 0] += 1 }
    }

    public var snapshot: Snapshot { self.state.withLock { $0 } }
}
