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
        let lines = body.text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty }
        var article = Article(id: id, file: file, text: text)
        article.body = body

        var published: CalendarDate?
        for line in lines.prefix(Self.headLines) {
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
            published = lines.prefix(3).lazy.compactMap { DateLineParser.leadingDate(in: $0, title: article.title) }.first
        }
        article.published = published?.description

        if let (place, outlet) = self.dateline(in: lines) {
            article.dateline = place
            article.outlet = outlet
        } else {
            article.outlet = self.footerOutlet(in: lines)
        }
        article.updateOriginalSignals()
        return article
    }

    /// "By Maher Chmaytelli" — "By" and one to four capitalised words, nothing else on the line.
    static func byline(in line: String) -> String? {
        let words = line.split(separator: " ")
        guard words.count >= 2, words.count <= 5, words[0] == "By" || words[0] == "BY" else { return nil }
        let names = words.dropFirst()
        guard names.allSatisfy({ $0.first?.isUppercase == true || $0 == "and" }) else { return nil }
        return names.joined(separator: " ")
    }

    /// "BAGHDAD (Reuters) –": a capitalised place, an outlet in brackets, a dash, in the first lines.
    func dateline(in lines: [String]) -> (String, String)? {
        for line in lines.prefix(Self.headLines + 4) {
            let tokens = Tokenizer.tokenize(line)
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
        for line in lines.suffix(Self.footLines) {
            let tokens = Tokenizer.tokenize(line)
            guard tokens.count > 3, let first = tokens.first, first.isCapitalized else { continue }
            if let match = self.lexicon.outletMatcher.longestMatch(in: tokens[...], at: 0), match.range.count >= 2 {
                return match.values[0]
            }
        }
        return nil
    }
}
