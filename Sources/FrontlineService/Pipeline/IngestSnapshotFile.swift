import Crypto
import Foundation
import FrontlineCore
public import FrontlineStore
public import Logging
public import SystemPackage

/// `STATE/ingest.snapshot`: the ingestor's state at a record of the log, written at a graceful
/// stop so the next start reads it and replays only the records after it, instead of the whole
/// log. A cache, never the truth: it names the record it was taken at by sequence number and hash,
/// and a start that finds it damaged, of another version, ahead of the read model or not matching
/// the log replays the whole log as before (and says why in the journal).
public struct IngestSnapshotFile: Sendable {
    public let path: FilePath

    public init(stateDirectory: FilePath) {
        self.path = stateDirectory.appending("ingest.snapshot")
    }

    /// What a start recovered: the open log, its recovery report, the records read, and the
    /// state replayed up to its head, ready for ``ArticleIngestor``.
    public struct Recovered: Sendable {
        public var log: EventLog
        public var recovery: RecoveryReport
        /// The records after the snapshot (all of them when there was none).
        public var records: [StoredRecord]
        public var fromSnapshot: LogPosition?
        var state: IngestState
    }

    /// Opens the log and rebuilds the ingestor's state: from the snapshot when it holds, else by
    /// replaying the whole log. `readModelSeq` is the read model's last applied record: a snapshot
    /// past it would leave the read model records it cannot catch up from.
    public func recover(
        logDirectory: FilePath, configuration: ClaimLedger.Configuration, readModelSeq: UInt64, logger: Logger
    ) throws -> Recovered {
        self.removeAbandonedWrites(logger: logger)
        if let resumed = try self.resume(logDirectory: logDirectory, configuration: configuration, readModelSeq: readModelSeq, logger: logger) {
            return resumed
        }
        let (log, recovery, records) = try EventLog.open(directory: logDirectory)
        var state = IngestState(configuration: configuration)
        try state.apply(records)
        return Recovered(log: log, recovery: recovery, records: records, fromSnapshot: nil, state: state)
    }

    /// Deletes snapshots whose writing never finished: a stop killed mid-write (systemd's
    /// `TimeoutStopSec`, a crash) leaves the temporary file of ``write(_:log:loaded:logger:)``,
    /// as large as a snapshot, which nothing else would ever remove. The caller holds the state
    /// directory's lock, so no other daemon is writing one.
    func removeAbandonedWrites(logger: Logger) {
        let directory = self.path.removingLastComponent()
        let prefix = Syscalls.temporaryPrefix(for: self.path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.string) else { return }
        for name in names where name.hasPrefix(prefix) {
            let path = directory.appending(name)
            if unlink(path.string) == 0 {
                logger.notice("removed a snapshot whose writing never finished (a stop killed mid-write)", metadata: ["snapshot.path": "\(path)"])
            } else {
                logger.warning(
                    "cannot remove an unfinished snapshot: \(String(cString: strerror(errno))); delete it by hand to free its space",
                    metadata: ["snapshot.path": "\(path)"])
            }
        }
    }

    func resume(
        logDirectory: FilePath, configuration: ClaimLedger.Configuration, readModelSeq: UInt64, logger: Logger
    ) throws -> Recovered? {
        guard Syscalls.fileExists(self.path) else { return nil }
        let replaying = "the whole log is replayed instead (slower, same result)"
        let mapped: MappedFile
        let position: LogPosition
        do {
            mapped = try MappedFile(self.path)
            position = try IngestState.position(ofSnapshot: mapped.bytes, owner: mapped)
        } catch {
            logger.warning("ingest snapshot not used: \(error); \(replaying)", metadata: ["snapshot.path": "\(self.path)"])
            return nil
        }
        // Checked before the whole snapshot is read: a read model behind it needs the whole log anyway.
        guard position.seq <= readModelSeq else {
            logger.info(
                "ingest snapshot not used: the read model is behind it (rebuilt or restored); \(replaying)",
                metadata: ["snapshot.seq": "\(position.seq)", "read_model.seq": "\(readModelSeq)"])
            return nil
        }
        // The checksum, the decoding and the log's scan from the snapshot's segment are independent:
        // they run at once, on every core, and the state is used only if the checksum holds.
        let parts = Concurrent.map([ResumePart.checksum, .state, .log]) { part -> ResumeResult in
            switch part {
            case .checksum: .checksum(Result { try IngestState.checkChecksum(of: mapped.bytes) })
            case .state: .state(Result { try IngestState(uncheckedSnapshot: mapped.bytes, owner: mapped, configuration: configuration) })
            case .log: .log(Result { try EventLog.open(directory: logDirectory, resumingAfter: position) })
            }
        }
        guard case .checksum(let checksum) = parts[0], case .state(let decoded) = parts[1], case .log(let opened) = parts[2] else {
            preconditionFailure("resume parts out of order")
        }
        // A damaged log stops the start whatever the snapshot holds, as a whole replay would.
        let logOpened = try opened.get()
        let state: IngestState
        do {
            try checksum.get()
            state = try decoded.get()
        } catch {
            logOpened?.log.close()
            logger.warning("ingest snapshot not used: \(error); \(replaying)", metadata: ["snapshot.path": "\(self.path)"])
            return nil
        }
        guard let (log, recovery, records) = logOpened else {
            logger.warning(
                "ingest snapshot not used: the log has no record \(state.position.seq) with the snapshot's hash (a log restored from a backup?); \(replaying)",
                metadata: ["snapshot.seq": "\(state.position.seq)", "snapshot.path": "\(self.path)"])
            return nil
        }
        var resumed = state
        try resumed.apply(records)
        logger.info(
            "ingest state read from the snapshot; replayed only the records after it",
            metadata: ["snapshot.seq": "\(state.position.seq)", "log.records_replayed": "\(records.count)"])
        return Recovered(log: log, recovery: recovery, records: records, fromSnapshot: state.position, state: resumed)
    }

    /// Writes the ingestor's state once everything it submitted is durable (after the log is
    /// closed): only when the log's head is the state's last record, and something changed since
    /// `loaded`. Failures are logged: the next start replays the log instead.
    public func write(_ ingestor: ArticleIngestor, log: EventLog, loaded: LogPosition?, logger: Logger) async {
        let state = await ingestor.state()
        let head = log.head
        guard head.seq > 0, state.position != loaded else { return }
        guard head.seq == state.position.seq, head.hash == state.position.hash else {
            logger.warning(
                "ingest snapshot not written: the log's head is not the ingestor's last record; the next start replays the log",
                metadata: ["log.head_seq": "\(head.seq)", "ingestor.seq": "\(state.position.seq)"])
            return
        }
        do {
            let bytes = try Self.write(state, to: self.path)
            logger.info("ingest snapshot written", metadata: ["snapshot.seq": "\(head.seq)", "snapshot.bytes": "\(bytes)"])
        } catch {
            logger.warning(
                "ingest snapshot not written: \(error); the next start replays the log", metadata: ["snapshot.path": "\(self.path)"])
        }
    }
}

extension ArticleIngestor {
    /// An ingestor with the state a recovery rebuilt.
    public init(settings: LiveSettings, recovered: IngestSnapshotFile.Recovered, texts: ArticleTextStore, hub: AlertHub, logger: Logger) {
        self.init(settings: settings, log: recovered.log, state: recovered.state, texts: texts, hub: hub, logger: logger)
    }
}

/// The three parts of a start from a snapshot, run at once.
private enum ResumePart: Sendable {
    case checksum, state, log
}

private enum ResumeResult {
    case checksum(Result<Void, any Error>)
    case state(Result<IngestState, any Error>)
    case log(Result<(log: EventLog, recovery: RecoveryReport, records: [StoredRecord])?, any Error>)
}

extension IngestSnapshotFile {
    /// Writes `state` to `path` as it is encoded, a few MB at a time, with its checksum last: a
    /// state of a million claims is never held twice in memory. Returns the bytes written.
    static func write(_ state: IngestState, to path: FilePath, chunk: Int = 4 << 20) throws -> Int {
        var encodingError: (any Error)?
        var written = 0
        try Syscalls.writeFileAtomically(path, permissions: [.ownerReadWrite, .groupRead]) { fd, temporary throws(StoreError) in
            let sink = SnapshotFileSink(fd: fd, path: temporary)
            var writer = BinaryWriter(streamingTo: sink, chunk: chunk)
            do { try state.writeSnapshot(to: &writer) } catch { encodingError = error }
            writer.flush()
            if let failure = sink.failure { throw failure }
            // An encoding error leaves the temporary file to be removed: no snapshot beats a wrong one.
            if let encodingError { throw StoreError(.io, "cannot encode the ingest state: \(encodingError)", path: temporary) }
            let checksum = Array(sink.hasher.finalize())
            try Syscalls.writeAll(fd, checksum, path: temporary)
            written = sink.written + checksum.count
        }
        return written
    }
}

/// Takes a streaming snapshot writer's buffers: hashes them and writes them to the file. The
/// first write error is kept (the writer cannot throw) and later buffers are dropped.
private final class SnapshotFileSink: BinarySink {
    let fd: FileDescriptor
    let path: String
    var hasher = SHA256()
    var written = 0
    var failure: StoreError?

    init(fd: FileDescriptor, path: String) {
        self.fd = fd
        self.path = path
    }

    func take(_ bytes: UnsafeRawBufferPointer) {
        guard self.failure == nil else { return }
        self.hasher.update(bufferPointer: bytes)
        do {
            try Syscalls.writeAll(self.fd, bytes, path: self.path)
            self.written += bytes.count
        } catch {
            self.failure = error
        }
    }
}
