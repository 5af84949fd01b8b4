import Synchronization

/// Whether the pipeline is moving, for the watchdog: outcomes queued by the ingestor and finished
/// (durable, projected, alerted, file moved) by the finisher.
///
/// Idle is healthy. Busy is healthy while something finished (or work arrived at an idle
/// pipeline) within the stall limit; busy with no outcome finished for longer is stuck, and the
/// watchdog stops being petted so systemd restarts the daemon.
public final class PipelineProgress: Sendable {
    struct State {
        var queued = 0
        var finished = 0
        var lastProgress: ContinuousClock.Instant
    }

    private let state: Mutex<State>

    public init(now: ContinuousClock.Instant = .now) {
        self.state = Mutex(State(lastProgress: now))
    }

    /// An outcome was handed to the finisher.
    public func queued(now: ContinuousClock.Instant = .now) {
        self.state.withLock { state in
            if state.queued == state.finished { state.lastProgress = now }
            state.queued += 1
        }
    }

    /// The finisher is done with one outcome.
    public func finished(now: ContinuousClock.Instant = .now) {
        self.state.withLock { state in
            state.finished += 1
            state.lastProgress = now
        }
    }

    /// Outcomes queued and not yet finished.
    public var waiting: Int { self.state.withLock { $0.queued - $0.finished } }

    /// Whether the pipeline is idle or finished something within `limit` of `now`.
    public func isMoving(now: ContinuousClock.Instant = .now, limit: Duration) -> Bool {
        self.state.withLock { state in
            state.queued == state.finished || now - state.lastProgress <= limit
        }
    }
}
