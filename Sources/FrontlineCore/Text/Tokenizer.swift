/// Splits text into ``Token``s in one pass over its UTF-8 bytes, keeping UTF-8 byte offsets.
///
/// Words hold letters, digits, inner hyphens and inner apostrophes ("Shi'ite", "al-Ba'aj");
/// a possessive "'s" is split off as its own token so "Iraq's army" matches "iraq 's army".
/// Non-breaking and other Unicode spaces separate tokens like a plain space.
///
/// ASCII bytes are classified by a table; only non-ASCII scalars are decoded and looked up in the
/// Unicode properties (which cost a table search each). The tests hold the first, scalar-based
/// tokenizer as an oracle and check both agree token for token.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { Self.tokenize(bytes: $0) }
    }

    /// The first `limit` tokens of `text`: the same as the first of all its tokens, as a token is
    /// complete when the next one starts.
    public static func tokenize(_ text: some StringProtocol, limit: Int) -> [Token] {
        if let tokens = text.utf8.withContiguousStorageIfAvailable({ Self.tokenize(bytes: $0, limit: limit) }) { return tokens }
        var text = String(text)
        return text.withUTF8 { Self.tokenize(bytes: $0, limit: limit) }
    }

    static func tokenize(bytes: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [Token] {
        var sink = TokenArray(limit: limit)
        sink.tokens.reserveCapacity(min(bytes.count / 5, limit))
        Self.scan(bytes: bytes, into: &sink)
        return sink.tokens
    }

    /// The words and numbers of `bytes` (valid UTF-8), folded as tokens are and joined by single
    /// spaces, and how many there are: the tokens' texts without building them.
    static func normalizedWords(bytes: UnsafeBufferPointer<UInt8>) -> (text: String, count: Int) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.scratchCapacity(bytes.count))
        defer { buffer.deallocate() }
        var sink = JoinedWords(buffer: buffer)
        Self.scan(bytes: bytes, into: &sink)
        return (String(decoding: sink.joined, as: UTF8.self), sink.count)
    }

    /// Room for the folded words of `count` bytes, or for all of them joined by spaces:
    /// lower-casing grows a scalar by at most half its bytes, and each word adds one space.
    static func scratchCapacity(_ count: Int) -> Int { count * 2 + 16 }

    /// The one pass over the bytes, reporting each token to `sink`.
    @inline(__always)
    static func scan<Sink: TokenSink>(bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.scratchCapacity(bytes.count))
        defer { scratch.deallocate() }
        Self.scan(bytes: bytes, into: &sink, scratch: scratch)
    }

    /// The pass with the caller's scratch space for the folded word, of at least
    /// `scratchCapacity(bytes.count)` bytes (a caller scanning many lines allocates it once).
    @inline(__always)
    static func scan<Sink: TokenSink>(bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink, scratch: UnsafeMutableBufferPointer<UInt8>) {
        precondition(scratch.count >= Self.scratchCapacity(bytes.count), "scratch space too small")
        var length = 0
        var index = 0
        var newlinePending = false
        while index < bytes.count, !sink.isFull {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            let (scalar, width) = Self.scalar(in: bytes, at: index)
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                newlinePending = true
                index += width
                continue
            }
            if Self.isSpace(scalar) {
                index += width
                continue
            }
            if Self.isWordScalar(scalar) {
                let begin = index
                length = 0
                var upper = 0
                var letters = 0
                var numeric = true
                while index < bytes.count {
                    // ASCII letters and digits, most of every word, without decoding a scalar.
                    let byte = bytes[index]
                    if ASCIIWords.isDigit(byte) {
                        scratch[length] = byte
                        length += 1
                        index += 1
                        continue
                    }
                    if ASCIIWords.isLetter(byte) {
                        letters += 1
                        numeric = false
                        if byte < 0x5B { upper += 1 }
                        scratch[length] = byte | 0x20
                        length += 1
                        index += 1
                        continue
                    }
                    let (current, currentWidth) = Self.scalar(in: bytes, at: index)
                    if Self.isWordScalar(current) {
                        if current.value < 0x80 {
                            let byte = UInt8(current.value)
                            if byte >= 0x41 && byte <= 0x5A {
                                upper += 1
                                letters += 1
                                scratch[length] = byte | 0x20
                                length += 1
                                numeric = false
                            } else {
                                if byte >= 0x61 { letters += 1; numeric = false }
                                scratch[length] = byte
                                length += 1
                            }
                        } else {
                            let properties = current.properties
                            if properties.isUppercase { upper += 1 }
                            if properties.isAlphabetic { letters += 1 }
                            for lowered in properties.lowercaseMapping.unicodeScalars {
                                if lowered.properties.numericType == nil { numeric = false }
                                for byte in lowered.utf8 {
                                    scratch[length] = byte
                                    length += 1
                                }
                            }
                        }
                        index += currentWidth
                        continue
                    }
                    // Inner hyphen or apostrophe joins two word parts, except a possessive "'s".
                    if Self.isHyphen(current) || Self.isApostrophe(current), index + currentWidth < bytes.count,
                        Self.isWordScalar(Self.scalar(in: bytes, at: index + currentWidth).scalar), length > 0
                    {
                        if Self.isApostrophe(current), Self.isPossessive(bytes, at: index, width: currentWidth) { break }
                        scratch[length] = Self.isHyphen(current) ? 0x2D : 0x27
                        length += 1
                        numeric = false
                        index += currentWidth
                        continue
                    }
                    break
                }
                sink.word(
                    UnsafeBufferPointer(rebasing: scratch[..<length]), start: begin, end: index, numeric: numeric, bytes: bytes,
                    isAllCaps: letters > 0 && upper == letters, newlineBefore: newlinePending)
                newlinePending = false
                continue
            }
            if Self.isApostrophe(scalar), Self.isPossessive(bytes, at: index, width: width) {
                sink.possessive(start: index, end: index + width + 1, newlineBefore: newlinePending)
                newlinePending = false
                index += width + 1
                continue
            }
            sink.punctuation(scalar, start: index, end: index + width, newlineBefore: newlinePending)
            newlinePending = false
            index += width
        }
    }

    /// The scalar starting at `index` of valid UTF-8, and its width in bytes.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        var value: UInt32
        let width: Int
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F)
            width = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F)
            width = 3
        } else {
            value = UInt32(lead & 0x07)
            width = 4
        }
        for offset in 1..<width { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar.value >= 0x41 && scalar.value <= 0x5A) : scalar.properties.isUppercase
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "\u{2018}"
    }

    /// `'s` followed by a non-letter: a possessive or a contraction, split off from its word.
    static func isPossessive(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) -> Bool {
        let next = index + width
        guard next < bytes.count, bytes[next] == 0x73 || bytes[next] == 0x53 else { return false }
        return next + 1 >= bytes.count || !Self.isWordScalar(Self.scalar(in: bytes, at: next + 1).scalar)
    }

    static func foldPunctuation(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{02BC}": return "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": return "\""
        case "\u{2013}", "\u{2014}", "\u{2012}", "\u{2015}", "\u{2212}": return "-"
        case "\u{2026}": return "."
        default: return String(scalar)
        }
    }
}

/// What ``Tokenizer/scan(bytes:into:)`` reports each token to.
protocol TokenSink {
    /// The scan stops when the sink has all it wants.
    var isFull: Bool { get }
    /// A word or number: `folded` holds its lower-cased bytes, `start..<end` its place in `bytes`.
    mutating func word(
        _ folded: UnsafeBufferPointer<UInt8>, start: Int, end: Int, numeric: Bool, bytes: UnsafeBufferPointer<UInt8>, isAllCaps: Bool,
        newlineBefore: Bool)
    /// A possessive or contracted `'s`, split off its word.
    mutating func possessive(start: Int, end: Int, newlineBefore: Bool)
    mutating func punctuation(_ scalar: Unicode.Scalar, start: Int, end: Int, newlineBefore: Bool)
}

/// Collects ``Token``s.
struct TokenArray: TokenSink {
    var tokens: [Token] = []
    var limit = Int.max

    var isFull: Bool { self.tokens.count >= self.limit }

    @inline(__always)
    mutating func word(
        _ folded: UnsafeBufferPointer<UInt8>, start: Int, end: Int, numeric: Bool, bytes: UnsafeBufferPointer<UInt8>, isAllCaps: Bool,
        newlineBefore: Bool
    ) {
        let first = Tokenizer.scalar(in: bytes, at: start).scalar
        var key = FNV1a.offsetBasis
        for byte in folded { key = FNV1a.mix(key, byte) }
        self.tokens.append(
            Token(
                text: String(decoding: folded, as: UTF8.self), key: key, start: start, end: end,
                kind: numeric ? .number : .word, isCapitalized: Tokenizer.isUppercase(first),
                isAllCaps: isAllCaps, newlineBefore: newlineBefore))
    }

    static let possessiveKey = FNV1a.hash("'s")

    @inline(__always)
    mutating func possessive(start: Int, end: Int, newlineBefore: Bool) {
        self.tokens.append(
            Token(text: "'s", key: Self.possessiveKey, start: start, end: end, kind: .word, isCapitalized: false, isAllCaps: false, newlineBefore: newlineBefore))
    }

    @inline(__always)
    mutating func punctuation(_ scalar: Unicode.Scalar, start: Int, end: Int, newlineBefore: Bool) {
        self.tokens.append(
            Token(
                text: Tokenizer.foldPunctuation(scalar), start: start, end: end,
                kind: .punctuation, isCapitalized: false, isAllCaps: false, newlineBefore: newlineBefore))
    }
}

/// Joins the texts of word and number tokens with single spaces (punctuation left out), in a
/// buffer the caller owns, of at least `Tokenizer.scratchCapacity` of the bytes scanned.
struct JoinedWords: TokenSink {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var length = 0
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    var isFull: Bool { false }

    /// The words joined so far.
    var joined: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: self.buffer[..<self.length]) }

    /// Empties it for the next line, keeping its buffer.
    mutating func removeAll() {
        self.length = 0
        self.count = 0
    }

    @inline(__always)
    mutating func word(
        _ folded: UnsafeBufferPointer<UInt8>, start: Int, end: Int, numeric: Bool, bytes: UnsafeBufferPointer<UInt8>, isAllCaps: Bool,
        newlineBefore: Bool
    ) {
        self.append(folded)
    }

    @inline(__always)
    mutating func possessive(start: Int, end: Int, newlineBefore: Bool) {
        self.append(Self.possessiveText)
    }

    static let possessiveText: StaticString = "'s"

    @inline(__always)
    mutating func punctuation(_ scalar: Unicode.Scalar, start: Int, end: Int, newlineBefore: Bool) {}

    @inline(__always)
    mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        if self.count > 0 {
            self.buffer[self.length] = 0x20
            self.length += 1
        }
        let target = self.buffer.baseAddress! + self.length
        target.update(from: word.baseAddress!, count: word.count)
        self.length += word.count
        self.count += 1
    }

    @inline(__always)
    mutating func append(_ word: StaticString) {
        self.append(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
}
