import Foundation

/// Reads a JSON article: one object with `title`, `body` or `text` (or `content`), and optional
/// `outlet` (or `source`, `site`), `byline` (or `author`), `published` (or `date`) and `url`.
/// A body that is HTML is rendered like an HTML page.
public enum JSONArticleReader {
    public static func read(_ text: String) -> Result<RenderedDocument, ReadingFailure> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            return .failure(ReadingFailure("is not valid JSON (\(Self.describe(error))); fix it or save the article as .txt"))
        }
        guard let fields = object as? [String: Any] else {
            let what = object is [Any] ? "a list" : "not an object"
            return .failure(ReadingFailure("holds \(what); a JSON article is one object with \"title\" and \"body\" or \"text\" (one article per file)"))
        }
        func string(_ keys: String...) -> String? {
            for key in keys {
                if let value = fields[key] as? String, !value.trimmingSpaces().isEmpty { return value }
                if let value = fields[key] as? [String], !value.isEmpty { return value.joined(separator: " and ") }
                if let value = fields[key] as? [String: Any], let name = value["name"] as? String { return name }
            }
            return nil
        }
        guard let body = string("body", "text", "content", "article") else {
            return .failure(ReadingFailure("is a JSON object without \"body\" or \"text\"; put the article's text in one of them"))
        }
        var document: RenderedDocument
        if body.contains("</p>") || body.contains("<br") || body.contains("</div>") {
            document = HTMLArticleReader.read("<html><body>" + body + "</body></html>")
        } else {
            document = RenderedDocument(text: body)
        }
        document.title = string("title", "headline")
        document.outlet = string("outlet", "source", "site", "publisher")
        document.byline = string("byline", "author", "authors")
        document.published = string("published", "date", "published_at", "datePublished", "pubDate")
        document.url = string("url", "link")
        return .success(document)
    }

    static func describe(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "parse error"
    }
}
