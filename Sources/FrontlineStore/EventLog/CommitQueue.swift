import Crypto
import Foundation
import FrontlineCore
import SystemPackage

/// The event log's single writer: batches are framed and chained under the lock in submit order,
/// and one committer thread writes everything queued and fsyncs once per round (group commit).
final class CommitQueue: @unchecked Sendable {
    struct Batch {
        var frames: [UInt8]
        /// Start a new segment with this name before writing the frames.
        var rotateTo: String?
        var syncFirst: [FilePath]
        var commit: LogCommit
        var head: LogHead
    }

    private let storage: any LogStorage
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var pending: [Batch] = []
    private var submittedHead: LogHead
    private var submittedSegment: String
    private var submittedSegmentSize: Int
    private var durable: LogHead
    private var stats = CommitStatistics()
    private var failure: StoreError?
    private var stopping = false
    private var running = true
    // Owned by the committer thread:
    private var file: any LogSegmentFile
    /// Bytes of the current segment written whole (what a failed append is cut back to).
    private var fileSize: Int

    init(storage: any LogStorage, file: any LogSegmentFile, segment: String, segmentSize: Int, head: LogHead) {
        self.storage = storage
        self.file = file
        self.fileSize = segmentSize
        self.submittedHead = head
        self.durable = head
        self.submittedSegment = segment
        self.submittedSegmentSize = segmentSize
        let thread = Thread { [self] in self.run() }
        thread.name = "frontline-log-commit"
        thread.start()
    }

    var durableHead: LogHead { self.condition.withLock { self.durable } }
    var statistics: CommitStatistics { self.condition.withLock { self.stats } }

    func submit(
        _ encoded: [(type: String, payload: [UInt8])], timeMillis: Int64, syncFirst: [FilePath], segmentLimit: Int
    ) throws(StoreError) -> LogCommit {
        self.condition.lock()
        defer { self.condition.unlock() }
        if let failure = self.failure { throw failure }
        guard !self.stopping else { throw StoreError(.io, "event log is closed", path: self.storage.location) }
        var rotateTo: String?
        if self.submittedSegmentSize >= segmentLimit {
            rotateTo = EventLog.segmentName(firstSeq: self.submittedHead.seq + 1)
            self.submittedSegment = rotateTo!
            self.submittedSegmentSize = 0
        }
        var frames: [UInt8] = []
        // Each record's place in `frames`; its bytes are shared with the batch's once built.
        var placed: [(seq: UInt64, type: String, digest: RecordHash, frame: Range<Int>, payload: Int)] = []
        placed.reserveCapacity(encoded.count)
        var head = self.submittedHead
        for (type, payload) in encoded {
            let record = LogRecord(seq: head.seq + 1, timeMillis: timeMillis, prevHash: head.hash, type: type, payload: payload)
            let body = record.encodeBody()
            let digest = SHA256.hash(data: body)
            let start = frames.count
            frames += LogRecord.frame(body: body)
            placed.append((record.seq, type, RecordHash(digest), start..<frames.count, frames.count - payload.count))
            head = LogHead(records: head.records + 1, bytes: head.bytes + UInt64(frames.count - start), seq: record.seq, hash: Array(digest))
        }
        let bytes = RecordBytes(segment: self.submittedSegment, owned: frames)
        let stored = placed.map { record in
            StoredRecord(
                seq: record.seq, timeMillis: timeMillis, type: record.type, offset: self.submittedSegmentSize + record.frame.lowerBound,
                digest: record.digest, bytes: bytes, body: (record.frame.lowerBound + LogRecord.headerSize)..<record.frame.upperBound,
                payloadStart: record.payload)
        }
        self.submittedHead = head
        self.submittedSegmentSize += frames.count
        let commit = LogCommit(records: stored)
        self.pending.append(Batch(frames: frames, rotateTo: rotateTo, syncFirst: syncFirst, commit: commit, head: head))
        self.condition.broadcast()
        return commit
    }

    /// Lets the committer finish what is queued, then stops it and closes the segment.
    func stop() {
        self.condition.lock()
        self.stopping = true
        self.condition.broadcast()
        while self.running { self.condition.wait() }
        self.condition.unlock()
    }

    private func run() {
        while true {
            self.condition.lock()
            while self.pending.isEmpty && !self.stopping { self.condition.wait() }
            if self.pending.isEmpty {
                self.running = false
                self.condition.broadcast()
                self.condition.unlock()
                self.file.close()
                return
            }
            let batches = self.pending
            self.pending = []
            let poisoned = self.failure
            self.condition.unlock()

            let started = DispatchTime.now().uptimeNanoseconds
            let result: StoreError?
            if let poisoned {
                result = poisoned
            } else {
                do throws(StoreError) {
                    try self.write(batches)
                    result = nil
                } catch {
                    result = error
                }
            }
            let elapsed = DispatchTime.now().uptimeNanoseconds &- started

            self.condition.lock()
            if let result {
                self.failure = result
            } else {
                self.durable = batches.last!.head
                self.stats.batches += UInt64(batches.count)
                self.stats.records += batches.reduce(0) { $0 + UInt64($1.commit.records.count) }
                self.stats.syncNanoseconds += elapsed
            }
            self.condition.unlock()
            for batch in batches { batch.commit.finish(result) }
        }
    }

    /// Writes queued batches: their files first, then frames segment by segment, each fsynced.
    private func write(_ batches: [Batch]) throws(StoreError) {
        var synced = Set<FilePath>()
        for batch in batches {
            for path in batch.syncFirst where synced.insert(path).inserted {
                try Syscalls.fsync(path: path)
            }
        }
        var frames: [UInt8] = []
        for batch in batches {
            if let next = batch.rotateTo {
                try self.flush(&frames)
                let file = try self.storage.openForAppend(next, create: true)
                try self.storage.syncDirectory()
                self.file.close()
                self.file = file
                self.fileSize = 0
            }
            frames += batch.frames
        }
        try self.flush(&frames)
    }

    private func flush(_ frames: inout [UInt8]) throws(StoreError) {
        guard !frames.isEmpty else { return }
        do {
            try self.file.append(frames)
        } catch {
            // A short write (ENOSPC, EIO) may have left part of a frame: cut it off, best effort,
            // so the log on disk stays a clean prefix (it would be cut at the next start anyway).
            try? self.file.truncate(to: self.fileSize)
            throw error
        }
        self.fileSize += frames.count
        try self.file.sync()
        frames.removeAll(keepingCapacity: true)
        self.condition.withLock { self.stats.fsyncs += 1 }
    }
}
