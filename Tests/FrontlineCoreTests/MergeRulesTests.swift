import FrontlineCore
import Testing

/// Claim identity rules found on the full FA-KES syndication corpus (docs/quality.md "Merging"):
/// each test fails under the rule it replaced.
@Suite struct MergeRulesTests {
    /// Filler prose with its own words, so two fillers share no shingle.
    static func filler(_ seed: Int, sentences: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ru", "se", "ta", "vo", "ne", "pi", "da", "gu", "fe"]
        var random = SplitMix(seed: UInt64(seed))
        func word() -> String {
            (0..<3).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
        }
        return (0..<sentences).map { _ in
            "The " + (0..<10).map { _ in word() }.joined(separator: " ") + "."
        }.joined(separator: " ")
    }

    static let hilltop = "Islamic State fighters seized a hilltop on Monday, a monitor said."

    static func article(dateline: String, date: String = "April 10, 2017", _ paragraphs: [String]) -> String {
        "Dispatch\n\n\(date)\n\n\(dateline) - " + paragraphs.joined(separator: "\n\n") + "\n"
    }

    @Test func anArticleThatRepeatsASentenceGivesOneClaim() throws {
        // One paragraph (the reader drops a repeated paragraph as boilerplate; a repeated sentence stays).
        let paragraph = [Self.filler(1, sentences: 3), Self.hilltop, Self.filler(2, sentences: 3), Self.hilltop].joined(separator: " ")
        let text = Self.article(dateline: "BEIRUT (AFP)", [paragraph])
        let (ledger, events) = try ContestLedgerTests.run([text])
        #expect(ledger.claims.count == 1)
        #expect(ContestLedgerTests.alerts(events).filter { $0.kind == .claimNew }.count == 1)
        #expect(ledger.claims.values.first?.evidence.count == 2, "\(ledger.claims.values.first?.evidence ?? [])")
    }

    /// X copies story W and rewrites part of story A: X's mention joins A's claim
    /// although X is linked to W, its nearest article.
    @Test func aRewriteOfTwoStoriesSharesTheClaimsOfBoth() throws {
        let a1 = Self.filler(10, sentences: 30)
        let (a2, a3) = (Self.filler(11, sentences: 15), Self.filler(12, sentences: 15))
        let w = Self.filler(20, sentences: 30)
        let storyA = Self.article(dateline: "BEIRUT (AFP)", [a1, Self.hilltop, a2, a3])
        let storyW = Self.article(dateline: "AMMAN (Al Jazeera)", [w])
        // About 0.65 like W, 0.18 like A.
        let rewrite = Self.article(dateline: "LONDON (BBC)", [w, Self.hilltop, a2])
        let (ledger, events) = try ContestLedgerTests.run([storyA, storyW, rewrite])
        #expect(ContestLedgerTests.alerts(events).filter { $0.kind == .claimNew }.count == 1)
        let claim = try #require(ledger.claims.values.first)
        #expect(ledger.claims.count == 1)
        #expect(claim.sources.count == 2)
        let rewriteSource = try #require(claim.sources.last)
        // Linked to its nearest story, W, not to A.
        let parent = rewriteSource.syndicatedFrom ?? rewriteSource.derivedFrom
        #expect(parent != nil, "\(claim.sources)")
        #expect(parent != claim.sources.first?.article)
    }

    /// An undated claim told on April 9 and April 13 is still the event a source of April 19 tells:
    /// the window counts from any of its sources, not only its first.
    @Test func anUndatedClaimsWindowCountsFromAnyOfItsSources() throws {
        let kojo = "Kurdish Peshmerga forces captured the village of Kojo, a commander said."
        let texts = [
            Self.article(dateline: "ERBIL (Rudaw)", date: "April 9, 2017", [kojo, Self.filler(30, sentences: 8)]),
            Self.article(dateline: "BAGHDAD (Reuters)", date: "April 13, 2017", [kojo, Self.filler(31, sentences: 8)]),
            Self.article(dateline: "AMMAN (Al Jazeera)", date: "April 19, 2017", [kojo, Self.filler(32, sentences: 8)]),
        ]
        let (ledger, events) = try ContestLedgerTests.run(texts)
        let claim = try #require(ledger.claims.values.first)
        #expect(claim.eventDate == nil)
        #expect(ledger.claims.count == 1)
        #expect(claim.sources.count == 3)
        #expect(ContestLedgerTests.alerts(events).filter { $0.kind == .claimNew }.count == 1)
    }

    @Test func anActorPhraseStopsAtAModalOrAReportNoun() throws {
        let lexicon = try TestPaths.lexicon()
        let text = Self.article(
            dateline: "GENEVA (Reuters)",
            ["The UN said it would probe reports opposition fighters committed a massacre after seizing the strategic town from the regime."])
        let article = try ArticleReader(lexicon: lexicon).read(id: "0", file: "un.txt", bytes: Array(text.utf8)).get()
        let claims = ClaimExtractor(lexicon: lexicon).extract(article: article).claims
        #expect(claims.map { $0.claimant?.name } == ["opposition fighters"])
    }
}
