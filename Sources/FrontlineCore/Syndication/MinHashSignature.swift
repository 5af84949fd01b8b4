/// A MinHash signature of an article's words (5-word shingles), estimating how much of their text
/// two articles share (Jaccard similarity) without keeping the text.
public struct MinHashSignature: Sendable, Hashable, Codable {
    public static let size = 64
    public static let shingleWidth = 5

    public var values: [UInt64]

    public init(values: [UInt64]) {
        self.values = values
    }

    /// Signature of `text`: words only, folded like the tokenizer, so typographic quotes and
    /// spacing do not hide a copy.
    public init(text: String) {
        let words = Tokenizer.tokenize(text).filter(\.isWord).map { FNV1a.hash($0.text) }
        var minima = [UInt64](repeating: .max, count: Self.size)
        if words.count >= Self.shingleWidth {
            for start in 0...(words.count - Self.shingleWidth) {
                var shingle = FNV1a.offsetBasis
                for offset in 0..<Self.shingleWidth {
                    shingle = Self.mix(shingle ^ words[start + offset])
                }
                for i in 0..<Self.size {
                    let value = Self.mix(shingle &+ Self.seeds[i])
                    if value < minima[i] { minima[i] = value }
                }
            }
        }
        self.values = minima
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    public func similarity(to other: MinHashSignature) -> Double {
        guard self.values.count == other.values.count, !self.values.isEmpty, self.values[0] != .max else { return 0 }
        var equal = 0
        for i in 0..<self.values.count where self.values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(self.values.count)
    }

    static let seeds: [UInt64] = (0..<UInt64(size)).map { mix($0 &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678) }

    /// splitmix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Compact hex form for the log: 16 lowercase digits per value.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: self.values.count * 16) { buffer in
            var at = 0
            for value in self.values {
                for shift in stride(from: 60, through: 0, by: -4) {
                    buffer[at] = digits[Int((value >> UInt64(shift)) & 0xF)]
                    at += 1
                }
            }
            return at
        }
    }

    /// Reads `hex` on its bytes (a signature is 2 KB of hex in every article record of the log).
    public init?(hex: String) {
        var hex = hex
        let values: [UInt64]? = hex.withUTF8 { bytes in
            guard bytes.count == Self.size * 16 else { return nil }
            var values: [UInt64] = []
            values.reserveCapacity(Self.size)
            var value: UInt64 = 0
            for (offset, byte) in bytes.enumerated() {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
                if offset % 16 == 15 {
                    values.append(value)
                    value = 0
                }
            }
            return values
        }
        guard let values else { return nil }
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let signature = MinHashSignature(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad signature"))
        }
        self = signature
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.hex)
    }
}
