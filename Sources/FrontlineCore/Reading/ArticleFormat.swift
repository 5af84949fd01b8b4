/// The inbox formats, chosen by extension, then by sniffing the content (an unknown or missing
/// extension, or `.txt` that is really HTML or a mail dump).
public enum ArticleFormat: String, Sendable, Codable, CaseIterable {
    case txt, md, html, json, eml

    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt", "text": self = .txt
        case "md", "markdown": self = .md
        case "html", "htm", "xhtml": self = .html
        case "json": self = .json
        case "eml", "mbox", "msg": self = .eml
        default: return nil
        }
    }

    /// The format of `text` read from `fileName`: the extension unless the content clearly says
    /// otherwise (a `.txt` holding an HTML page is read as HTML).
    public static func detect(fileName: String, text: String) -> ArticleFormat {
        var bytes = text
        let sniffed = bytes.withUTF8 { Self.sniff($0, endsWithBrace: { text.last(where: { !$0.isWhitespace }) == "}" }) }
        switch ArticleFormat(fileName: fileName) {
        case .some(.txt): return sniffed == .html || sniffed == .eml ? sniffed! : .txt
        case .some(let format): return format
        case .none: return sniffed ?? .txt
        }
    }

    /// The format the start of the text shows, on its first kilobyte after leading white space and
    /// byte-order marks (the marks are ASCII, compared case folded); nil when it shows none.
    static func sniff(_ text: UnsafeBufferPointer<UInt8>, endsWithBrace: () -> Bool) -> ArticleFormat? {
        var start = 0
        while start < text.count {
            let byte = text[start]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                start += 1
            } else if byte == 0xEF, start + 2 < text.count, text[start + 1] == 0xBB, text[start + 2] == 0xBF {
                start += 3
            } else {
                break
            }
        }
        let head = UnsafeBufferPointer(rebasing: text[start..<min(text.count, start + 1024)])
        let lowered = head.prefix(256).map(TextCleaner.asciiLowered)
        if lowered.starts(with: "<!doctype html".utf8) || lowered.starts(with: "<html".utf8)
            || (lowered.first == UInt8(ascii: "<") && lowered.contains(Array("<body".utf8)))
        {
            return .html
        }
        if head.first == UInt8(ascii: "{"), endsWithBrace() { return .json }
        if MailMessage.looksLikeHeaders(bytes: head) { return .eml }
        if head.starts(with: "---\n".utf8) || head.starts(with: "+++\n".utf8) || head.starts(with: "---\r\n".utf8) { return .md }
        return nil
    }
}

/// What a format reader found: the readable text evidence offsets will point into, and whatever
/// metadata the format carries (front matter, `<meta>`, JSON fields, mail headers).
public struct RenderedDocument: Sendable, Equatable {
    public var text: String
    public var title: String?
    public var outlet: String?
    public var byline: String?
    /// Publication date as given (ISO date or time, RFC 5322 date, "May 29, 2017"…).
    public var published: String?
    public var url: String?
    /// A mail's sender display name ("Reuters", "Jane Doe"): the outlet if the lexicon knows it.
    public var sender: String?

    public init(text: String, title: String? = nil, outlet: String? = nil, byline: String? = nil, published: String? = nil, url: String? = nil) {
        self.text = text
        self.title = title
        self.outlet = outlet
        self.byline = byline
        self.published = published
        self.url = url
    }
}
