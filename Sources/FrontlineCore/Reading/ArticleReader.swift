/// Reads any inbox file into an ``Article``: decode the bytes (``TextDecoding``), pick the format
/// (``ArticleFormat``), render it to text, clean the text of web furniture (``TextCleaner``),
/// detect the language, and gather title, outlet, byline, dateline and publication date from the
/// format's metadata first and the text itself second. Pure: bytes in, an article or a reason out.
public struct ArticleReader: Sendable {
    public var lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func read(id: String, file: String, bytes: [UInt8]) -> Result<Article, ReadingFailure> {
        Result { () throws(ReadingFailure) -> Article in
            let decoded = try TextDecoding.decode(bytes).get()
            let text = Self.normalizingLineBreaks(decoded.text)
            let format = ArticleFormat.detect(fileName: file, text: text)
            let rendered =
                switch format {
                case .txt: RenderedDocument(text: text)
                case .md: try MarkdownArticleReader.read(text).get()
                case .html: HTMLArticleReader.read(text)
                case .json: try JSONArticleReader.read(text).get()
                case .eml: try MailArticleReader.read(text).get()
                }
            let stored = Self.normalizingLineBreaks(rendered.text)
            guard stored.contains(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else {
                throw ReadingFailure("has no text (only whitespace\(format == .txt ? "" : " after reading it as \(format.rawValue)")); nothing to read")
            }
            var article = self.article(id: id, file: file, text: stored, rendered: rendered)
            article.format = format.rawValue
            article.encoding = decoded.encoding
            return article
        }
    }

    /// Builds the article from rendered text and its metadata.
    public func article(id: String, file: String, text: String, rendered: RenderedDocument? = nil) -> Article {
        let body = TextCleaner(lexicon: self.lexicon).clean(text)
        var article = TextArticleReader(lexicon: self.lexicon).read(id: id, file: file, text: text, body: body)
        article.language = self.lexicon.languageDetector.detect(body.text)
        guard let rendered else { return article }
        if let title = rendered.title?.trimmingSpaces(), !title.isEmpty { article.title = Self.singleLine(title) }
        if let published = rendered.published.flatMap(PublicationDate.parse) { article.published = published.description }
        if let byline = rendered.byline?.trimmingSpaces(), !byline.isEmpty { article.byline = Self.singleLine(byline) }
        if let outlet = rendered.outlet?.trimmingSpaces(), !outlet.isEmpty {
            article.outlet = self.canonicalOutlet(outlet) ?? Self.singleLine(outlet)
        } else if let sender = rendered.sender {
            if let outlet = self.canonicalOutlet(sender) {
                article.outlet = outlet
            } else if article.byline == nil {
                article.byline = sender
            }
        }
        if let url = rendered.url?.trimmingSpaces(), !url.isEmpty { article.url = url }
        article.updateOriginalSignals()
        return article
    }

    /// The lexicon's name for an outlet when the whole of `name` is one of its aliases.
    func canonicalOutlet(_ name: String) -> String? {
        let tokens = Tokenizer.tokenize(name)
        guard !tokens.isEmpty, let match = self.lexicon.outletMatcher.longestMatch(in: tokens[...], at: 0),
            match.range.upperBound == tokens.count
        else { return nil }
        return match.values[0]
    }

    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ").trimmingSpaces()
    }

    /// CRLF and lone CR become LF, so every format and every offset sees one kind of line break.
    static func normalizingLineBreaks(_ text: String) -> String {
        var copy = text
        guard copy.withUTF8({ ASCIIWords.contains(UInt8(ascii: "\r"), in: $0) }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if byte == UInt8(ascii: "\n"), previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension ArticleReader {
    /// An article as it was read, from its log record and stored text, for extracting it again:
    /// the text is cleaned with the current lexicon; the metadata is the record's.
    public func article(restoring record: ArticleRecord, text: String) -> Article {
        var article = self.article(id: record.id, file: record.file, text: text)
        article.title = record.title
        article.outlet = record.outlet
        article.byline = record.byline
        article.dateline = record.dateline
        article.published = record.published
        article.language = record.language
        article.hasOriginalSignals = record.hasOriginalSignals
        article.format = record.format ?? article.format
        article.encoding = record.encoding ?? article.encoding
        article.url = record.url
        return article
    }
}
