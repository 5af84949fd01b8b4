public import FrontlineCore
import Crypto
#if canImport(Glibc)
import Glibc
#endif

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

/// One checked frame as it lies in a segment's bytes, valid only while they are: nothing is
/// copied until a caller keeps it (``StoredRecord/init(_:segment:)``).
struct SegmentFrame {
    var seq: UInt64
    var timeMillis: Int64
    var prevHash: UnsafeRawBufferPointer
    var type: UnsafeRawBufferPointer
    var payload: UnsafeRawBufferPointer
    var hash: SHA256Digest
    var offset: Int
    var size: Int

    /// The record type, without allocating for the types this version writes.
    var typeName: String { LogRecord.typeName(self.type) }
}

/// Reads the frames of one segment, checking length, CRC32C, sequence and hash chain.
enum SegmentScanner {
    /// What a scan of one segment found; the link to the segment before (its first record's
    /// sequence and previous hash) is left to ``EventLog`` when the scan was not given one.
    struct Summary {
        var records = 0
        /// Bytes up to the end of the last whole, valid record.
        var validEnd = 0
        var damage: LogDamage?
        var first: (seq: UInt64, prevHash: [UInt8])?
        var last: (seq: UInt64, hash: [UInt8])?
    }

    /// Checks every frame of `bytes` in order and passes each valid one to `visit`, stopping at
    /// the first damage. With `firstSeq` or `previousHash` nil the first frame's own is accepted.
    static func scan(
        _ bytes: UnsafeRawBufferPointer, segment: String, firstSeq: UInt64?, previousHash: [UInt8]?,
        visit: (SegmentFrame) -> Void = { _ in }
    ) -> Summary {
        var summary = Summary()
        var offset = 0
        var expected = firstSeq
        var previous: SHA256Digest?
        while offset < bytes.count {
            let checked: Result<SegmentFrame, FrameErrorReason>
            if let previous {
                checked = previous.withUnsafeBytes { self.frame(in: bytes, at: offset, expectedSeq: expected, previousHash: $0) }
            } else if let previousHash {
                checked = previousHash.withUnsafeBytes { self.frame(in: bytes, at: offset, expectedSeq: expected, previousHash: $0) }
            } else {
                checked = self.frame(in: bytes, at: offset, expectedSeq: expected, previousHash: nil)
            }
            switch checked {
            case .success(let frame):
                if summary.first == nil { summary.first = (frame.seq, Array(frame.prevHash)) }
                visit(frame)
                summary.records += 1
                previous = frame.hash
                expected = frame.seq + 1
                offset += frame.size
            case .failure(let reason):
                summary.damage = LogDamage(
                    segment: segment, offset: offset, expectedSeq: expected ?? 0, reason: reason.description,
                    followedByValidRecords: self.hasValidFrame(in: bytes, after: offset))
            }
            if summary.damage != nil { break }
        }
        summary.validEnd = offset
        if let previous, let expected { summary.last = (expected - 1, Array(previous)) }
        return summary
    }

    static func frame(
        in bytes: UnsafeRawBufferPointer, at offset: Int, expectedSeq: UInt64?, previousHash: UnsafeRawBufferPointer?
    ) -> Result<SegmentFrame, FrameErrorReason> {
        guard bytes.count - offset >= LogRecord.headerSize else { return .failure("incomplete frame header") }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        let crc = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard length >= 50, length <= LogRecord.maxBodySize else { return .failure("implausible frame length \(length)") }
        guard bytes.count - offset - LogRecord.headerSize >= length else { return .failure("frame runs past end of segment") }
        let bodyStart = offset + LogRecord.headerSize
        let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + length)])
        guard CRC32C.checksum(body) == crc else { return .failure("CRC32C mismatch") }
        let seq = UInt64(littleEndian: body.loadUnaligned(as: UInt64.self))
        let typeLength = Int(UInt16(littleEndian: body.loadUnaligned(fromByteOffset: 48, as: UInt16.self)))
        guard length >= 50 + typeLength else { return .failure("undecodable record body") }
        if let expectedSeq, seq != expectedSeq {
            return .failure("sequence \(seq) where \(expectedSeq) was expected")
        }
        let prevHash = UnsafeRawBufferPointer(rebasing: body[16..<48])
        if let previousHash, memcmp(prevHash.baseAddress!, previousHash.baseAddress!, LogRecord.hashSize) != 0 {
            return .failure("hash chain broken: previous hash does not match")
        }
        return .success(
            SegmentFrame(
                seq: seq, timeMillis: Int64(bitPattern: UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 8, as: UInt64.self))),
                prevHash: prevHash, type: UnsafeRawBufferPointer(rebasing: body[50..<(50 + typeLength)]),
                payload: UnsafeRawBufferPointer(rebasing: body[(50 + typeLength)...]), hash: SHA256.hash(data: body),
                offset: offset, size: LogRecord.headerSize + length))
    }

    /// Whether any whole frame with a valid CRC starts after `offset` (damage in the middle).
    static func hasValidFrame(in bytes: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var candidate = offset + 1
        while candidate + LogRecord.headerSize + 50 <= bytes.count {
            if case .success = self.frame(in: bytes, at: candidate, expectedSeq: nil, previousHash: nil) { return true }
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
