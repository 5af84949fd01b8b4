import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService

/// `frontlinectl extract`: the extractor offline, on files, without a daemon.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract territorial claims from article files, offline.")
    @Flag(help: "One JSON object per file.") var json = false
    @Option(help: "Configuration file whose lexicon_dir to use.") var config: String?
    @Argument(help: "Article files.") var files: [String]

    func run() throws {
        do {
            let lexicon = try OfflineLexicon.load(config: self.config)
            let reader = ArticleReader(lexicon: lexicon)
            let extractor = ClaimExtractor(lexicon: lexicon)
            for file in self.files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("cannot read \(file): no such file or no permission")
                }
                let id = ArticleID.sha256Hex(Array(data))
                let article: Article
                switch reader.read(id: id, file: (file as NSString).lastPathComponent, bytes: Array(data)) {
                case .success(let read): article = read
                case .failure(let failure): throw CommandFailure("\(file) \(failure.reason)")
                }
                let result = extractor.extract(article: article)
                if self.json {
                    let output = ExtractOutput(file: file, article: .init(article), claims: result.claims, context: result.context)
                    try Eval.printJSON(output)
                } else {
                    print("\(file): \(article.title ?? "(untitled)") — \(article.outlet ?? "unknown outlet"), \(article.published ?? "undated") [\(article.format), \(article.encoding), \(article.language)]")
                    if article.language != "en" { print("  not in English: recorded without claims") }
                    for claim in result.claims {
                        let places = (claim.places.map(\.name) + claim.areas.map(\.text)).joined(separator: "; ")
                        print("  \(claim.kind.rawValue): \(claim.claimant?.name ?? "?") — \(places) (\(claim.eventDate ?? "date unknown"))")
                        print("    \"\(claim.evidence[0].sentence)\"")
                    }
                    if result.claims.isEmpty { print("  no claims") }
                }
            }
        }
    }
}

struct ExtractOutput: Encodable {
    struct ArticleInfo: Encodable {
        var id: String
        var title: String?
        var outlet: String?
        var published: String?
        var byline: String?
        var dateline: String?
        var language: String
        var format: String
        var encoding: String
        var url: String?

        init(_ article: Article) {
            self.id = article.id
            self.title = article.title
            self.outlet = article.outlet
            self.published = article.published
            self.byline = article.byline
            self.dateline = article.dateline
            self.language = article.language
            self.format = article.format
            self.encoding = article.encoding
            self.url = article.url
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.id, forKey: .id)
            try c.encode(self.title, forKey: .title)
            try c.encode(self.outlet, forKey: .outlet)
            try c.encode(self.published, forKey: .published)
            try c.encode(self.byline, forKey: .byline)
            try c.encode(self.dateline, forKey: .dateline)
            try c.encode(self.language, forKey: .language)
            try c.encode(self.format, forKey: .format)
            try c.encode(self.encoding, forKey: .encoding)
            try c.encode(self.url, forKey: .url)
        }

        enum CodingKeys: String, CodingKey { case id, title, outlet, published, byline, dateline, language, format, encoding, url }
    }

    var file: String
    var article: ArticleInfo
    var claims: [ClaimMention]
    var context: [ContextNote]
}
