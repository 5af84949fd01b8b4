/// The web furniture of `boilerplate.txt`: whole lines ("Advertisement") and line beginnings
/// ("Read more:*"), normalised as the cleaner normalises each line of an article (lower-case words
/// and numbers joined by single spaces). The cleaner tests every line, so the test runs on the
/// line's normalised bytes, without making a string of a line too long to be one.
public struct Boilerplate: Sendable {
    /// Whole lines, normalised.
    public private(set) var lines: Set<String> = []
    /// Line beginnings, normalised; a line matches when one is followed by a space or its end.
    public private(set) var prefixes: [String] = []
    /// The prefixes' bytes, one after another, and where each lies.
    private var prefixBytes: [UInt8] = []
    private var prefixRanges: [Range<Int>] = []
    /// The byte length of the longest whole line: a longer line is none of them.
    private var longestLine = 0

    public init() {}

    public mutating func insertLine(normalized: String) {
        self.lines.insert(normalized)
        self.longestLine = max(self.longestLine, normalized.utf8.count)
    }

    public mutating func insertPrefix(normalized: String) {
        self.prefixes.append(normalized)
        let start = self.prefixBytes.count
        self.prefixBytes.append(contentsOf: normalized.utf8)
        self.prefixRanges.append(start..<self.prefixBytes.count)
    }

    /// Whether the normalised line is one of the lines, or starts with a prefix and a space.
    func matches(normalized line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.count <= self.longestLine, self.lines.contains(String(decoding: line, as: UTF8.self)) { return true }
        return self.prefixBytes.withUnsafeBufferPointer { bytes in
            self.prefixRanges.contains { range in
                guard line.count >= range.count, line[0] == bytes[range.lowerBound] else { return false }
                guard line.count == range.count || line[range.count] == 0x20 else { return false }
                return line[..<range.count].elementsEqual(bytes[range])
            }
        }
    }
}
