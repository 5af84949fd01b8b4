/// Reads the lexicon's tab-separated files: `#` starts a comment line, blank lines are skipped,
/// and every row keeps its line number so errors can say where.
public struct TSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]

        public subscript(_ index: Int) -> String {
            index < self.fields.count ? self.fields[index] : ""
        }
    }

    public var name: String
    public var rows: [Row]

    public init(name: String, text: String) {
        self.name = name
        var rows: [Row] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(
                Row(
                    line: lineNumber,
                    fields: line.split(separator: "\t", omittingEmptySubsequences: false).map {
                        String($0).trimmingSpaces()
                    }))
        }
        self.rows = rows
    }
}

/// A lexicon file that cannot be used, with the file, line and reason.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(self.file):\(self.line): \(self.reason)" }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// `a|b|c` into its non-empty parts.
    func alternatives() -> [String] {
        self.split(separator: "|").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

extension Slice<UnsafeBufferPointer<UInt8>> {
    /// The bytes without leading and trailing spaces and tabs: `String.trimmingSpaces()` on UTF-8,
    /// for readers that work on an article's bytes.
    func trimmingSpaces() -> Self {
        var slice = self
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }
}
