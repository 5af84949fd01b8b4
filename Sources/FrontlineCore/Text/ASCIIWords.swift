/// Byte tests for the passes that look at every byte of an article: ASCII letters and digits,
/// and eight bytes at a time (SWAR: SIMD within a register) to find the rare byte, a carriage
/// return or a control character.
enum ASCIIWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether `byte` is an ASCII letter, either case.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 &- 0x61 < 26 }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The eight bytes at `offset` (any alignment), in memory order from the low byte.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether one of the eight bytes of `word` is zero.
    @inline(__always)
    static func hasZero(_ word: UInt64) -> Bool {
        (word &- Self.ones) & ~word & Self.highs != 0
    }

    /// Whether one of the eight bytes of `word` is `byte`.
    @inline(__always)
    static func has(_ byte: UInt8, in word: UInt64) -> Bool {
        Self.hasZero(word ^ (Self.ones &* UInt64(byte)))
    }

    /// How many of the eight bytes of `word` are ASCII letters, when all eight are ASCII (no
    /// high bit). Each byte folded to lower case is a letter when it is at least 0x61 and below
    /// 0x7B; adding 0x1F and 0x05 sets a byte's high bit exactly there, with no carry between
    /// bytes (a byte is at most 0x7F).
    @inline(__always)
    static func letterCount(ofASCII word: UInt64) -> Int {
        let folded = word | (Self.ones &* 0x20)
        let atLeastA = folded &+ Self.ones &* 0x1F
        let pastZ = folded &+ Self.ones &* 0x05
        return (atLeastA & ~pastZ & Self.highs).nonzeroBitCount
    }

    /// Whether all eight bytes are printable ASCII (0x20 to 0x7E).
    @inline(__always)
    static func isPrintable(_ word: UInt64) -> Bool {
        // No high bit; no byte below 0x20 (subtracting 0x20 from each byte borrows only there
        // when none is 0x80 or above); no DEL.
        word & Self.highs == 0 && (word &- Self.ones &* 0x20) & ~word & Self.highs == 0 && !Self.has(0x7F, in: word)
    }

    /// Whether `bytes` hold `byte`.
    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if Self.has(byte, in: Self.load(bytes, at: index)) { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == byte { return true }
            index += 1
        }
        return false
    }
}
