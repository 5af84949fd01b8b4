/// Reads a plain-text article: title, outlet, byline, dateline and publication date from the text
/// itself. The article text is kept exactly as decoded, so evidence offsets point into it.
public struct TextArticleReader: Sendable {
    public var lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// How many leading non-empty lines may hold a date line or byline.
    static let headLines = 8
    /// How many trailing non-empty lines may name the publisher ("Middle East Eye delivers…").
    static let footLines = 6

    /// Reads metadata from `text` as it stands (no cleaning map: for tests and tools).
    public func read(id: String, file: String, text: String) -> Article {
        self.read(id: id, file: file, text: text, body: TextCleaner(lexicon: self.lexicon).clean(text))
    }

    /// Reads metadata from the cleaned `body` of `text`; the article keeps both.
    public func read(id: String, file: String, text: String, body: CleanBody) -> Article {
        let lines = TextLines(body.text)
        let head = lines.first(Self.headLines + 4)
        var article = Article(id: id, file: file, text: text)
        article.body = body

        var published: CalendarDate?
        for line in head.prefix(Self.headLines) {
            if published == nil, let date = DateLineParser.parse(line: line) {
                published = date
                continue
            }
            if article.byline == nil, let byline = Self.byline(in: line) {
                article.byline = byline
            }
        }
        article.title = lines.first { line in
            DateLineParser.parse(line: line) == nil && Self.byline(in: line) == nil
        }
        if published == nil {
            // No line of its own: a date heading the first lines of running text.
            published = head.prefix(3).lazy.compactMap { DateLineParser.leadingDate(in: $0, title: article.title) }.first
        }
        article.published = published?.description

        if let (place, outlet) = self.dateline(in: head) {
            article.dateline = place
            article.outlet = outlet
        } else {
            article.outlet = self.footerOutlet(in: lines.last(Self.footLines))
        }
        article.updateOriginalSignals()
        return article
    }

    /// "By Maher Chmaytelli" — "By" and one to four capitalised words, nothing else on the line.
    static func byline(in line: String) -> String? {
        guard line.hasPrefix("By ") || line.hasPrefix("BY ") else { return nil }
        let words = line.split(separator: " ", maxSplits: 5)
        guard words.count >= 2, words.count <= 5, words[0] == "By" || words[0] == "BY" else { return nil }
        let names = words.dropFirst()
        guard names.allSatisfy({ $0.first?.isUppercase == true || $0 == "and" }) else { return nil }
        return names.joined(separator: " ")
    }

    /// "BAGHDAD (Reuters) –": a capitalised place, an outlet in brackets, a dash, in the first lines.
    func dateline(in lines: [String]) -> (String, String)? {
        // At most five words before the bracket, and the outlet fills the brackets.
        let needed = 6 + self.lexicon.outletMatcher.longestPhrase + 1
        for line in lines.prefix(Self.headLines + 4) {
            let tokens = Tokenizer.tokenize(line, limit: needed)
            guard let open = tokens.firstIndex(where: { $0.text == "(" }), open > 0, open <= 5,
                tokens[..<open].allSatisfy({ $0.isAllCaps || $0.text == "," || $0.text == "-" }),
                let close = tokens[open...].firstIndex(where: { $0.text == ")" }), close > open + 1
            else { continue }
            guard let match = self.lexicon.outletMatcher.longestMatch(in: tokens[(open + 1)..<close], at: open + 1),
                match.range.upperBound == close
            else { continue }
            let utf8 = Array(line.utf8)
            let place = String(decoding: utf8[tokens[0].start..<tokens[open - 1].end], as: UTF8.self)
            return (place, match.values[0])
        }
        return nil
    }

    /// A known outlet that starts one of the last lines ("Middle East Eye delivers independent…").
    func footerOutlet(in lines: [String]) -> String? {
        // Four tokens tell whether the line is long enough; the outlet is at its start.
        let needed = max(4, self.lexicon.outletMatcher.longestPhrase)
        for line in lines.suffix(Self.footLines) {
            let tokens = Tokenizer.tokenize(line, limit: needed)
            guard tokens.count > 3, let first = tokens.first, first.isCapitalized else { continue }
            if let match = self.lexicon.outletMatcher.longestMatch(in: tokens[...], at: 0), match.range.count >= 2 {
                return match.values[0]
            }
        }
        return nil
    }
}

/// The non-empty lines of a text, trimmed of spaces and tabs, found on the UTF-8 bytes and made
/// into strings only when asked for: the reader looks at a dozen lines at the head and a few at
/// the foot, whatever the article's length. A line break is a LF not preceded by CR (as a split
/// on the `"\n"` Character: CR LF is one Character).
struct TextLines {
    let text: String
    private var ranges: [Range<Int>] = []

    init(_ text: String) {
        self.text = text
        var text = text
        self.ranges = text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) {
                if index > start { ranges.append(start..<index) }
                start = index + 1
            }
            if bytes.count > start { ranges.append(start..<bytes.count) }
            return ranges
        }
    }

    /// The line at `range`, trimmed of spaces and tabs on its bytes (one copy).
    private func line(_ range: Range<Int>) -> String {
        var text = self.text
        return text.withUTF8 { String(decoding: $0[range].trimmingSpaces(), as: UTF8.self) }
    }

    /// The first `count` non-empty lines.
    func first(_ count: Int) -> [String] {
        var lines: [String] = []
        for range in self.ranges where lines.count < count {
            let line = self.line(range)
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }

    /// The last `count` non-empty lines, in text order.
    func last(_ count: Int) -> [String] {
        var lines: [String] = []
        for range in self.ranges.reversed() where lines.count < count {
            let line = self.line(range)
            if !line.isEmpty { lines.append(line) }
        }
        return lines.reversed()
    }

    /// The first non-empty line that satisfies `predicate`.
    func first(where predicate: (String) -> Bool) -> String? {
        for range in self.ranges {
            let line = self.line(range)
            if !line.isEmpty, predicate(line) { return line }
        }
        return nil
    }
}
