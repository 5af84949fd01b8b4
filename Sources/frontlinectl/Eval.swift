import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService

/// `frontlinectl eval`: the extractor's quality against labelled data, offline.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure extraction against a gold file (with the articles' directory) or labelled snippets.",
        discussion: """
            --gold FILE DIR   precision, recall and F1 of claims, kinds, places, dates and attributions
                              against a gold JSON Lines file (format: docs/quality.md) for the files in DIR.
            --snippets FILE   detection of a change of territorial control in each snippet of a
                              TSV (id, text, label); positives are GOV_REGAINS_TERIT,
                              NON_STATE_ACTOR_OVERTAKES_TER and NON_VIOL_TERRIT_TRANSFER.
            --syndication DIR merging on a synthetic corpus made from the articles in DIR: reposts,
                              reordered and reworded copies, and denials, in a seeded arrival
                              order; prints duplicate alerts, missed merges, links, false
                              corroborations and contested denials (docs/quality.md).
            """)

    @Option(help: "Gold JSON Lines file.") var gold: String?
    @Option(help: "Labelled snippets, TSV: id, text, label.") var snippets: String?
    @Option(help: "Directory of base articles for the synthetic syndication corpus.") var syndication: String?
    @Option(help: "Seed of the syndication corpus and its arrival order.") var seed: UInt64 = 1
    @Flag(help: "Print the figures as one JSON object.") var json = false
    @Flag(help: "List every miss and every false detection with its text.") var errors = false
    @Option(help: "Configuration file whose lexicon_dir to use.") var config: String?
    @Argument(help: "Directory holding the gold file's articles.") var directory: String?

    func validate() throws {
        guard [self.gold, self.snippets, self.syndication].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give one of --gold FILE DIR, --snippets FILE or --syndication DIR")
        }
        if self.gold != nil, self.directory == nil { throw ValidationError("--gold needs the directory of its articles") }
    }

    func run() throws {
        let lexicon = try OfflineLexicon.load(config: self.config)
        if let snippets { try self.evaluateSnippets(file: snippets, lexicon: lexicon) }
        if let gold, let directory { try self.evaluateGold(file: gold, directory: directory, lexicon: lexicon) }
        if let syndication { try self.evaluateSyndication(directory: syndication, lexicon: lexicon) }
    }

    func evaluateSnippets(file: String, lexicon: Lexicon) throws {
        let snippets = try LabelledSnippet.parseTSV(try Self.contents(of: file), file: file)
        let extractor = ClaimExtractor(lexicon: lexicon)
        var evaluation = SnippetEvaluation()
        for snippet in snippets {
            evaluation.record(snippet, claims: extractor.extract(article: SnippetEvaluation.article(for: snippet)).claims)
        }
        if self.json {
            try Self.printJSON(SnippetReport(snippets: snippets.count, detection: evaluation.score, byLabel: evaluation.detectedByLabel,
                errors: self.errors ? evaluation.outcomes.filter { $0.expected != $0.detected } : nil))
            return
        }
        let score = evaluation.score
        print("snippets: \(snippets.count), positives: \(score.truePositives + score.falseNegatives)")
        print("detection: " + Self.figures(score))
        let negatives = evaluation.detectedByLabel.filter { !SnippetEvaluation.controlLabels.contains($0.key) }
        if !negatives.isEmpty {
            print("false detections by label: " + negatives.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)/\(evaluation.countByLabel[$0.key] ?? 0)" }.joined(separator: ", "))
        }
        guard self.errors else { return }
        let texts = Dictionary(snippets.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        for outcome in evaluation.outcomes where outcome.expected != outcome.detected {
            print("\n\(outcome.detected ? "FALSE DETECTION" : "MISSED") \(outcome.id) [\(outcome.label)]")
            for claim in outcome.claims { print("  \(claim)") }
            print("  \(texts[outcome.id] ?? "")")
        }
    }

    func evaluateGold(file: String, directory: String, lexicon: Lexicon) throws {
        let golds = try GoldArticle.parseJSONLines(try Self.contents(of: file), file: file)
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        var evaluation = GoldEvaluation(lexicon: lexicon)
        for gold in golds {
            let path = (directory as NSString).appendingPathComponent(gold.file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("\(file): article \(gold.file) is not in \(directory); pass the directory that holds it")
            }
            switch reader.read(id: ArticleID.sha256Hex(Array(data)), file: gold.file, bytes: Array(data)) {
            case .success(let article): evaluation.record(gold, claims: extractor.extract(article: article).claims)
            case .failure(let failure): throw CommandFailure("\(path): \(failure.reason)")
            }
        }
        if self.json {
            try Self.printJSON(GoldReport(evaluation: evaluation, errors: self.errors))
            return
        }
        print("articles: \(evaluation.articles), gold claims: \(evaluation.claims.truePositives + evaluation.claims.falseNegatives)")
        print("claims:       " + Self.figures(evaluation.claims))
        print("kinds:        " + Self.figures(evaluation.kinds))
        print("places:       " + Self.figures(evaluation.places))
        print("dates:        " + Self.figures(evaluation.dates))
        print("attributions: " + Self.figures(evaluation.attributions))
        print("claims from background sentences: \(evaluation.fromBackground)")
        guard self.errors else { return }
        for finding in evaluation.findings where finding.verdict != "found" {
            print("\n\(finding.verdict.uppercased()) \(finding.file)\n  \(finding.claim)\n  \(finding.evidence)")
        }
    }

    static func figures(_ score: DetectionScore) -> String {
        String(format: "precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)",
            score.precision, score.recall, score.f1, score.truePositives, score.falsePositives, score.falseNegatives)
    }

    static func contents(of file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("cannot read \(file); check the path and its permissions")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func printJSON(_ value: some Encodable) throws {
        print(try self.jsonLine(value), terminator: "")
    }

    /// `value` as one line of sorted-key JSON, with its newline.
    static func jsonLine(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

struct SnippetReport: Encodable {
    var snippets: Int
    var detection: DetectionScore
    var byLabel: [String: Int]
    var errors: [SnippetEvaluation.Outcome]?

    enum CodingKeys: String, CodingKey { case snippets, detection, byLabel = "detected_by_label", errors }
}

struct GoldReport: Encodable {
    var articles: Int
    var claims, kinds, places, dates, attributions: DetectionScore
    var fromBackground: Int
    var findings: [GoldEvaluation.Finding]?

    init(evaluation: GoldEvaluation, errors: Bool) {
        self.articles = evaluation.articles
        self.claims = evaluation.claims
        self.kinds = evaluation.kinds
        self.places = evaluation.places
        self.dates = evaluation.dates
        self.attributions = evaluation.attributions
        self.fromBackground = evaluation.fromBackground
        self.findings = errors ? evaluation.findings.filter { $0.verdict != "found" } : nil
    }

    enum CodingKeys: String, CodingKey {
        case articles, claims, kinds, places, dates, attributions, findings
        case fromBackground = "from_background"
    }
}
