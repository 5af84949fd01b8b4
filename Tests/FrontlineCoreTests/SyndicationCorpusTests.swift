import Foundation
import FrontlineCore
import Testing

/// The synthetic syndication corpus (reposts, reordered and reworded copies, denials) over the
/// seeds and the 40 FA-KES fixture articles, in three seeded arrival orders. docs/quality.md has
/// the same figures on all of FA-KES (`frontlinectl eval --syndication`).
@Suite struct SyndicationCorpusTests {
    static func bases() throws -> (ArticleReader, ClaimExtractor, [(article: Article, extraction: ExtractionResult)]) {
        let lexicon = try TestPaths.lexicon()
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        let directory = TestPaths.fixtures.appendingPathComponent("fakes40")
        let files = try TestPaths.seedFiles()
            + FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        let bases = try files.map { url in
            var article = try TestPaths.article(url, lexicon: lexicon)
            // Ids as distinct in their first 12 characters as the daemon's SHA-256 ids (claim ids use them).
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in article.text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            article.id = String(hash, radix: 16) + url.lastPathComponent
            return (article: article, extraction: extractor.extract(article: article))
        }
        return (reader, extractor, bases)
    }

    @Test(arguments: [UInt64(1), 2, 3]) func copiesRaiseNoSecondAlertAndDenialsContest(seed: UInt64) throws {
        let (reader, extractor, bases) = try Self.bases()
        let corpus = SyndicationCorpus(bases: bases, reader: reader, seed: seed)
        #expect(corpus.items.filter { $0.role == .original }.count == 45)
        #expect(corpus.items.filter(\.role.isVariant).count == 135)
        let report = SyndicationEvaluation.run(corpus, seed: seed) { extractor.extract(article: $0) }
        print("seed \(seed): \(report.duplicateAlerts) duplicate alerts of \(report.alertsOriginalsOnly), \(report.missedMerges) missed merges of \(report.variantMentions), \(report.contestedDenials)/\(report.denials) denials contested")
        #expect(report.alertsOriginalsOnly > 15)
        #expect(report.duplicateAlerts == 0, "\(report.errors)")
        #expect(report.missedMergeRate < 0.02, "\(report.errors)")
        #expect(report.linkedVariants == report.variants)
        #expect(report.falseCorroborations == 0)
        #expect(report.denials >= 5)
        #expect(report.denialDetectionRate >= 0.8, "\(report.errors)")
    }

    @Test func theCorpusIsReproducible() throws {
        let (reader, _, bases) = try Self.bases()
        let a = SyndicationCorpus(bases: Array(bases.prefix(8)), reader: reader, seed: 7).items.map(\.article.text)
        let b = SyndicationCorpus(bases: Array(bases.prefix(8)), reader: reader, seed: 7).items.map(\.article.text)
        let c = SyndicationCorpus(bases: Array(bases.prefix(8)), reader: reader, seed: 8).items.map(\.article.text)
        #expect(a == b)
        #expect(a != c, "the reordered copies follow the seed")
    }
}
