import FrontlineCore
import Testing

/// `ClaimLedger.reprocess` on the seeds: differences only, new claims alerted once, withdrawn
/// sources taken out, and a replay of the log rebuilds the same ledger.
@Suite struct ReprocessLedgerTests {
    static let now = "2026-11-21T00:00:00Z"

    func ingested() throws -> (ClaimLedger, [LogEvent], [SeedLedgerTests.Seed]) {
        let seeds = try SeedLedgerTests.seeds()
        var ledger = ClaimLedger()
        var events: [LogEvent] = []
        for seed in seeds {
            events += ledger.ingest(article: seed.article, bytes: seed.bytes, extraction: seed.extraction, now: Self.now)
        }
        return (ledger, events, seeds)
    }

    @Test func theSameExtractionChangesNothing() throws {
        var (ledger, _, seeds) = try self.ingested()
        for seed in seeds {
            #expect(ledger.reprocess(articleID: seed.article.id, extraction: seed.extraction, extractor: "x", now: Self.now).isEmpty)
        }
    }

    @Test func addedAndWithdrawnMentionsBecomeRecordsThatReplay() throws {
        var (ledger, events, seeds) = try self.ingested()
        // 002 (a copy of 003) no longer yields the border claim; 000 yields a new claim about Baaj.
        let copy = try #require(seeds.first { $0.article.id.hasPrefix("002") })
        var narrowed = copy.extraction
        narrowed.claims.removeAll { $0.kind.identityClass == "control" }
        let removal = ledger.reprocess(articleID: copy.article.id, extraction: narrowed, extractor: "x", now: Self.now)
        guard case .articleReprocessed(let change) = removal.first else {
            Issue.record("no article.reprocessed record first")
            return
        }
        #expect(change.withdrawn.count == 1 && change.added.isEmpty)
        let border = try #require(ledger.claims[change.withdrawn[0]])
        #expect(border.sources.count == 2)
        #expect(!border.evidence.contains { $0.article == copy.article.id })
        #expect(border.status == .new)

        let first = try #require(seeds.first { $0.article.id.hasPrefix("000") })
        var widened = first.extraction
        var extra = try #require(widened.claims.first { $0.kind == .recaptured })
        extra.kind = .captured
        extra.places = [PlaceRef(name: "Baaj", mention: "Baaj", gazetteerID: nil, lat: nil, lon: nil, country: nil)]
        extra.areas = []
        extra.claimant = ActorRef(id: nil, name: "Somebody Else")
        widened.claims.append(extra)
        let addition = ledger.reprocess(articleID: first.article.id, extraction: widened, extractor: "x", now: Self.now)
        let alerts = addition.compactMap { event -> Alert? in if case .alertRaised(let alert) = event { alert } else { nil } }
        #expect(alerts.map(\.kind) == [.claimNew])
        #expect(ledger.article(first.article.id)?.claims.count == 3)
        #expect(ledger.reprocess(articleID: first.article.id, extraction: widened, extractor: "x", now: Self.now).isEmpty)

        var replayed = ClaimLedger()
        for event in events + removal + addition {
            replayed.apply(try LogEvent(type: event.type, payload: event.binaryPayload()))
        }
        #expect(replayed.claims == ledger.claims)
        #expect(replayed.article(first.article.id) == ledger.article(first.article.id))
    }
}
