import Foundation

/// A batch of records handed to the log: its records (sequence numbers and hashes already
/// assigned) and the promise that they become durable. Wait on it before acting on the records.
public final class LogCommit: @unchecked Sendable {
    public let records: [StoredRecord]

    private let condition = NSCondition()
    private var outcome: StoreError??
    private var waiters: [CheckedContinuation<StoreError?, Never>] = []

    init(records: [StoredRecord]) {
        self.records = records
    }

    /// Whether the commit has finished (durable or failed).
    public var isFinished: Bool {
        self.condition.withLock { self.outcome != nil }
    }

    /// Returns once the records are durable (their fsync returned).
    /// - Throws: the write or fsync failure that poisoned the log.
    public func durable() async throws(StoreError) {
        let failure: StoreError? = await withCheckedContinuation { continuation in
            self.condition.lock()
            if let outcome = self.outcome {
                self.condition.unlock()
                continuation.resume(returning: outcome)
            } else {
                self.waiters.append(continuation)
                self.condition.unlock()
            }
        }
        if let failure { throw failure }
    }

    /// Blocks the calling thread until the records are durable (tools and tests).
    public func waitDurable() throws(StoreError) {
        self.condition.lock()
        while self.outcome == nil { self.condition.wait() }
        let failure = self.outcome!
        self.condition.unlock()
        if let failure { throw failure }
    }

    func finish(_ failure: StoreError?) {
        self.condition.lock()
        guard self.outcome == nil else {
            self.condition.unlock()
            return
        }
        self.outcome = .some(failure)
        let waiters = self.waiters
        self.waiters = []
        self.condition.broadcast()
        self.condition.unlock()
        for waiter in waiters { waiter.resume(returning: failure) }
    }
}
