import Testing

@testable import FrontlineCore

/// The eight-bytes-at-a-time tests agree with the same tests made a byte at a time.
@Suite struct ASCIIWordsTests {
    /// Bytes around every boundary the tests draw: controls, space, tilde, DEL, the high bit.
    static let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xC2, 0xE2, 0xFF]

    @Test func printableWordsAgreeWithBytes() {
        var state: UInt64 = 0xA5C11
        for round in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly printable bytes with one or two edge bytes, so both answers come up often.
            var bytes = (0..<8).map { UInt8(0x20 + (state >> (UInt64($0) * 7)) % 0x5F) }
            for slot in 0..<(round % 3) {
                bytes[Int(state >> (40 + UInt64(slot) * 5)) % 8] = Self.edges[Int(state >> (20 + UInt64(slot) * 4)) % Self.edges.count]
            }
            let word = bytes.withUnsafeBufferPointer { ASCIIWords.load($0, at: 0) }
            #expect(ASCIIWords.isPrintable(word) == bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(bytes)")
        }
    }

    /// Every ASCII byte in every one of the eight places, among letters and non-letters.
    @Test func letterCountsAgreeWithBytes() {
        for byte in UInt8(0)..<0x80 {
            for place in 0..<8 {
                for filler: UInt8 in [0x2E, 0x5A, 0x60, 0x7B] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBufferPointer { ASCIIWords.load($0, at: 0) }
                    #expect(ASCIIWords.letterCount(ofASCII: word) == bytes.filter(ASCIIWords.isLetter).count, "\(bytes)")
                }
            }
        }
    }

    @Test func containsAgreesWithBytesAtEveryLengthAndPlace() {
        for length in 0..<40 {
            for place in -1..<length {
                for byte in Self.edges {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    if place >= 0 { bytes[place] = byte }
                    let found = bytes.withUnsafeBufferPointer { ASCIIWords.contains(0x0D, in: $0) }
                    #expect(found == bytes.contains(0x0D), "length \(length), \(byte) at \(place)")
                }
            }
        }
    }
}
