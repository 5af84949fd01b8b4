import Testing

@testable import FrontlineCore

/// The log's frame checksum: known CRC-32C values, and both the CPU's instruction (where this
/// machine has it) and slicing-by-8 against the plain byte-at-a-time definition at every length
/// and alignment.
@Suite struct CRC32CTests {
    static func bytewise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = ~0
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func knownValues() throws {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum(Array("56789".utf8), seed: CRC32C.checksum(Array("1234".utf8))) == 0xE306_9283)
    }

    @Test func bothWaysAgreeWithTheDefinition() throws {
        var state: UInt64 = 42
        let bytes = (0..<300).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = bytes[start..<end]
                let expected = Self.bytewise(Array(slice))
                #expect(CRC32C.checksum(slice) == expected, "bytes \(start)..<\(end)")
                #expect(slice.withUnsafeBytes { CRC32C.software($0) } == expected, "bytes \(start)..<\(end), slicing-by-8")
            }
        }
    }
}
