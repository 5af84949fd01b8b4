/// FNV-1a, 64 bits: a fast hash of a word's UTF-8 bytes, fed a byte at a time so a word can be
/// hashed while it is read (MinHash shingles, the language detector's function words).
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(Self.offsetBasis) { Self.mix($0, $1) }
    }
}
