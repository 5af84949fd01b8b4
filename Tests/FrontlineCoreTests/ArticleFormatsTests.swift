import Foundation
import FrontlineCore
import Testing

/// One seed article, written out in every inbox format, must give the same claims as its text,
/// with the metadata each format carries, and evidence offsets that resolve in the stored text.
@Suite struct ArticleFormatsTests {
    static let seed = "000_86284b0fec24d4fa.txt"

    struct Parts {
        var title: String
        var paragraphs: [String]
    }

    static func parts() throws -> Parts {
        let text = try String(contentsOf: TestPaths.seeds.appendingPathComponent(Self.seed), encoding: .utf8)
        let lines = text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Parts(title: lines[0], paragraphs: Array(lines.dropFirst()))
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func rendered(_ format: ArticleFormat, _ parts: Parts) throws -> String {
        switch format {
        case .txt:
            return ([parts.title, ""] + parts.paragraphs).joined(separator: "\n\n")
        case .md:
            return """
                ---
                title: "\(parts.title)"
                outlet: The Guardian
                published: 2017-05-28
                url: https://example.org/iraq
                ---

                # \(parts.title)

                \(parts.paragraphs.map { "**" + $0.prefix(0) + "**" + $0 }.joined(separator: "\n\n"))

                [Read the original](https://example.org/iraq)
                """
        case .html:
            return """
                <!DOCTYPE html>
                <html><head><title>\(escapeHTML(parts.title)) | World news | The Guardian</title>
                <meta property="og:title" content="\(escapeHTML(parts.title))">
                <meta property="og:site_name" content="the Guardian">
                <meta property="article:published_time" content="2017-05-28T14:02:11+01:00">
                <link rel="canonical" href="https://example.org/iraq">
                <script>var story = "Islamic State captured Baaj on Monday.";</script>
                <style>p { color: red }</style></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
                <header>Skip to main content</header>
                <article><h1>\(escapeHTML(parts.title))</h1>
                \(parts.paragraphs.map { "<p>" + escapeHTML($0) + "</p>" }.joined(separator: "\n"))
                <figure><img src="x.jpg"><figcaption>Fighters in Mosul. Photograph: Reuters</figcaption></figure>
                </article>
                <aside>Most popular</aside><footer>© 2017 Guardian News</footer></body></html>
                """
        case .json:
            let object: [String: Any] = [
                "title": parts.title, "body": parts.paragraphs.joined(separator: "\n\n"), "outlet": "The Guardian",
                "published": "2017-05-28T13:02:11Z", "url": "https://example.org/iraq",
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        case .eml:
            let plain = parts.paragraphs.joined(separator: "\n\n")
            let html = "<html><body>" + parts.paragraphs.map { "<p>" + escapeHTML($0) + "</p>" }.joined() + "</body></html>"
            let subject = Data(parts.title.utf8).base64EncodedString()
            return """
                Return-Path: <alerts@guardian.example>
                From: "The Guardian" <alerts@guardian.example>
                To: desk@example.org
                Subject: =?utf-8?B?\(subject)?=
                Date: Sun, 28 May 2017 14:02:11 +0100
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                \(quotedPrintable(plain))
                --b1
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                \(Data(html.utf8).base64EncodedString(options: .lineLength76Characters))
                --b1--

                """
        }
    }

    /// Quoted-printable with soft line breaks every 60 characters and non-ASCII as =XX.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        var column = 0
        for byte in text.utf8 {
            let piece: String
            if byte == UInt8(ascii: "\n") {
                out += "\n"
                column = 0
                continue
            } else if byte >= 0x80 || byte == UInt8(ascii: "=") {
                piece = String(format: "=%02X", byte)
            } else {
                piece = String(UnicodeScalar(byte))
            }
            if column + piece.count > 60 {
                out += "=\n"
                column = 0
            }
            out += piece
            column += piece.count
        }
        return out
    }

    static func summary(_ claims: [ClaimMention]) -> [String] {
        claims.map { "\($0.kind.rawValue) \($0.claimant?.key ?? "?") \($0.places.map(\.key).sorted()) \($0.areas.map(\.key).sorted())" }.sorted()
    }

    @Test(arguments: [ArticleFormat.md, .html, .json, .eml])
    func everyFormatGivesTheClaimsOfTheText(format: ArticleFormat) throws {
        let lexicon = try TestPaths.lexicon()
        let parts = try Self.parts()
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        var baseline = try reader.read(id: "t", file: "a.txt", bytes: Array(try Self.rendered(.txt, parts).utf8)).get()
        baseline.published = "2017-05-28"
        let expected = Self.summary(extractor.extract(article: baseline).claims)
        #expect(expected.count >= 2, "the seed has claims to compare: \(expected)")

        let source = try Self.rendered(format, parts)
        let article = try reader.read(id: "a", file: "article.\(format.rawValue)", bytes: Array(source.utf8)).get()
        #expect(article.format == format.rawValue)
        #expect(article.title == parts.title)
        #expect(article.published == "2017-05-28")
        #expect(article.outlet == "The Guardian", "outlet read from \(format) metadata")
        #expect(article.language == "en")
        if format != .eml { #expect(article.url == "https://example.org/iraq") }
        #expect(!article.text.contains("var story"), "scripts are not text")
        #expect(!article.text.contains("Home World") && !article.text.contains("Most popular"))
        let claims = extractor.extract(article: article).claims
        #expect(Self.summary(claims) == expected)
        let stored = Array(article.text.utf8)
        for claim in claims {
            for evidence in claim.evidence {
                #expect(String(decoding: stored[evidence.start..<evidence.end], as: UTF8.self) == evidence.sentence)
            }
        }
    }

    @Test func tomlFrontMatterAndMarkdownSyntax() throws {
        let lexicon = try TestPaths.lexicon()
        let source = """
            +++
            title = "Forces retake Baaj"
            source = "Reuters"
            date = 2017-06-04
            +++
            ## Forces retake Baaj

            * Iraqi forces said on Sunday they had **recaptured** [Baaj](https://maps.example/baaj) from Islamic State.
            """
        let article = try ArticleReader(lexicon: lexicon).read(id: "x", file: "a.md", bytes: Array(source.utf8)).get()
        #expect(article.title == "Forces retake Baaj")
        #expect(article.outlet == "Reuters")
        #expect(article.published == "2017-06-04")
        #expect(article.text.contains("Iraqi forces said on Sunday they had recaptured Baaj from Islamic State."))
    }

    @Test func brokenFrontMatterAndJSONSayWhatIsWrong() throws {
        let reader = ArticleReader(lexicon: try TestPaths.lexicon())
        let cases: [(String, String, String)] = [
            ("a.md", "---\ntitle: [unclosed\n---\nBody text.", "YAML front matter"),
            ("a.json", "{\"title\": \"x\", ", "not valid JSON"),
            ("a.json", "[{\"title\": \"x\", \"body\": \"y\"}]", "holds a list"),
            ("a.json", "{\"title\": \"only a title\"}", "without \"body\""),
            ("a.eml", "From: a@b.c\nSubject: x\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: image/png\n\nxx\n--zz--\n", "no readable"),
            ("a.txt", "   \n\n\t\n", "has no text"),
        ]
        for (file, source, expected) in cases {
            switch reader.read(id: "x", file: file, bytes: Array(source.utf8)) {
            case .success: Issue.record("\(file) \(source.prefix(30)) was read")
            case .failure(let failure): #expect(failure.reason.contains(expected), "\(file): \(failure.reason)")
            }
        }
    }

    @Test func formatIsSniffedWhenTheExtensionLies() {
        #expect(ArticleFormat.detect(fileName: "page.txt", text: "<!DOCTYPE html><html><body><p>x</p></body></html>") == .html)
        #expect(ArticleFormat.detect(fileName: "noext", text: "From: a@b.c\nSubject: x\nDate: Mon, 1 May 2017\n\nbody") == .eml)
        #expect(ArticleFormat.detect(fileName: "noext", text: "{\"title\": \"t\", \"body\": \"b\"}") == .json)
        #expect(ArticleFormat.detect(fileName: "notes.txt", text: "Plain words. From: nobody") == .txt)
        #expect(ArticleFormat.detect(fileName: "a.HTM", text: "no tags at all") == .html)
    }
}
