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

    /// Decodes a body whose CRC has been checked.
    public init?(body: ArraySlice<UInt8>) {
        guard body.count >= 50 else { return nil }
        let base = body.startIndex
        self.seq = body.readLittleEndian(UInt64.self, at: base)
        self.timeMillis = Int64(bitPattern: body.readLittleEndian(UInt64.self, at: base + 8))
        self.prevHash = Array(body[(base + 16)..<(base + 48)])
        let typeLength = Int(body.readLittleEndian(UInt16.self, at: base + 48))
        guard body.count >= 50 + typeLength else { return nil }
        self.type = String(decoding: body[(base + 50)..<(base + 50 + typeLength)], as: UTF8.self)
        self.payload = Array(body[(base + 50 + typeLength)...])
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { self.append(contentsOf: $0) }
    }
}

extension ArraySlice where Element == UInt8 {
    public func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type, at index: Int) -> T {
        var value: T = 0
        for offset in 0..<MemoryLayout<T>.size {
            value |= T(self[index + offset]) << (8 * offset)
        }
        return value
    }
}
