internal import CLibXML2

/// Renders an HTML page to article text with libxml2's HTML parser (forgiving, like a browser),
/// never with regular expressions.
///
/// Scripts, styles, navigation, headers, footers, asides, forms and figures are dropped; the
/// `<article>` element (else `<main>`, else `<body>`) is rendered, one line per block (paragraph,
/// heading, list item, table row). Metadata comes from `og:`/`article:` meta tags, `<time>`,
/// `rel=canonical` and `<title>`. The parse works on bytes in memory and touches no network
/// (`HTML_PARSE_NONET`) and no files.
public enum HTMLArticleReader {
    static let skipped: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
        "figure", "figcaption", "select", "template", "object", "embed", "canvas", "audio", "video", "input", "label",
    ]
    static let blocks: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "article", "section", "main",
        "pre", "dd", "dt", "table", "ul", "ol", "hr", "address", "center", "body", "td", "th",
    ]

    public static func read(_ html: String) -> RenderedDocument {
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { return RenderedDocument(text: "") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return RenderedDocument(text: "") }

        var meta = Metadata()
        self.collectMetadata(root, into: &meta)
        let container = self.first("article", in: root) ?? self.first("main", in: root) ?? self.first("body", in: root) ?? root
        var renderer = Renderer()
        renderer.render(container)
        let text = renderer.finish()
        var title = meta.ogTitle ?? self.first("h1", in: container).map { Renderer.inlineText($0) } ?? meta.title
        title = title?.trimmingSpaces()
        if title?.isEmpty == true { title = nil }
        return RenderedDocument(
            text: text, title: title, outlet: meta.siteName, byline: meta.author, published: meta.published, url: meta.url)
    }

    struct Metadata {
        var title: String?
        var ogTitle: String?
        var siteName: String?
        var author: String?
        var published: String?
        var url: String?
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
        guard let value = xmlGetProp(node, attribute) else { return nil }
        defer { frontline_xml_free(value) }
        return String(cString: value)
    }

    static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// The first element named `name`, depth first, outside skipped elements.
    static func first(_ name: String, in node: xmlNodePtr) -> xmlNodePtr? {
        for child in self.elements(of: node) {
            let childName = self.name(child)
            if childName == name { return child }
            if self.skipped.contains(childName) { continue }
            if let found = self.first(name, in: child) { return found }
        }
        return nil
    }

    static func collectMetadata(_ node: xmlNodePtr, into meta: inout Metadata) {
        for child in self.elements(of: node) {
            switch self.name(child) {
            case "title" where meta.title == nil:
                meta.title = Renderer.inlineText(child)
            case "meta":
                let key = (self.attribute(child, "property") ?? self.attribute(child, "name") ?? "").lowercased()
                let content = self.attribute(child, "content")?.trimmingSpaces()
                guard let content, !content.isEmpty else { break }
                switch key {
                case "og:title", "twitter:title": meta.ogTitle = meta.ogTitle ?? content
                case "og:site_name", "application-name": meta.siteName = meta.siteName ?? content
                case "author", "article:author", "byl", "dc.creator": meta.author = meta.author ?? content
                case "article:published_time", "date", "pubdate", "dc.date", "dc.date.issued", "publishdate", "og:published_time":
                    meta.published = meta.published ?? content
                case "og:url": meta.url = meta.url ?? content
                default: break
                }
            case "link":
                if self.attribute(child, "rel")?.lowercased() == "canonical", let href = self.attribute(child, "href") {
                    meta.url = meta.url ?? href
                }
            case "time":
                if let datetime = self.attribute(child, "datetime"), meta.published == nil { meta.published = datetime }
            default:
                break
            }
            self.collectMetadata(child, into: &meta)
        }
    }

    /// Flattens a DOM subtree to lines of text.
    struct Renderer {
        var lines: [String] = []
        var current = ""

        mutating func render(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { self.append(String(cString: content)) }
                case XML_ELEMENT_NODE:
                    let name = HTMLArticleReader.name(current)
                    if HTMLArticleReader.skipped.contains(name) { break }
                    let block = HTMLArticleReader.blocks.contains(name)
                    if block { self.breakLine() }
                    self.render(current)
                    if block { self.breakLine() }
                default:
                    break
                }
                child = current.pointee.next
            }
        }

        mutating func append(_ text: String) {
            var collapsed = ""
            var lastSpace = self.current.isEmpty || self.current.last == " "
            for character in text {
                if character.isWhitespace {
                    if !lastSpace { collapsed.append(" ") }
                    lastSpace = true
                } else {
                    collapsed.append(character)
                    lastSpace = false
                }
            }
            self.current += collapsed
        }

        mutating func breakLine() {
            let line = self.current.trimmingSpaces()
            if !line.isEmpty { self.lines.append(line) }
            self.current = ""
        }

        mutating func finish() -> String {
            self.breakLine()
            return self.lines.isEmpty ? "" : self.lines.joined(separator: "\n") + "\n"
        }

        static func inlineText(_ node: xmlNodePtr) -> String {
            var renderer = Renderer()
            renderer.render(node)
            renderer.breakLine()
            return renderer.lines.joined(separator: " ")
        }
    }
}
