import Foundation
import Crypto
import FrontlineCore
import FrontlineStore

/// The ingestor's state as the log gives it: the ledger, the inbox files recorded, the alerts
/// still owed a delivery, and the last record applied. Rebuilt by replaying the log, or read from
/// a snapshot (``IngestSnapshotFile``) and brought up to date with the records after it.
struct IngestState: Sendable, Equatable {
    var ledger: ClaimLedger
    var recorded: [FileIdentity: PendingOutcome.Disposal] = [:]
    var alerts = AlertBook()
    /// The last record applied (seq 0: none).
    var position = LogPosition(seq: 0, hash: [UInt8](repeating: 0, count: LogRecord.hashSize))

    init(configuration: ClaimLedger.Configuration) {
        self.ledger = ClaimLedger(configuration: configuration)
    }

    /// Applies records in log order (the next round decoded on another core while one is applied).
    mutating func apply(_ records: [StoredRecord]) throws {
        var last: StoredRecord?
        defer { if let last { self.position = LogPosition(seq: last.seq, hash: last.hash) } }
        try StoredRecord.forEachEvent(in: records) { stored, event in
            self.ledger.apply(event)
            self.note(event, seq: stored.seq)
            last = stored
        }
    }

    /// What an event changes besides the ledger (which the ingestor changes itself when live).
    mutating func note(_ event: LogEvent, seq: UInt64) {
        switch event {
        case .articleAccepted(let record): if let source = record.source { self.recorded[source] = .processed }
        case .articleDuplicate(let record): if let source = record.source { self.recorded[source] = .processed }
        case .articleRejected(let record): if let source = record.source { self.recorded[source] = .rejected(record.reason) }
        default: self.alerts.note(event, seq: seq)
        }
    }
}

extension IngestState {
    static let format = "frontline-ingest-snapshot/2"

    /// The state as snapshot bytes (the book pruned first), ended by their SHA-256.
    func snapshot() throws -> [UInt8] {
        var writer = BinaryWriter()
        try self.writeSnapshot(to: &writer)
        let checksum = SHA256.hash(data: writer.bytes)
        writer.write(raw: checksum)
        return writer.bytes
    }

    /// Writes ``snapshot()`` but its checksum (a streaming writer's sink computes it).
    func writeSnapshot(to writer: inout BinaryWriter) throws {
        var alerts = self.alerts
        alerts.prune()
        writer.write(Self.format)
        writer.write(self.position.seq)
        writer.write(bytes: self.position.hash)
        try self.ledger.writeSnapshot(to: &writer)
        writer.write(UInt64(self.recorded.count))
        for (identity, disposal) in self.recorded {
            writer.write(identity.device)
            writer.write(identity.inode)
            writer.write(identity.size)
            writer.write(identity.modifiedNanoseconds)
            switch disposal {
            case .processed: writer.write(UInt8(0))
            case .rejected(let reason):
                writer.write(UInt8(1))
                writer.write(reason)
            case .none: writer.write(UInt8(2))
            }
        }
        // Sorted keys: the same state gives the same bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        writer.write(bytes: Array(try encoder.encode(alerts.raised)))
        writer.write(strings: alerts.delivered.sorted())
        writer.write(strings: alerts.hookQueued.sorted())
        writer.write(strings: alerts.hookDone.sorted())
    }

    /// Reads a snapshot written by ``snapshot()``, with the running ledger configuration.
    init(snapshot bytes: [UInt8], configuration: ClaimLedger.Configuration) throws {
        let owned = OwnedBytes(bytes)
        try self.init(snapshot: UnsafeRawBufferPointer(owned.buffer), owner: owned, configuration: configuration)
    }

    /// The record a snapshot was taken at, read from its first bytes (no checksum, no decoding):
    /// enough to decide whether the snapshot can be used before reading all of it.
    static func position(ofSnapshot bytes: UnsafeRawBufferPointer, owner: AnyObject) throws -> LogPosition {
        var reader = BinaryReader(borrowing: bytes, owner: owner, end: max(0, bytes.count - 32))
        return try Self.readPosition(&reader)
    }

    /// Reads a snapshot from memory that `owner` keeps valid (a ``MappedFile``).
    init(snapshot bytes: UnsafeRawBufferPointer, owner: AnyObject, configuration: ClaimLedger.Configuration) throws {
        try Self.checkChecksum(of: bytes)
        try self.init(uncheckedSnapshot: bytes, owner: owner, configuration: configuration)
    }

    /// Reads a snapshot whose checksum the caller checks (at the same time, on another core): the
    /// state read must not be used unless ``checkChecksum(of:)`` passes.
    init(uncheckedSnapshot bytes: UnsafeRawBufferPointer, owner: AnyObject, configuration: ClaimLedger.Configuration) throws {
        guard bytes.count > 32 else { throw SnapshotFormatError("a snapshot of \(bytes.count) bytes") }
        var reader = BinaryReader(borrowing: bytes, owner: owner, end: bytes.count - 32)
        self.init(configuration: configuration)
        self.position = try Self.readPosition(&reader)
        self.ledger = try ClaimLedger(snapshot: &reader, configuration: configuration)
        let files = try reader.readCount()
        self.recorded.reserveCapacity(files)
        for _ in 0..<files {
            let identity = FileIdentity(
                device: try reader.read(UInt64.self), inode: try reader.read(UInt64.self), size: try reader.read(Int64.self),
                modifiedNanoseconds: try reader.read(Int64.self))
            switch try reader.read(UInt8.self) {
            case 0: self.recorded[identity] = .processed
            case 1: self.recorded[identity] = .rejected(try reader.readString())
            case 2: self.recorded[identity] = PendingOutcome.Disposal.none
            case let tag: throw SnapshotFormatError("a recorded file's outcome tag \(tag)")
            }
        }
        let raised = try JSONDecoder().decode([Alert].self, from: Data(try reader.readBytes()))
        self.alerts = AlertBook(
            raised: raised, delivered: Set(try reader.readStrings()), hookQueued: Set(try reader.readStrings()),
            hookDone: Set(try reader.readStrings()))
        guard reader.isAtEnd else { throw SnapshotFormatError("bytes follow the snapshot's last part") }
    }

    /// Throws unless the snapshot ends with the SHA-256 of what precedes it.
    static func checkChecksum(of bytes: UnsafeRawBufferPointer) throws {
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<max(0, bytes.count - 32)])
        guard bytes.count > 32, SHA256.hash(data: body).elementsEqual(bytes[(bytes.count - 32)...]) else {
            throw SnapshotFormatError("checksum mismatch (a partial or damaged snapshot)")
        }
    }

    private static func readPosition(_ reader: inout BinaryReader) throws -> LogPosition {
        let format = try reader.readString()
        guard format == Self.format else { throw SnapshotFormatError("format \(format.debugDescription), not \(Self.format)") }
        let seq = try reader.read(UInt64.self)
        let hash = try reader.readBytes()
        guard hash.count == LogRecord.hashSize else { throw SnapshotFormatError("a head hash of \(hash.count) bytes") }
        return LogPosition(seq: seq, hash: hash)
    }
}
