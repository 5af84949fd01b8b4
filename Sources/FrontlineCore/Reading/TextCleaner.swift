/// Cleans an article's text of web furniture, keeping a map back to the original offsets.
///
/// Whole lines are dropped when they are boilerplate of the lexicon (`boilerplate.txt`: exact
/// lines, and prefixes ending in `*` such as "Read more:*" or "Photo:*"), when they repeat an
/// earlier line (captions and pull quotes printed twice), or when they are a photo credit
/// ("REUTERS/Ahmed Jadallah", "(Photo by X/AFP)"). Inside kept lines, non-breaking and other
/// odd spaces become plain spaces and e-mail addresses are removed. Line breaks are kept.
public struct TextCleaner: Sendable {
    public var lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func clean(_ text: String) -> CleanBody {
        var text = text
        return text.withUTF8 { self.clean(bytes: $0) }
    }

    func clean(bytes original: UnsafeBufferPointer<UInt8>) -> CleanBody {
        var body: [UInt8] = []
        body.reserveCapacity(original.count)
        var map = OffsetMap()
        // Each line's words, folded and joined, in one buffer reused line after line, and the
        // tokenizer's scratch space, both allocated once for the longest line there can be.
        let capacity = Tokenizer.scratchCapacity(original.count)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
        defer { buffer.deallocate() }
        var normalized = JoinedWords(buffer: UnsafeMutableBufferPointer(rebasing: buffer[..<capacity]))
        let scratch = UnsafeMutableBufferPointer(rebasing: buffer[capacity...])
        var seen = Set<NormalizedLine>()
        var lineStart = 0
        while lineStart < original.count {
            var lineEnd = lineStart
            while lineEnd < original.count, original[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: original[lineStart..<lineEnd])
            normalized.removeAll()
            Tokenizer.scan(bytes: line, into: &normalized, scratch: scratch)
            let drop: Bool
            if normalized.count == 0 {
                drop = false
            } else if self.lexicon.boilerplate.matches(normalized: normalized.joined) || Self.isPhotoCredit(line) {
                drop = true
            } else if normalized.count >= 3 {
                drop = !seen.insert(NormalizedLine(bytes: Array(normalized.joined))).inserted
            } else {
                drop = false
            }
            if !drop { self.copyLine(original, lineStart..<lineEnd, into: &body, map: &map) }
            if lineEnd < original.count {
                if !drop || body.last != UInt8(ascii: "\n") {
                    map.copy(bodyStart: body.count, originalStart: lineEnd, length: 1)
                    body.append(UInt8(ascii: "\n"))
                }
            }
            lineStart = lineEnd + 1
        }
        return CleanBody(text: String(decoding: body, as: UTF8.self), map: map)
    }

    /// A line's normalised bytes, hashed in one call rather than a byte at a time (as an array of
    /// bytes would be), to find lines printed twice.
    struct NormalizedLine: Hashable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            self.bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// "REUTERS/Ahmed Jadallah", "(Photo by Ahmed Jadallah/AFP via Getty Images)", "Photo: AP":
    /// a line of fewer than 120 characters (spaces and tabs trimmed) that starts or ends like one.
    /// The marks are ASCII, so they are compared on the bytes, case folded.
    static func isPhotoCredit(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let trimmed = line[...].trimmingSpaces()
        // Every mark starts with "(", "p", "r" or "a", or ends with "s" or ")": most lines are
        // turned away on two bytes, without reading the shared lists of marks (whose reference
        // counts both cores would fight over, line after line).
        guard let first = trimmed.first.map(Self.asciiLowered), let last = trimmed.last.map(Self.asciiLowered),
            Self.creditFirstBytes.contains(first) || Self.creditLastBytes.contains(last)
        else { return false }
        let credit: Bool
        if Self.creditPrefixes.contains(where: { Self.hasASCIIPrefix(trimmed, $0) }) {
            credit = true
        } else if Self.creditSuffixes.contains(where: { Self.hasASCIISuffix(trimmed, $0) }) {
            credit = !trimmed.indices.dropLast().contains { trimmed[$0] == 0x2E && trimmed[$0 + 1] == 0x20 }
        } else {
            credit = false
        }
        // Fewer than 120 bytes is fewer than 120 characters; only a longer candidate is counted.
        guard credit, trimmed.count >= 120 else { return credit }
        return String(decoding: trimmed, as: UTF8.self).prefix(120).count < 120
    }

    static let creditPrefixes = ["(photo by", "photo by ", "(photo:", "reuters/", "afp/", "ap photo/", "(ap photo"].map { Array($0.utf8) }
    static let creditSuffixes = ["getty images", "getty images)"].map { Array($0.utf8) }
    /// The first bytes of the prefixes and the last bytes of the suffixes, in values that hold
    /// them in themselves (no reference to count).
    static let creditFirstBytes = ByteSet(Self.creditPrefixes.map { $0[0] })
    static let creditLastBytes = ByteSet(Self.creditSuffixes.map { $0[$0.count - 1] })

    /// A set of ASCII bytes, as a 128-bit mask.
    struct ByteSet {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init(_ bytes: [UInt8]) {
            for byte in bytes where byte < 128 {
                if byte < 64 { self.low |= 1 << UInt64(byte) } else { self.high |= 1 << UInt64(byte - 64) }
            }
        }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? self.low & (1 << UInt64(byte)) != 0 : byte < 128 && self.high & (1 << UInt64(byte - 64)) != 0
        }
    }

    /// Whether `bytes` start with the lower-case ASCII `prefix`, ignoring the case of ASCII letters.
    static func hasASCIIPrefix(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        return zip(bytes, prefix).allSatisfy { Self.asciiLowered($0) == $1 }
    }

    static func hasASCIISuffix(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        return zip(bytes.suffix(suffix.count), suffix).allSatisfy { Self.asciiLowered($0) == $1 }
    }

    @inline(__always)
    static func asciiLowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Copies one line, turning odd spaces into spaces and leaving e-mail addresses out.
    func copyLine(_ original: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into body: inout [UInt8], map: inout OffsetMap) {
        var index = range.lowerBound
        var runStart = index
        func flush(_ end: Int) {
            map.copy(bodyStart: body.count, originalStart: runStart, length: end - runStart)
            body.append(contentsOf: original[runStart..<end])
        }
        while index < range.upperBound {
            // U+00A0 (C2 A0), U+2007 (E2 80 87), U+202F (E2 80 AF), U+200B zero width (E2 80 8B).
            var spaceLength = 0
            if original[index] == 0xC2, index + 1 < range.upperBound, original[index + 1] == 0xA0 {
                spaceLength = 2
            } else if original[index] == 0xE2, index + 2 < range.upperBound, original[index + 1] == 0x80,
                original[index + 2] == 0x87 || original[index + 2] == 0xAF || original[index + 2] == 0x8B
            {
                spaceLength = 3
            }
            if spaceLength > 0 {
                flush(index)
                let zeroWidth = spaceLength == 3 && original[index + 2] == 0x8B
                map.replace(bodyStart: body.count, bodyLength: zeroWidth ? 0 : 1, originalStart: index, originalLength: spaceLength)
                if !zeroWidth { body.append(UInt8(ascii: " ")) }
                index += spaceLength
                runStart = index
                continue
            }
            if original[index] == UInt8(ascii: "@"), let (start, end) = Self.emailAround(original, at: index, in: range), start >= runStart {
                flush(start)
                index = end
                runStart = end
                continue
            }
            index += 1
        }
        flush(range.upperBound)
    }

    /// The bounds of an e-mail address around the `@` at `at`: word characters, dots, `+`, `-`
    /// and `_` before; a domain with at least one dot after.
    static func emailAround(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, in range: Range<Int>) -> (Int, Int)? {
        func local(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
        var start = at
        while start > range.lowerBound, local(bytes[start - 1]) { start -= 1 }
        var end = at + 1
        var dots = 0
        while end < range.upperBound, local(bytes[end]), bytes[end] != UInt8(ascii: "+") {
            if bytes[end] == UInt8(ascii: ".") { dots += 1 }
            end += 1
        }
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") {
            end -= 1
            dots -= 1
        }
        guard start < at, end > at + 1, dots >= 1 else { return nil }
        return (start, end)
    }
}
