public import FrontlineCore
import Crypto

/// A record read back from the log, with its hash and where it sits.
///
/// The record's bytes are not copied out of what they were read from: every record of a segment
/// shares its ``RecordBytes`` (a mapped sealed segment, or the last segment read into memory, or
/// an appended batch's frames), so reading a million records back costs no allocation per record
/// and no second copy of the log in fresh memory. ``event()`` decodes the payload where it lies.
public struct StoredRecord: Sendable {
    public let seq: UInt64
    /// Milliseconds since the Unix epoch when the record was written.
    public let timeMillis: Int64
    public let type: String
    /// Byte offset of the record's frame in its segment.
    public let offset: Int
    let digest: RecordHash
    let bytes: RecordBytes
    /// Where the record's body lies in `bytes`, and where its payload starts.
    let body: Range<Int>
    let payloadStart: Int

    /// SHA-256 of the record's body; the next record's `prevHash`.
    public var hash: [UInt8] { self.digest.bytes }
    public var segment: String { self.bytes.segment }

    /// The record's event; throws for a payload this version cannot read.
    public func event() throws -> LogEvent {
        try self.withPayload { try LogEvent(type: self.type, payload: $0) }
    }

    /// Lends the record's payload bytes to `body`.
    public func withPayload<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try self.bytes.withBytes { try body(UnsafeRawBufferPointer(rebasing: $0[self.payloadStart..<self.body.upperBound])) }
    }

    /// The record as a value of its own (its previous hash and payload copied).
    public var record: LogRecord {
        self.bytes.withBytes { bytes in
            LogRecord(
                seq: self.seq, timeMillis: self.timeMillis, prevHash: Array(bytes[(self.body.lowerBound + 16)..<(self.body.lowerBound + 48)]),
                type: self.type, payload: Array(bytes[self.payloadStart..<self.body.upperBound]))
        }
    }
}

// Outside the struct, so that it keeps its memberwise initializer.
extension StoredRecord {
    /// A record lying in `bytes` (whose buffer starts at `base`), as a scan checked it.
    init(_ frame: SegmentFrame, in bytes: RecordBytes, base: UnsafeRawPointer) {
        let bodyStart = frame.offset + LogRecord.headerSize
        self.init(
            seq: frame.seq, timeMillis: frame.timeMillis, type: frame.typeName, offset: frame.offset, digest: RecordHash(frame.hash),
            bytes: bytes, body: bodyStart..<(frame.offset + frame.size), payloadStart: frame.payload.baseAddress.map { $0 - base } ?? bodyStart)
    }

    /// A record with bytes of its own, framed from `record`, carrying the given hash (tests).
    public init(record: LogRecord, hash: [UInt8], segment: String, offset: Int) {
        let body = record.encodeBody()
        self.init(
            seq: record.seq, timeMillis: record.timeMillis, type: record.type, offset: offset, digest: RecordHash(hash),
            bytes: RecordBytes(segment: segment, owned: body), body: 0..<body.count, payloadStart: body.count - record.payload.count)
    }
}

/// The bytes records are read from, shared by all the records lying in them.
public final class RecordBytes: Sendable {
    enum Storage: Sendable {
        /// A sealed segment, mapped: its pages come from the page cache and are never copied.
        case mapped(MappedFile)
        /// A segment read into memory (the last one, which may still grow), or a batch's frames.
        case owned([UInt8])
    }

    let segment: String
    let storage: Storage

    init(segment: String, mapped: MappedFile) {
        self.segment = segment
        self.storage = .mapped(mapped)
    }

    init(segment: String, owned: [UInt8]) {
        self.segment = segment
        self.storage = .owned(owned)
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self.storage {
        case .mapped(let file): try withExtendedLifetime(file) { try body(file.bytes) }
        case .owned(let bytes): try bytes.withUnsafeBytes(body)
        }
    }
}

/// A SHA-256 hash held inline (no allocation per record).
struct RecordHash: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ digest: SHA256Digest) {
        digest.withUnsafeBytes { self.load($0) }
    }

    /// The first 32 bytes of `bytes` (zeros past its end).
    init(_ bytes: [UInt8]) {
        let padded = bytes + [UInt8](repeating: 0, count: max(0, LogRecord.hashSize - bytes.count))
        padded.withUnsafeBytes { self.load($0) }
    }

    private mutating func load(_ source: UnsafeRawBufferPointer) {
        withUnsafeMutableBytes(of: &self.words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<LogRecord.hashSize])) }
    }

    var bytes: [UInt8] { withUnsafeBytes(of: self.words) { Array($0) } }

    static func == (lhs: RecordHash, rhs: RecordHash) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: self.words) { hasher.combine(bytes: $0) }
    }
}
