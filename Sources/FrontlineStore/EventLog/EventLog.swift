#if canImport(Glibc)
import Glibc
#endif
public import FrontlineCore
public import SystemPackage

/// The head of the log: how much it holds and the hash a checkpoint would sign.
public struct LogHead: Sendable, Hashable {
    public var records: UInt64
    public var bytes: UInt64
    /// Sequence of the last record; 0 when empty.
    public var seq: UInt64
    public var hash: [UInt8]

    public var hashHex: String { Hex.encode(self.hash) }

    static let empty = LogHead(records: 0, bytes: 0, seq: 0, hash: [UInt8](repeating: 0, count: LogRecord.hashSize))
}

/// A record of the log named by its sequence number and hash, where a snapshot of state derived
/// from the log was taken.
public struct LogPosition: Sendable, Hashable {
    public var seq: UInt64
    public var hash: [UInt8]

    public init(seq: UInt64, hash: [UInt8]) {
        self.seq = seq
        self.hash = hash
    }
}

/// What recovery did at open.
public struct RecoveryReport: Sendable {
    public var segments: Int
    public var records: UInt64
    /// Bytes of a torn tail cut off the last segment (0 when the log was clean).
    public var truncatedBytes: Int
    /// Where the cut bytes were saved.
    public var savedTailPath: String?
    public var tailReason: String?
}

/// Counters of the group commit, for `/metrics`, status and tests.
public struct CommitStatistics: Sendable, Hashable {
    /// fsync calls on log segments.
    public var fsyncs: UInt64 = 0
    /// Records made durable.
    public var records: UInt64 = 0
    /// Batches (calls to `submit`) made durable.
    public var batches: UInt64 = 0
    /// Total time spent in write + fsync, in nanoseconds.
    public var syncNanoseconds: UInt64 = 0
}

/// The append-only, hash-chained, segmented event log under `STATE/log/`.
///
/// One writer with group commit. `submit` assigns sequence numbers and hashes at once (so the order
/// of submits is the order of the log) and queues the frames; a single committer thread writes
/// everything queued, fsyncs once, and only then finishes the batches' ``LogCommit``s. At a low
/// rate that is one fsync per batch; under load many batches share one fsync. Nothing may be acted
/// on before its commit is durable. Any write or fsync failure poisons the log: every queued and
/// later batch fails too, and the daemon stops (exit 2) rather than continue with lost data.
public final class EventLog: Sendable {
    public let storage: any LogStorage
    public let segmentLimit: Int
    private let queue: CommitQueue

    /// The head of what is durable.
    public var head: LogHead { self.queue.durableHead }
    public var statistics: CommitStatistics { self.queue.statistics }

    static func isSegmentName(_ name: String) -> Bool {
        name.hasSuffix(".log") && name.utf8.count == 24 && UInt64(name.prefix(20)) != nil
    }

    static func segmentName(firstSeq: UInt64) -> String {
        self.paddedNumber(firstSeq) + ".log"
    }

    /// A number as 20 digits, so file names sort in numeric order (segments, checkpoints).
    static func paddedNumber(_ number: UInt64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: 20 - digits.count) + digits
    }

    /// Opens the log under a directory (see ``open(storage:segmentLimit:)``).
    public static func open(
        directory: FilePath, segmentLimit: Int = 64 << 20
    ) throws(StoreError) -> (log: EventLog, recovery: RecoveryReport, records: [StoredRecord]) {
        try self.open(storage: PosixLogStorage(directory: directory), segmentLimit: segmentLimit)
    }

    /// Opens the log, recovering from a torn tail, and returns every record for replay.
    /// - Throws: ``StoreError`` `.corrupt` naming segment, offset and sequence when damage is
    ///   followed by valid records (corruption in the middle): the log is left untouched.
    public static func open(
        storage: any LogStorage, segmentLimit: Int = 64 << 20
    ) throws(StoreError) -> (log: EventLog, recovery: RecoveryReport, records: [StoredRecord]) {
        try self.open(storage: storage, segmentLimit: segmentLimit, scan: Self.scan(storage: storage))
    }

    /// Opens the log for a restart from a snapshot taken at `position`: segments wholly before it
    /// are not read (`log verify` checks them), the segment holding it is read from its start and
    /// must have that record with that hash, and the records after it are returned, checked as
    /// ``open(storage:segmentLimit:)`` checks them (a torn tail is cut the same way).
    /// Returns nil when the log has no such record (a log restored from a backup, or damaged
    /// before the position): the caller opens it whole and replays it.
    public static func open(
        directory: FilePath, resumingAfter position: LogPosition, segmentLimit: Int = 64 << 20
    ) throws(StoreError) -> (log: EventLog, recovery: RecoveryReport, records: [StoredRecord])? {
        let storage = try PosixLogStorage(directory: directory)
        guard let scan = try Self.scan(storage: storage, resumingAfter: position) else { return nil }
        return try self.open(storage: storage, segmentLimit: segmentLimit, scan: scan)
    }

    private static func open(
        storage: any LogStorage, segmentLimit: Int, scan: Scan
    ) throws(StoreError) -> (log: EventLog, recovery: RecoveryReport, records: [StoredRecord]) {
        var names = scan.segments
        var report = RecoveryReport(segments: names.count, records: scan.head.records, truncatedBytes: 0)
        var segmentSize = 0
        if let damage = scan.damage {
            if damage.segment != names.last || damage.followedByValidRecords {
                throw StoreError(
                    .corrupt,
                    "event log damaged in the middle at \(damage); refusing to start. Run `frontlinectl log verify --state-dir DIR` and restore the log from a backup",
                    path: storage.location + "/" + damage.segment)
            }
            // Torn tail (power loss mid-write): keep a copy of what is cut, then cut it.
            let bytes = try storage.read(damage.segment)
            let tail = Array(bytes[damage.offset...])
            let saved = "torn-\(damage.segment)-at-\(damage.offset).bin"
            try storage.writeSideFile(saved, tail)
            try storage.truncate(damage.segment, to: damage.offset)
            report.truncatedBytes = tail.count
            report.savedTailPath = storage.location + "/" + saved
            report.tailReason = damage.description
            segmentSize = damage.offset
        } else {
            segmentSize = scan.lastSegmentSize
        }
        if names.isEmpty {
            let name = segmentName(firstSeq: 1)
            try storage.openForAppend(name, create: true).close()
            try storage.syncDirectory()
            names = [name]
        }
        let file = try storage.openForAppend(names.last!, create: false)
        let queue = CommitQueue(storage: storage, file: file, segment: names.last!, segmentSize: segmentSize, head: scan.head)
        return (EventLog(storage: storage, segmentLimit: segmentLimit, queue: queue), report, scan.records)
    }

    private init(storage: any LogStorage, segmentLimit: Int, queue: CommitQueue) {
        self.storage = storage
        self.segmentLimit = segmentLimit
        self.queue = queue
    }

    deinit {
        self.queue.stop()
    }

    /// Queues a batch of events as consecutive records and returns at once; wait on the returned
    /// commit before acting on them. Files in `syncFirst` (article texts the records refer to, and
    /// their directories) are fsynced before the records are written.
    public func submit(_ events: [LogEvent], timeMillis: Int64, syncFirst: [FilePath] = []) throws(StoreError) -> LogCommit {
        let encoded = events.map { ($0.type, $0.binaryPayload()) }
        return try self.queue.submit(encoded, timeMillis: timeMillis, syncFirst: syncFirst, segmentLimit: self.segmentLimit)
    }

    /// Queues records whose payloads are already encoded (an import, the benchmark's generated
    /// logs); the same as ``submit(_:timeMillis:syncFirst:)`` otherwise.
    public func submit(encoded records: [(type: String, payload: [UInt8])], timeMillis: Int64) throws(StoreError) -> LogCommit {
        try self.queue.submit(records, timeMillis: timeMillis, syncFirst: [], segmentLimit: self.segmentLimit)
    }

    /// Appends a batch and returns its records once they are durable (blocks the calling thread).
    @discardableResult
    public func append(_ events: [LogEvent], timeMillis: Int64) throws(StoreError) -> [StoredRecord] {
        let commit = try self.submit(events, timeMillis: timeMillis)
        try commit.waitDurable()
        return commit.records
    }

    /// Waits until everything submitted so far is durable, then stops the committer.
    public func close() {
        self.queue.stop()
    }

    /// Durable records after `seq`, at most `limit`, oldest first (`GET /v1/log`). Reads from the
    /// segment holding `seq + 1` on, not the whole log; frames, CRCs and sequence numbers are
    /// checked, the hash chain across segments is `log verify`'s job.
    public func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        let durable = self.head.seq
        guard seq < durable, limit > 0 else { return [] }
        let names = try self.storage.segmentNames()
        let firsts = names.map { UInt64($0.prefix(20)) ?? 0 }
        let start = firsts.lastIndex { $0 <= seq + 1 } ?? 0
        var found: [StoredRecord] = []
        for index in start..<names.count {
            let bytes = try self.storage.segmentBytes(at: index, of: names)
            let summary = bytes.withBytes { buffer in
                SegmentScanner.scan(buffer, segment: names[index], firstSeq: firsts[index], previousHash: nil) { frame in
                    if frame.seq > seq, frame.seq <= durable, found.count < limit { found.append(StoredRecord(frame, in: bytes, base: buffer.baseAddress!)) }
                }
            }
            // A frame being appended right now reads as damage: it is past the durable head anyway.
            if found.count == limit || summary.damage != nil || (summary.last?.seq ?? 0) >= durable { break }
        }
        return found
    }

    /// Scans the whole log read-only, stopping at the first damage.
    public static func readAll(directory: FilePath) throws(StoreError) -> (records: [StoredRecord], head: LogHead, damage: LogDamage?) {
        let scan = try self.scan(storage: PosixLogStorage(directory: directory))
        return (scan.records, scan.head, scan.damage)
    }

    struct Scan {
        var segments: [String]
        var records: [StoredRecord]
        var head: LogHead
        var damage: LogDamage?
        /// Bytes of the last segment read (its size when undamaged).
        var lastSegmentSize = 0
    }

    /// Reads every segment, checking frames, sequence and chain across segment boundaries, and
    /// keeps every valid record (see ``scan(storage:keepRecords:findings:inspect:)``).
    static func scan(storage: any LogStorage) throws(StoreError) -> Scan {
        try self.scan(storage: storage, keepRecords: true, findings: { _ in }, inspect: { _, _ in }).scan
    }

    /// Reads every segment, checking frames, sequence and chain across segment boundaries, up to
    /// the first damage in log order. Segments are scanned on every core at once, each on its own
    /// (CRCs, hashes and the chain inside it, and `inspect` on each valid frame into the segment's
    /// own `Findings`); the links between segments are checked after, in order. The findings of
    /// each segment whose records count (every one up to the damaged one) come back in order. With
    /// `keepRecords` false no record is copied out of its segment (`log verify` on a large log).
    static func scan<Findings: Sendable>(
        storage: any LogStorage, keepRecords: Bool, findings: @Sendable (_ segment: String) -> Findings,
        inspect: @Sendable (SegmentFrame, inout Findings) -> Void
    ) throws(StoreError) -> (scan: Scan, findings: [Findings]) {
        let names = try storage.segmentNames()
        let passes = Concurrent.map(Array(names.indices)) { index -> Result<SegmentPass<Findings>, StoreError> in
            Result { () throws(StoreError) -> SegmentPass<Findings> in
                var pass = SegmentPass(findings: findings(names[index]))
                let bytes = try storage.segmentBytes(at: index, of: names)
                pass.summary = bytes.withBytes { buffer in
                    pass.size = buffer.count
                    return SegmentScanner.scan(buffer, segment: names[index], firstSeq: nil, previousHash: nil) { frame in
                        inspect(frame, &pass.findings)
                        if keepRecords { pass.records.append(StoredRecord(frame, in: bytes, base: buffer.baseAddress!)) }
                    }
                }
                return pass
            }
        }
        var scan = Scan(segments: names, records: [], head: .empty, damage: nil)
        if keepRecords { scan.records.reserveCapacity(passes.reduce(0) { $0 + ((try? $1.get().records.count) ?? 0) }) }
        var found: [Findings] = []
        for (index, name) in names.enumerated() {
            let pass = try passes[index].get()
            scan.lastSegmentSize = pass.size
            let expected = scan.head.seq + 1
            if let first = pass.summary.first, first.seq != expected || first.prevHash != scan.head.hash {
                let followed = try storage.withSegment(at: index, of: names) { SegmentScanner.hasValidFrame(in: $0, after: 0) }
                scan.damage = LogDamage(
                    segment: name, offset: 0, expectedSeq: expected,
                    reason: first.seq != expected ? "sequence \(first.seq) where \(expected) was expected" : "hash chain broken: previous hash does not match",
                    followedByValidRecords: followed)
                scan.lastSegmentSize = 0
                return (scan, found)
            }
            found.append(pass.findings)
            if keepRecords { scan.records += pass.records }
            if let last = pass.summary.last {
                scan.head = LogHead(
                    records: scan.head.records + UInt64(pass.summary.records), bytes: scan.head.bytes + UInt64(pass.summary.validEnd),
                    seq: last.seq, hash: last.hash)
            }
            if var damage = pass.summary.damage {
                damage.expectedSeq = scan.head.seq + 1
                scan.damage = damage
                return (scan, found)
            }
        }
        return (scan, found)
    }

    /// Like ``scan(storage:)`` from the segment holding `position` on, keeping only the records
    /// after it; nil when that segment does not hold the record with its hash whole and undamaged.
    static func scan(storage: any LogStorage, resumingAfter position: LogPosition) throws(StoreError) -> Scan? {
        let names = try storage.segmentNames()
        let firsts = names.map { UInt64($0.prefix(20)) ?? 0 }
        guard position.seq > 0, let start = firsts.lastIndex(where: { $0 <= position.seq }) else { return nil }
        var scan = Scan(segments: names, records: [], head: .empty, damage: nil)
        for name in names[..<start] { scan.head.bytes += UInt64(try storage.size(name)) }
        scan.head.seq = firsts[start] - 1
        scan.head.records = scan.head.seq
        var previous: [UInt8]? = nil
        var reached = false
        for (index, name) in names.enumerated().dropFirst(start) {
            let bytes = try storage.segmentBytes(at: index, of: names)
            let summary = bytes.withBytes { buffer in
                scan.lastSegmentSize = buffer.count
                return SegmentScanner.scan(buffer, segment: name, firstSeq: scan.head.seq + 1, previousHash: previous) { frame in
                    if reached {
                        scan.records.append(StoredRecord(frame, in: bytes, base: buffer.baseAddress!))
                    } else if frame.seq == position.seq {
                        reached = frame.hash.elementsEqual(position.hash)
                    }
                }
            }
            if index == start {
                guard reached else { return nil }
                scan.head.hash = position.hash
            }
            if let last = summary.last, last.seq > position.seq {
                scan.head.hash = last.hash
            }
            scan.head.seq = max(position.seq, summary.last?.seq ?? 0, scan.head.seq)
            scan.head.records = scan.head.seq
            scan.head.bytes += UInt64(summary.validEnd)
            previous = scan.head.hash
            if let damage = summary.damage {
                scan.damage = damage
                return scan
            }
        }
        return scan
    }
}

/// One segment scanned on its own (see ``EventLog/scan(storage:keepRecords:findings:inspect:)``).
struct SegmentPass<Findings>: @unchecked Sendable {
    var summary = SegmentScanner.Summary()
    var records: [StoredRecord] = []
    var size = 0
    var findings: Findings
}
