#if canImport(Glibc)
import Glibc
#endif
public import FrontlineCore
public import SystemPackage
import Synchronization

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

/// The append-only, hash-chained, segmented event log under `STATE/log/`.
///
/// One writer. `append` writes a batch of records and returns only after `fsync` has returned, so
/// nothing is acknowledged before it is durable. Any write or fsync failure poisons the log: every
/// later append fails too, and the daemon stops (exit 2) rather than continue with lost data.
public final class EventLog: Sendable {
    struct Writer {
        var fd: FileDescriptor
        var segmentPath: FilePath
        var segmentSize: Int
        var head: LogHead
        var failure: StoreError?
    }

    public let directory: FilePath
    public let segmentLimit: Int
    private let writer: Mutex<Writer>

    public var head: LogHead { self.writer.withLock { $0.head } }

    /// Segment files, oldest first: `<first seq, 20 digits>.log`.
    static func segmentNames(in directory: FilePath) throws(StoreError) -> [String] {
        guard let dir = opendir(directory.string) else {
            throw StoreError(.io, "cannot list log directory", path: directory.string, errno: Errno(rawValue: errno))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".log"), name.count == 24, UInt64(name.prefix(20)) != nil { names.append(name) }
        }
        return names.sorted()
    }

    static func segmentName(firstSeq: UInt64) -> String {
        let digits = String(firstSeq)
        return String(repeating: "0", count: 20 - digits.count) + digits + ".log"
    }

    /// Opens the log, recovering from a torn tail, and returns every record for replay.
    /// - Throws: ``StoreError`` `.corrupt` naming segment, offset and sequence when damage is
    ///   followed by valid records (corruption in the middle): the log is left untouched.
    public static func open(
        directory: FilePath, segmentLimit: Int = 64 << 20
    ) throws(StoreError) -> (log: EventLog, recovery: RecoveryReport, records: [StoredRecord]) {
        try Syscalls.makeDirectory(directory)
        let scan = try Self.scan(directory: directory)
        var names = scan.segments
        let records = scan.records
        let head = scan.head
        var report = RecoveryReport(segments: names.count, records: 0, truncatedBytes: 0)
        if let damage = scan.damage {
            let path = directory.appending(damage.segment)
            if damage.segment != names.last || damage.followedByValidRecords {
                throw StoreError(
                    .corrupt,
                    "event log damaged in the middle at \(damage); refusing to start. Run `frontlinectl log verify --state-dir` and restore the log from a backup",
                    path: path.string)
            }
            // Torn tail (power loss mid-write): keep a copy of what is cut, then cut it.
            let bytes = try Syscalls.readFile(path)
            let tail = Array(bytes[damage.offset...])
            let saved = directory.appending("torn-\(damage.segment)-at-\(damage.offset).bin")
            try Syscalls.writeFileAtomically(saved, tail)
            let fd = try openSegment(path)
            try Syscalls.truncate(fd, to: Int64(damage.offset), path: path.string)
            try Syscalls.fsync(fd, path: path.string)
            try? fd.close()
            report.truncatedBytes = tail.count
            report.savedTailPath = saved.string
            report.tailReason = damage.description
        }
        if names.isEmpty {
            let name = segmentName(firstSeq: 1)
            let fd = try openSegment(directory.appending(name), create: true)
            try? fd.close()
            try Syscalls.fsyncDirectory(directory)
            names = [name]
        }
        let lastPath = directory.appending(names.last!)
        let fd = try openSegment(lastPath)
        let size = try Syscalls.readFile(lastPath).count
        report.records = head.records
        let log = EventLog(
            directory: directory, segmentLimit: segmentLimit,
            writer: Writer(fd: fd, segmentPath: lastPath, segmentSize: size, head: head, failure: nil))
        return (log, report, records)
    }

    private init(directory: FilePath, segmentLimit: Int, writer: Writer) {
        self.directory = directory
        self.segmentLimit = segmentLimit
        self.writer = Mutex(writer)
    }

    static func openSegment(_ path: FilePath, create: Bool = false) throws(StoreError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(
                path, .writeOnly, options: create ? [.append, .create, .exclusiveCreate] : [.append],
                permissions: [.ownerReadWrite, .groupRead])
        } catch {
            throw StoreError(.io, "cannot open log segment", path: path.string, errno: error as? Errno)
        }
    }

    /// Appends a batch of events as consecutive records and returns them once `fsync` returned.
    public func append(_ events: [LogEvent], timeMillis: Int64) throws(StoreError) -> [StoredRecord] {
        var encoded: [(String, [UInt8])] = []
        for event in events {
            do {
                encoded.append((event.type, Array(try event.payload())))
            } catch {
                throw StoreError(.format, "cannot encode \(event.type) record: \(error)")
            }
        }
        return try self.writer.withLock { (writer: inout Writer) throws(StoreError) -> [StoredRecord] in
            if let failure = writer.failure { throw failure }
            do throws(StoreError) {
                if writer.segmentSize >= self.segmentLimit { try self.rotate(&writer) }
                var bytes: [UInt8] = []
                var stored: [StoredRecord] = []
                var head = writer.head
                let segment = writer.segmentPath.lastComponent?.string ?? ""
                for (type, payload) in encoded {
                    let record = LogRecord(seq: head.seq + 1, timeMillis: timeMillis, prevHash: head.hash, type: type, payload: payload)
                    let body = record.encodeBody()
                    let hash = SegmentScanner.hash(body[...])
                    let frame = LogRecord.frame(body: body)
                    stored.append(StoredRecord(record: record, hash: hash, segment: segment, offset: writer.segmentSize + bytes.count))
                    bytes += frame
                    head = LogHead(records: head.records + 1, bytes: head.bytes + UInt64(frame.count), seq: record.seq, hash: hash)
                }
                try Syscalls.writeAll(writer.fd, bytes, path: writer.segmentPath.string)
                try Syscalls.fsync(writer.fd, path: writer.segmentPath.string)
                writer.segmentSize += bytes.count
                writer.head = head
                return stored
            } catch {
                writer.failure = error
                throw error
            }
        }
    }

    private func rotate(_ writer: inout Writer) throws(StoreError) {
        let path = self.directory.appending(Self.segmentName(firstSeq: writer.head.seq + 1))
        let fd = try Self.openSegment(path, create: true)
        try Syscalls.fsyncDirectory(self.directory)
        try? writer.fd.close()
        writer.fd = fd
        writer.segmentPath = path
        writer.segmentSize = 0
    }

    /// Scans the whole log read-only, stopping at the first damage.
    public static func readAll(directory: FilePath) throws(StoreError) -> (records: [StoredRecord], head: LogHead, damage: LogDamage?) {
        let scan = try self.scan(directory: directory)
        return (scan.records, scan.head, scan.damage)
    }

    struct Scan {
        var segments: [String]
        var records: [StoredRecord]
        var head: LogHead
        var damage: LogDamage?
    }

    /// Reads every segment in order, checking frames, sequence and chain across segment boundaries.
    static func scan(directory: FilePath) throws(StoreError) -> Scan {
        let names = try segmentNames(in: directory)
        var scan = Scan(segments: names, records: [], head: .empty, damage: nil)
        for name in names {
            let bytes = try Syscalls.readFile(directory.appending(name))
            let result = SegmentScanner.scan(bytes, segment: name, firstSeq: scan.head.seq + 1, previousHash: scan.head.hash)
            scan.records += result.records
            if let last = result.records.last {
                scan.head = LogHead(
                    records: scan.head.records + UInt64(result.records.count),
                    bytes: scan.head.bytes + UInt64(result.validEnd), seq: last.seq, hash: last.hash)
            }
            if let damage = result.damage {
                scan.damage = damage
                return scan
            }
        }
        return scan
    }
}
