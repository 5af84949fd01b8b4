import Crypto
import Foundation
public import FrontlineStore
public import Logging
import Synchronization

/// Writes signed checkpoints of the durable log head: at start, every `interval` records, and at
/// stop. A failure to write one is logged, not fatal: the log itself is intact.
public final class Checkpointer: Sendable {
    let store: CheckpointStore
    /// The raw Ed25519 key (the key type itself is not Sendable).
    let keyBytes: [UInt8]
    let interval: UInt64
    let logger: Logger
    private let lastRecords = Mutex<UInt64?>(nil)

    public init(store: CheckpointStore, interval: Int, logger: Logger) throws(StoreError) {
        self.store = store
        self.keyBytes = Array(try store.loadOrCreateKey().rawRepresentation)
        self.interval = UInt64(max(0, interval))
        self.logger = logger
        self.lastRecords.withLock { $0 = store.all().checkpoints.last?.checkpoint.records }
    }

    /// Writes a checkpoint if `interval` records were added since the last one.
    public func maybeWrite(_ head: LogHead) {
        guard self.interval > 0 else { return }
        let due = self.lastRecords.withLock { last in head.records >= (last ?? 0) + self.interval }
        if due { self.write(head) }
    }

    /// Writes a checkpoint unless one exists for this head already.
    public func write(_ head: LogHead) {
        let fresh = self.lastRecords.withLock { last in
            guard head.records > 0, last != head.records else { return false }
            last = head.records
            return true
        }
        guard fresh else { return }
        let time = Date().formatted(.iso8601)
        do {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: self.keyBytes)
            try self.store.write(head: head, time: time, key: key)
        } catch {
            self.logger.error(
                "cannot write log checkpoint; the log is intact, only its signed checkpoint is missing",
                metadata: ["error": "\(error)", "log.records": "\(head.records)"])
        }
    }
}
