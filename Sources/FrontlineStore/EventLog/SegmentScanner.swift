public import FrontlineCore
import Crypto

/// A record read back from the log, with its hash and where it sits.
public struct StoredRecord: Sendable {
    public var record: LogRecord
    /// SHA-256 of the record's body; the next record's `prevHash`.
    public var hash: [UInt8]
    public var segment: String
    public var offset: Int

    public var seq: UInt64 { self.record.seq }

    /// The record's event; throws for a payload this version cannot read.
    public func event() throws -> LogEvent {
        try LogEvent(type: self.record.type, payload: self.record.payload)
    }
}

/// Where and how a segment is damaged.
public struct LogDamage: Sendable, CustomStringConvertible {
    public var segment: String
    public var offset: Int
    /// The sequence number the damaged record should have had.
    public var expectedSeq: UInt64
    public var reason: String
    /// Valid records follow the damage: this is corruption in the middle, not a torn tail.
    public var followedByValidRecords: Bool

    public var description: String {
        "segment \(self.segment) offset \(self.offset) (record seq \(self.expectedSeq)): \(self.reason)"
    }
}

/// Reads the frames of one segment, checking length, CRC32C, sequence and hash chain.
enum SegmentScanner {
    struct ScanResult {
        var records: [StoredRecord]
        /// Bytes up to the end of the last whole, valid record.
        var validEnd: Int
        var damage: LogDamage?
    }

    static func hash(_ body: ArraySlice<UInt8>) -> [UInt8] {
        Array(SHA256.hash(data: body))
    }

    static func scan(
        _ bytes: [UInt8], segment: String, firstSeq: UInt64, previousHash: [UInt8]?, keepRecords: Bool = true
    ) -> ScanResult {
        var records: [StoredRecord] = []
        var offset = 0
        var expected = firstSeq
        var previous: [UInt8]? = previousHash
        while offset < bytes.count {
            switch self.frame(in: bytes, at: offset, expectedSeq: expected, previousHash: previous) {
            case .success(let (record, hash, size)):
                if keepRecords {
                    records.append(StoredRecord(record: record, hash: hash, segment: segment, offset: offset))
                }
                previous = hash
                expected += 1
                offset += size
            case .failure(let reason):
                let followed = self.hasValidFrame(in: bytes, after: offset)
                return ScanResult(
                    records: records, validEnd: offset,
                    damage: LogDamage(
                        segment: segment, offset: offset, expectedSeq: expected, reason: reason.description,
                        followedByValidRecords: followed))
            }
        }
        return ScanResult(records: records, validEnd: offset, damage: nil)
    }

    enum FrameError: Error { case bad(String) }

    static func frame(
        in bytes: [UInt8], at offset: Int, expectedSeq: UInt64?, previousHash: [UInt8]?
    ) -> Swift.Result<(LogRecord, [UInt8], Int), FrameErrorReason> {
        guard bytes.count - offset >= LogRecord.headerSize else { return .failure("incomplete frame header") }
        let slice = bytes[offset...]
        let length = Int(slice.readLittleEndian(UInt32.self, at: offset))
        let crc = slice.readLittleEndian(UInt32.self, at: offset + 4)
        guard length >= 50, length <= LogRecord.maxBodySize else { return .failure("implausible frame length \(length)") }
        guard bytes.count - offset - LogRecord.headerSize >= length else { return .failure("frame runs past end of segment") }
        let bodyStart = offset + LogRecord.headerSize
        let body = bytes[bodyStart..<(bodyStart + length)]
        guard CRC32C.checksum(body) == crc else { return .failure("CRC32C mismatch") }
        guard let record = LogRecord(body: body) else { return .failure("undecodable record body") }
        if let expectedSeq, record.seq != expectedSeq {
            return .failure("sequence \(record.seq) where \(expectedSeq) was expected")
        }
        if let previousHash, record.prevHash != previousHash {
            return .failure("hash chain broken: previous hash does not match")
        }
        return .success((record, self.hash(body), LogRecord.headerSize + length))
    }

    /// Whether any whole frame with a valid CRC starts after `offset` (damage in the middle).
    static func hasValidFrame(in bytes: [UInt8], after offset: Int) -> Bool {
        var candidate = offset + 1
        while candidate + LogRecord.headerSize + 50 <= bytes.count {
            if case .success = self.frame(in: bytes, at: candidate, expectedSeq: Optional<UInt64>.none, previousHash: Optional<[UInt8]>.none) { return true }
            candidate += 1
        }
        return false
    }
}

struct FrameErrorReason: Error, ExpressibleByStringLiteral, CustomStringConvertible {
    var text: String
    init(stringLiteral value: String) { self.text = value }
    init(_ text: String) { self.text = text }
    var description: String { self.text }
}

extension Swift.Result where Failure == FrameErrorReason {
    static func failure(_ text: String) -> Self { .failure(FrameErrorReason(text)) }
}
