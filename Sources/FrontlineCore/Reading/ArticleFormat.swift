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
        let head = String(text.prefix(1024)).drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        let lowered = head.prefix(256).lowercased()
        let sniffed: ArticleFormat? =
            if lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html") || (lowered.hasPrefix("<") && lowered.contains("<body")) {
                .html
            } else if head.hasPrefix("{") && text.last(where: { !$0.isWhitespace }) == "}" {
                .json
            } else if MailMessage.looksLikeHeaders(String(head)) {
                .eml
            } else if head.hasPrefix("---\n") || head.hasPrefix("+++\n") || head.hasPrefix("---\r\n") {
                .md
            } else {
                nil
            }
        switch ArticleFormat(fileName: fileName) {
        case .some(.txt): return sniffed == .html || sniffed == .eml ? sniffed! : .txt
        case .some(let format): return format
        case .none: return sniffed ?? .txt
        }
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
