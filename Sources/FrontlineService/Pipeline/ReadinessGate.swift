/// Sends `READY=1` once every startup condition holds: recovery is done before the gate exists;
/// the initial inbox scan must be queued and the socket must listen.
public actor ReadinessGate {
    public enum Condition: Hashable, Sendable {
        case initialScanQueued
        case listening
    }

    private var pending: Set<Condition> = [.initialScanQueued, .listening]
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let onReady: @Sendable () async -> Void

    public init(onReady: @escaping @Sendable () async -> Void) {
        self.onReady = onReady
    }

    public func mark(_ condition: Condition) async {
        guard self.pending.remove(condition) != nil, self.pending.isEmpty else { return }
        await self.onReady()
        for waiter in self.waiters { waiter.resume() }
        self.waiters.removeAll()
    }

    public var isReady: Bool { self.pending.isEmpty }

    /// Returns once ready.
    public func waitUntilReady() async {
        if self.pending.isEmpty { return }
        await withCheckedContinuation { self.waiters.append($0) }
    }
}
