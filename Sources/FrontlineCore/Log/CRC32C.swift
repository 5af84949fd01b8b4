internal import CFrontlineCRC

/// CRC-32C (Castagnoli), the checksum of the log's frames (as in LevelDB, RocksDB and ext4).
///
/// With the CPU's crc32 instruction where it has one (SSE 4.2 on x86-64; `CFrontlineCRC`), else
/// slicing-by-8: eight table lookups per eight bytes instead of one per byte (the byte-at-a-time
/// loop, through a generic Sequence, checked the log at about 25 MB/s).
public enum CRC32C {
    /// Whether this CPU computes it in hardware.
    static let hardware = frontline_crc32c_hardware() != 0

    /// `table[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes, for k in 0..<8.
    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var crc = UInt32(index)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[index] = crc
        }
        for k in 1..<8 {
            for index in 0..<256 {
                let previous = table[(k - 1) * 256 + index]
                table[k * 256 + index] = table[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return table
    }()

    public static func checksum<Bytes: Sequence>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 where Bytes.Element == UInt8 {
        if let crc = bytes.withContiguousStorageIfAvailable({ self.checksum(UnsafeRawBufferPointer($0), seed: seed) }) {
            return crc
        }
        return Array(bytes).withUnsafeBytes { self.checksum($0, seed: seed) }
    }

    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard Self.hardware else { return self.software(bytes, seed: seed) }
        return ~frontline_crc32c_update(~seed, bytes.baseAddress, bytes.count)
    }

    /// Slicing-by-8, for a CPU without the instruction.
    static func software(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        self.table.withUnsafeBufferPointer { t in
            var crc = ~seed
            var index = 0
            while index + 8 <= bytes.count {
                let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < bytes.count {
                crc = t[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
            return ~crc
        }
    }
}
