/// An article as read from one inbox file: metadata plus the decoded text that evidence points into.
public struct Article: Sendable, Hashable, Codable {
    /// Hex SHA-256 of the file's bytes, set by whoever read the bytes.
    public var id: String
    public var file: String
    public var title: String?
    public var outlet: String?
    public var byline: String?
    public var dateline: String?
    /// Publication date, `YYYY-MM-DD`, from the text or metadata; never the file's time.
    public var published: String?
    public var language: String
    /// The decoded text; evidence offsets are UTF-8 byte offsets into it.
    public var text: String
    /// The article carries signals of an original (agency dateline, byline, date line).
    public var hasOriginalSignals: Bool
    /// The inbox format it was read as (`txt`, `md`, `html`, `json`, `eml`) and the encoding its
    /// bytes were decoded from (`utf-8`, `utf-16le`, `windows-1252`…).
    public var format: String = "txt"
    public var encoding: String = "utf-8"
    /// The article's address, from metadata (canonical link, front matter, JSON, mail header).
    public var url: String?
    /// The text the extractor reads: `text` cleaned of web furniture, with a map back to offsets
    /// in `text` (not encoded: it is rebuilt from `text` when needed).
    public var body: CleanBody?

    enum CodingKeys: String, CodingKey {
        case id, file, title, outlet, byline, dateline, published, language, text, hasOriginalSignals, format, encoding, url
    }

    /// Recomputes ``hasOriginalSignals`` from the dateline, byline and publication date.
    public mutating func updateOriginalSignals() {
        self.hasOriginalSignals = self.dateline != nil || self.byline != nil || self.published != nil
    }

    /// The cleaned body, or the whole text when none was made.
    public var readableBody: CleanBody { self.body ?? CleanBody(text: self.text) }

    public init(
        id: String, file: String, title: String? = nil, outlet: String? = nil, byline: String? = nil,
        dateline: String? = nil, published: String? = nil, language: String = "en", text: String,
        hasOriginalSignals: Bool = false
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.outlet = outlet
        self.byline = byline
        self.dateline = dateline
        self.published = published
        self.language = language
        self.text = text
        self.hasOriginalSignals = hasOriginalSignals
    }
}
