/// A compact little-endian byte format for snapshots of derived state (see
/// ``ClaimLedger/snapshot()``): integers as fixed-width little-endian, strings as a length and
/// UTF-8, optionals as a presence byte, arrays of integers as a count and their raw bytes.
///
/// Snapshots are caches of what replaying the log gives, never the truth: a reader that meets
/// anything unexpected throws ``SnapshotFormatError`` and the caller replays the log instead.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []
    /// Where full buffers go when the writer streams (a snapshot is written to its file as it is
    /// made, never held whole in memory); `nil` keeps every byte in `bytes`.
    private let sink: (any BinarySink)?
    private let chunk: Int

    public init(capacity: Int = 0) {
        self.sink = nil
        self.chunk = .max
        self.bytes.reserveCapacity(capacity)
    }

    /// A writer that hands `sink` its bytes in buffers of about `chunk` bytes; call ``flush()``
    /// at the end for the rest.
    public init(streamingTo sink: any BinarySink, chunk: Int = 4 << 20) {
        self.sink = sink
        self.chunk = chunk
        self.bytes.reserveCapacity(chunk + 4_096)
    }

    /// Hands what is buffered to the sink (a writer without one keeps it).
    public mutating func flush() {
        guard let sink = self.sink, !self.bytes.isEmpty else { return }
        self.bytes.withUnsafeBytes { sink.take($0) }
        self.bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        if raw.count >= self.chunk, self.sink != nil {
            // Large arrays go to the sink as they are, without a copy.
            self.flush()
            self.sink!.take(raw)
            return
        }
        self.bytes.append(contentsOf: raw)
        if self.bytes.count >= self.chunk { self.flush() }
    }

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        var little = value.littleEndian
        Swift.withUnsafeBytes(of: &little) { self.append($0) }
    }

    public mutating func write(_ value: Bool) { self.write(UInt8(value ? 1 : 0)) }

    public mutating func write(_ value: Double) { self.write(value.bitPattern) }

    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            self.write(UInt32(utf8.count))
            self.append(UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func write(_ value: String?) {
        self.write(value != nil)
        if let value { self.write(value) }
    }

    /// Bytes as they are, with no count (a trailing checksum).
    public mutating func write<Bytes: Sequence<UInt8>>(raw: Bytes) {
        let array = Array(raw)
        array.withUnsafeBytes { self.append($0) }
    }

    public mutating func write(bytes: [UInt8]) {
        self.write(UInt64(bytes.count))
        bytes.withUnsafeBytes { self.append($0) }
    }

    /// A count, then the values' raw little-endian bytes (one copy, no per-value work).
    public mutating func write<T: FixedWidthInteger>(array: [T]) {
        self.write(UInt64(array.count))
        #if _endian(little)
            array.withUnsafeBytes { self.append($0) }
        #else
            for value in array { self.write(value) }
        #endif
    }

    public mutating func write(strings: [String]) {
        self.write(UInt64(strings.count))
        for string in strings { self.write(string) }
    }
}

/// Where a streaming ``BinaryWriter`` puts its bytes (the snapshot file, and its checksum).
public protocol BinarySink: AnyObject {
    func take(_ bytes: UnsafeRawBufferPointer)
}

/// What a snapshot reader throws for bytes it cannot read: the snapshot is ignored and the log
/// replayed.
public struct SnapshotFormatError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A copy of an array's bytes at a stable address, freed with the object: the owner a
/// ``BinaryReader`` keeps for bytes given as an array.
public final class OwnedBytes {
    public let buffer: UnsafeMutableRawBufferPointer

    public init(_ bytes: [UInt8]) {
        self.buffer = .allocate(byteCount: bytes.count, alignment: 16)
        bytes.withUnsafeBytes { self.buffer.copyMemory(from: $0) }
    }

    deinit { self.buffer.deallocate() }
}

/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes left. It reads
/// from memory it is lent (a mapped snapshot file, kept alive by `owner`) or from a copy of an array.
public struct BinaryReader {
    let base: UnsafeRawBufferPointer
    /// Keeps `base` alive.
    let owner: AnyObject
    /// Where the readable bytes end (a trailing checksum is not read).
    let end: Int
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        let owned = OwnedBytes(bytes)
        self.init(borrowing: UnsafeRawBufferPointer(owned.buffer), owner: owned, offset: offset, end: end)
    }

    /// Reads `base`, which stays valid as long as `owner` lives.
    public init(borrowing base: UnsafeRawBufferPointer, owner: AnyObject, offset: Int = 0, end: Int? = nil) {
        self.base = base
        self.owner = owner
        self.offset = offset
        self.end = min(end ?? base.count, base.count)
    }

    public var isAtEnd: Bool { self.offset == self.end }

    mutating func take(_ count: Int) throws(SnapshotFormatError) -> Range<Int> {
        guard count >= 0, self.end - self.offset >= count else {
            throw SnapshotFormatError("the bytes end early: \(count) bytes wanted at offset \(self.offset) of \(self.end)")
        }
        defer { self.offset += count }
        return self.offset..<(self.offset + count)
    }

    public mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws(SnapshotFormatError) -> T {
        let range = try self.take(MemoryLayout<T>.size)
        return withExtendedLifetime(self.owner) { T(littleEndian: self.base.loadUnaligned(fromByteOffset: range.lowerBound, as: T.self)) }
    }

    public mutating func readBool() throws(SnapshotFormatError) -> Bool {
        switch try self.read(UInt8.self) {
        case 0: return false
        case 1: return true
        case let other: throw SnapshotFormatError("a flag byte of \(other) at offset \(self.offset - 1)")
        }
    }

    public mutating func readDouble() throws(SnapshotFormatError) -> Double {
        Double(bitPattern: try self.read(UInt64.self))
    }

    public mutating func readCount() throws(SnapshotFormatError) -> Int {
        let count = try self.read(UInt64.self)
        guard count <= UInt64(self.end - self.offset) else {
            throw SnapshotFormatError("a count of \(count) at offset \(self.offset - 8) exceeds the bytes left")
        }
        return Int(count)
    }

    public mutating func readString() throws(SnapshotFormatError) -> String {
        let count = Int(try self.read(UInt32.self))
        let range = try self.take(count)
        return withExtendedLifetime(self.owner) { String(decoding: UnsafeRawBufferPointer(rebasing: self.base[range]), as: UTF8.self) }
    }

    public mutating func readOptionalString() throws(SnapshotFormatError) -> String? {
        try self.readBool() ? try self.readString() : nil
    }

    public mutating func readBytes() throws(SnapshotFormatError) -> [UInt8] {
        let count = try self.readCount()
        let range = try self.take(count)
        return withExtendedLifetime(self.owner) { Array(self.base[range]) }
    }

    public mutating func readArray<T: FixedWidthInteger>(of type: T.Type) throws(SnapshotFormatError) -> [T] {
        let count = try self.readCount()
        let range = try self.take(count * MemoryLayout<T>.size)
        #if _endian(little)
            return withExtendedLifetime(self.owner) {
                [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: self.base[range]))
                    initialized = count
                }
            }
        #else
            var reader = BinaryReader(Array(self.base[range]))
            return try (0..<count).map { _ in try reader.read(T.self) }
        #endif
    }

    public mutating func readStrings() throws(SnapshotFormatError) -> [String] {
        let count = try self.readCount()
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count { strings.append(try self.readString()) }
        return strings
    }
}

/// Strings a snapshot section writes once and refers to by number: the same outlet, date,
/// evidence sentence or claim id told by many sources is stored once, and read back as one
/// shared string rather than one copy per use. A string is written in full where it first
/// appears and takes the next number, so writer and reader build the same table in one pass.
public struct StringTable {
    private var numbers: [String: UInt32] = [:]

    /// Stands for no string (an absent optional).
    static let absent = UInt32.max
    /// Marks a string written in full, numbered next.
    static let fresh = UInt32.max - 1

    /// - Parameter capacity: about how many distinct strings to expect (growing a table of
    ///   millions rehashes it again and again).
    public init(capacity: Int = 0) {
        self.numbers.reserveCapacity(capacity)
    }

    /// The string's number, or nil when this is its first use (it takes the next number).
    mutating func number(of string: String) -> UInt32? {
        if let number = self.numbers[string] { return number }
        self.numbers[string] = UInt32(self.numbers.count)
        return nil
    }
}

extension BinaryWriter {
    /// A string as its number in `table`, or in full at its first use.
    public mutating func write(_ value: String, in table: inout StringTable) {
        if let number = table.number(of: value) {
            self.write(number)
        } else {
            self.write(StringTable.fresh)
            self.write(value)
        }
    }

    public mutating func write(_ value: String?, in table: inout StringTable) {
        if let value { self.write(value, in: &table) } else { self.write(StringTable.absent) }
    }

    public mutating func write(strings: [String], in table: inout StringTable) {
        self.write(UInt32(strings.count))
        for string in strings { self.write(string, in: &table) }
    }
}

extension BinaryReader {
    /// Reads what ``BinaryWriter/write(_:in:)`` wrote; `table` is the strings read so far.
    public mutating func readString(in table: inout [String]) throws(SnapshotFormatError) -> String {
        guard let string = try self.readOptionalString(in: &table) else {
            throw SnapshotFormatError("a missing string where one is required, at offset \(self.offset - 4)")
        }
        return string
    }

    public mutating func readOptionalString(in table: inout [String]) throws(SnapshotFormatError) -> String? {
        let number = try self.read(UInt32.self)
        switch number {
        case StringTable.absent:
            return nil
        case StringTable.fresh:
            let string = try self.readString()
            table.append(string)
            return string
        case _ where Int(number) < table.count:
            return table[Int(number)]
        default:
            throw SnapshotFormatError("string number \(number) at offset \(self.offset - 4), of a table of \(table.count)")
        }
    }

    public mutating func readStrings(in table: inout [String]) throws(SnapshotFormatError) -> [String] {
        let count = Int(try self.read(UInt32.self))
        guard count <= (self.end - self.offset) / 4 else {
            throw SnapshotFormatError("a count of \(count) strings at offset \(self.offset - 4) exceeds the bytes left")
        }
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count { strings.append(try self.readString(in: &table)) }
        return strings
    }
}
