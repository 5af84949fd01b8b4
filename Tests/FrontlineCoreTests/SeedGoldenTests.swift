import Foundation
import FrontlineCore
import Testing

/// The extractor against the analyst's gold labels of the five seeds.
@Suite struct SeedGoldenTests {
    static let gold = (try? TestPaths.gold("seeds-gold.jsonl")) ?? []

    @Test func goldFileIsLoaded() {
        #expect(Self.gold.count == 5)
    }

    @Test(arguments: Self.gold.map(\.file))
    func extractsExactlyTheGoldClaims(file: String) throws {
        let gold = try #require(Self.gold.first { $0.file == file })
        let lexicon = try TestPaths.lexicon()
        let article = try TestPaths.article(TestPaths.seeds.appendingPathComponent(file), lexicon: lexicon)
        let result = ClaimExtractor(lexicon: lexicon).extract(article: article)

        #expect(article.outlet == gold.outlet, "outlet of \(file)")
        #expect(article.published == gold.published, "publication date of \(file)")
        #expect(result.claims.count == gold.claims.count, "claims in \(file): \(result.claims.map(\.summaryLine))")
        for expected in gold.claims {
            let found = result.claims.first { claim in
                claim.kind.identityClass == expected.kind?.identityClass
                    && fold(claim.claimant?.name ?? "") == fold(expected.claimant ?? "")
                    && Self.sharesPlace(claim, expected.places)
            }
            let claim = try #require(found, "\(file): no claim for \(expected.claimant ?? "?") \(expected.action) \(expected.places)")
            #expect(claim.eventDate == expected.date, "\(file): date of \(expected.evidence.prefix(60))")
            #expect(claim.hedged == (expected.hedged ?? false), "\(file): hedged")
            #expect(claim.evidence.first?.sentence == expected.evidence, "\(file): evidence sentence")
            #expect((claim.attributedTo == nil) == (expected.attributedTo == nil), "\(file): attribution")
            // Offsets point at the evidence in the article's text.
            for evidence in claim.evidence {
                let bytes = Array(article.text.utf8)[evidence.start..<evidence.end]
                #expect(String(decoding: bytes, as: UTF8.self) == evidence.sentence)
            }
        }
        for background in gold.backgroundMentions ?? [] {
            #expect(!result.claims.contains { $0.evidence.contains { $0.sentence == background } }, "claim from background: \(background)")
        }
    }

    /// A claim place or area agrees with a gold place when one's words contain the other's core.
    static func sharesPlace(_ claim: ClaimMention, _ places: [String]) -> Bool {
        let ours = claim.places.flatMap { [$0.name, $0.mention] } + claim.areas.map(\.text)
        return places.contains { gold in
            let goldWords = Set(fold(gold))
            return ours.contains { mine in
                let words = Set(fold(mine))
                return !words.isEmpty && (words.isSubset(of: goldWords) || goldWords.isSubset(of: words)
                    || words.intersection(goldWords).count >= 2)
            }
        }
    }
}

/// Folds text for loose comparison: tokens, no apostrophes or determiners.
func fold(_ text: String) -> [String] {
    Tokenizer.tokenize(text).filter(\.isWord).map { $0.text.replacingOccurrences(of: "'", with: "") }
        .filter { !["the", "a", "an", "of", "s"].contains($0) }
}
