import FrontlineCore
import Testing

/// Analysts' corrections on the pure ledger: what each action does to the claims it touches, that
/// a retracted or merged claim raises no alert again, and that replaying the log gives the same claims.
@Suite struct CorrectionLedgerTests {
    static let now = "2026-11-21T12:00:00Z"
    static let apCapture = """
        June 5, 2017

        BAGHDAD (AP) - Iraqi troops said they seized the town of Baaj on Monday after days of heavy fighting with the militants.
        """
    static let rivalRepeat = """
        June 7, 2017

        BEIRUT (AFP) - Islamic State fighters recaptured the town of Baaj on Wednesday, a statement from the group said.
        """
    static let kojoRepeat = """
        June 6, 2017

        DUHOK (Kurdistan 24) - Kurdish Peshmerga forces captured the village of Kojo on Tuesday, a Peshmerga commander said.
        """

    static func request(_ claim: String, _ action: CorrectionAction, target: String? = nil, articles: [String] = []) -> CorrectionRequest {
        CorrectionRequest(claim: claim, action: action, target: target, articles: articles, reason: "checked with the desk", uid: 1000, user: "analyst")
    }

    /// Feeds more articles into a ledger, returning their events.
    static func ingest(_ texts: [String], into ledger: inout ClaimLedger) throws -> [LogEvent] {
        let lexicon = try TestPaths.lexicon()
        var events: [LogEvent] = []
        for text in texts {
            let bytes = Array(text.utf8)
            let article = try ArticleReader(lexicon: lexicon).read(
                id: String(UInt64(bitPattern: Int64(text.hashValue)), radix: 16), file: "late.txt", bytes: bytes
            ).get()
            events += ledger.ingest(
                article: article, bytes: bytes.count, extraction: ClaimExtractor(lexicon: lexicon).extract(article: article), now: Self.now)
        }
        return events
    }

    static func replayed(_ events: [LogEvent]) -> [String: Claim] {
        var ledger = ClaimLedger()
        for event in events { ledger.apply(event) }
        return ledger.claims
    }

    static func claim(_ ledger: ClaimLedger, _ kind: ClaimKind, by actor: String) throws -> Claim {
        try #require(ledger.claims.values.first { $0.kind == kind && $0.claimant?.id == actor })
    }

    @Test func aRetractedRivalNoLongerContestsAndItsRepeatRaisesNothing() throws {
        var (ledger, events) = try ContestLedgerTests.run([ContestLedgerTests.capture, ContestLedgerTests.rival])
        let rival = try Self.claim(ledger, .recaptured, by: "islamic-state")
        events += try ledger.correct(Self.request(rival.id, .retract), now: Self.now)
        let retracted = try #require(ledger.claims[rival.id])
        #expect(retracted.status == .retracted && retracted.contestedBy.isEmpty)
        #expect(retracted.corrections.map(\.action) == [.retract] && retracted.corrections[0].uid == 1000)
        let capture = try Self.claim(ledger, .captured, by: "iraqi-forces")
        #expect(capture.status == .new && capture.contestedBy.isEmpty)

        // Another outlet telling the retracted claim joins it, stays retracted, and alerts no one.
        let later = try Self.ingest([Self.rivalRepeat], into: &ledger)
        events += later
        #expect(ContestLedgerTests.alerts(later).isEmpty)
        let after = try #require(ledger.claims[rival.id])
        #expect(after.status == .retracted && after.sources.count == 2)
        #expect(Self.replayed(events) == ledger.claims)
    }

    @Test func confirmingARetractedClaimPutsItBackWithItsContests() throws {
        var (ledger, events) = try ContestLedgerTests.run([ContestLedgerTests.capture, ContestLedgerTests.rival])
        let rival = try Self.claim(ledger, .recaptured, by: "islamic-state")
        events += try ledger.correct(Self.request(rival.id, .retract), now: Self.now)
        events += try ledger.correct(Self.request(rival.id, .confirm), now: Self.now)
        let back = try #require(ledger.claims[rival.id])
        #expect(back.status == .contested && back.isConfirmed && back.corrections.map(\.action) == [.retract, .confirm])
        #expect(try Self.claim(ledger, .captured, by: "iraqi-forces").status == .contested)
        #expect(Self.replayed(events) == ledger.claims)
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(rival.id, .confirm), now: Self.now) }
    }

    @Test func mergingMovesSourcesAndLaterMentionsFollow() throws {
        var (ledger, events) = try ContestLedgerTests.run([ContestLedgerTests.capture, ContestLedgerTests.elsewhere])
        let baaj = try Self.claim(ledger, .captured, by: "iraqi-forces")
        let kojo = try Self.claim(ledger, .captured, by: "peshmerga")
        events += try ledger.correct(Self.request(kojo.id, .mergeInto, target: baaj.id), now: Self.now)
        let merged = try #require(ledger.claims[kojo.id])
        #expect(merged.status == .merged && merged.mergedInto == baaj.id)
        let target = try #require(ledger.claims[baaj.id])
        #expect(Set(target.sources.map(\.article)) == Set((baaj.sources + kojo.sources).map(\.article)))
        #expect(target.independentSources == 2 && target.status == .corroborated)
        #expect(target.evidence.count == baaj.evidence.count + kojo.evidence.count)

        // A later telling of the merged claim goes to the claim it was merged into, with no alert.
        let later = try Self.ingest([Self.kojoRepeat], into: &ledger)
        events += later
        #expect(ContestLedgerTests.alerts(later).isEmpty)
        #expect(ledger.claims[baaj.id]?.sources.count == 3)
        #expect(ledger.claims[kojo.id]?.sources.count == 1)
        #expect(Self.replayed(events) == ledger.claims)

        // Merging into a merged claim lands on the claim it went to; into itself is refused.
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(kojo.id, .retract), now: Self.now) }
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(baaj.id, .mergeInto, target: kojo.id), now: Self.now) }
    }

    @Test func splittingGivesEachStoryItsOwnClaim() throws {
        var (ledger, events) = try ContestLedgerTests.run([ContestLedgerTests.capture])
        events += try Self.ingest([Self.apCapture], into: &ledger)
        let joined = try Self.claim(ledger, .captured, by: "iraqi-forces")
        #expect(joined.sources.count == 2 && joined.status == .corroborated)

        events += try ledger.correct(Self.request(joined.id, .split), now: Self.now)
        let kept = try #require(ledger.claims[joined.id])
        #expect(kept.sources.map(\.article) == [joined.sources[0].article] && kept.status == .new)
        let part = try #require(ledger.claims.values.first { $0.id != joined.id && $0.kind == .captured })
        #expect(part.sources.map(\.article) == [joined.sources[1].article] && part.status == .new)
        #expect(part.evidence.allSatisfy { $0.article == joined.sources[1].article })
        #expect(part.corrections.last?.target == joined.id && part.corrections.last?.action == .split)
        #expect(Self.replayed(events) == ledger.claims)
        // One story left: nothing to split without naming articles, and the last source cannot go.
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(part.id, .split), now: Self.now) }
        #expect(throws: CorrectionError.self) {
            try ledger.correct(Self.request(part.id, .split, articles: part.sources.map(\.article)), now: Self.now)
        }
    }

    @Test func badRequestsChangeNothing() throws {
        var (ledger, _) = try ContestLedgerTests.run([ContestLedgerTests.capture])
        let before = ledger.claims
        let id = try #require(before.keys.first)
        #expect(throws: CorrectionError.unknownClaim("c_nope")) { try ledger.correct(Self.request("c_nope", .retract), now: Self.now) }
        var blank = Self.request(id, .retract)
        blank.reason = "  "
        #expect(throws: CorrectionError.self) { try ledger.correct(blank, now: Self.now) }
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(id, .mergeInto), now: Self.now) }
        #expect(throws: CorrectionError.self) { try ledger.correct(Self.request(id, .mergeInto, target: id), now: Self.now) }
        #expect(ledger.claims == before)
    }
}
