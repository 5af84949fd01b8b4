import Foundation
import FrontlineCore
import FrontlineService

/// `frontlinectl eval --syndication DIR`: merging measured on a synthetic corpus.
extension Eval {
    func evaluateSyndication(directory: String, lexicon: Lexicon) throws {
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw CommandFailure("cannot list \(directory); pass a directory of articles")
        }
        var bases: [(article: Article, extraction: ExtractionResult)] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                case .success(let article) = reader.read(id: ArticleID.sha256Hex(Array(data)), file: name, bytes: Array(data))
            else { continue }
            bases.append((article, extractor.extract(article: article)))
        }
        guard !bases.isEmpty else { throw CommandFailure("no readable article in \(directory)") }
        let corpus = SyndicationCorpus(bases: bases, reader: reader, seed: self.seed)
        let report = SyndicationEvaluation.run(corpus, seed: self.seed) { extractor.extract(article: $0) }
        if self.json {
            try Self.printJSON(report)
            return
        }
        func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
        print("bases: \(report.bases), articles: \(report.articles) (\(report.variants) variants, \(report.denials) denials), seed \(self.seed)")
        print("claim.new + offensive.new: \(report.alertsOriginalsOnly) from the originals, \(report.alertsWithVariants) with the variants")
        print("duplicate alerts: \(report.duplicateAlerts) (\(percent(report.duplicateAlertRate)))")
        print("missed merges: \(report.missedMerges) of \(report.variantMentions) variant mentions (\(percent(report.missedMergeRate)))")
        print("variants linked to their original's story: \(report.linkedVariants) of \(report.variants) (\(percent(report.linkRate)))")
        print("false corroborations (one base's copies counted independent): \(report.falseCorroborations)")
        print("denials that made their claim contested: \(report.contestedDenials) of \(report.denials) (\(percent(report.denialDetectionRate)))")
        print("claim.contested alerts: \(report.contestedAlerts); claims contested by rival claims across bases: \(report.otherContestedClaims)")
        guard self.errors else { return }
        for error in report.errors { print("\n" + error) }
    }
}
