/// One record of the event log, as framed on disk (see docs/log-format.md):
///
///     frame  = length:u32le crc32c(body):u32le body
///     body   = seq:u64le time_ms:i64le prev_hash:32 bytes type_len:u16le type payload
///
/// The record's hash (SHA-256 of its body, computed by the store) is the next record's `prevHash`.
public struct LogRecord: Sendable, Hashable {
    public var seq: UInt64
    /// Milliseconds since the Unix epoch when the record was written.
    public var timeMillis: Int64
    public var prevHash: [UInt8]
    public var type: String
    public var payload: [UInt8]

    public init(seq: UInt64, timeMillis: Int64, prevHash: [UInt8], type: String, payload: [UInt8]) {
        self.seq = seq
        self.timeMillis = timeMillis
        self.prevHash = prevHash
        self.type = type
        self.payload = payload
    }

    public static let headerSize = 8
    public static let hashSize = 32
    /// Frames larger than this are damage, not records.
    public static let maxBodySize = 64 << 20

    /// Encodes the body (what the CRC and the hash cover).
    public func encodeBody() -> [UInt8] {
        precondition(self.prevHash.count == Self.hashSize, "previous hash must be 32 bytes")
        let typeBytes = Array(self.type.utf8)
        var body: [UInt8] = []
        body.reserveCapacity(8 + 8 + 32 + 2 + typeBytes.count + self.payload.count)
        body.appendLittleEndian(self.seq)
        body.appendLittleEndian(UInt64(bitPattern: self.timeMillis))
        body.append(contentsOf: self.prevHash)
        body.appendLittleEndian(UInt16(typeBytes.count))
        body.append(contentsOf: typeBytes)
        body.append(contentsOf: self.payload)
        return body
    }

    /// Frames a body: length and CRC32C, then the body.
    public static func frame(body: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(body.count + Self.headerSize)
        frame.appendLittleEndian(UInt32(body.count))
        frame.appendLittleEndian(CRC32C.checksum(body))
        frame.append(contentsOf: body)
        return frame
    }
}

extension LogRecord {
    /// A record type read from a frame; one of ``LogEvent/types`` is shared rather than allocated.
    public static func typeName(_ bytes: UnsafeRawBufferPointer) -> String {
        for name in LogEvent.types where name.utf8.count == bytes.count && name.utf8.elementsEqual(bytes) { return name }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { self.append(contentsOf: $0) }
    }
}
