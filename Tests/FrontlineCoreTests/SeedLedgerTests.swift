import Foundation
import FrontlineCore
import Testing

/// The seeds through the pure ledger in every one of the 120 arrival orders.
@Suite struct SeedLedgerTests {
    struct Seed {
        var article: Article
        var bytes: Int
        var extraction: ExtractionResult
    }

    static func seeds() throws -> [Seed] {
        let lexicon = try TestPaths.lexicon()
        let extractor = ClaimExtractor(lexicon: lexicon)
        return try TestPaths.seedFiles().map { url in
            var article = try TestPaths.article(url, lexicon: lexicon)
            article.id = String(url.lastPathComponent.prefix(3)) + "aaaaaaaaaaaaaaaa"
            return Seed(article: article, bytes: article.text.utf8.count, extraction: extractor.extract(article: article))
        }
    }

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }

    @Test func everyArrivalOrderGivesTheSameClaimsAndAlerts() throws {
        let seeds = try Self.seeds()
        let orders = Self.permutations(Array(seeds.indices))
        #expect(orders.count == 120)
        for order in orders {
            var ledger = ClaimLedger()
            var events: [LogEvent] = []
            for index in order {
                let seed = seeds[index]
                events += ledger.ingest(article: seed.article, bytes: seed.bytes, extraction: seed.extraction, now: "2026-11-21T00:00:00Z")
            }
            let alerts = events.compactMap { event -> Alert? in
                if case .alertRaised(let alert) = event { return alert } else { return nil }
            }
            let label = order.map { String($0) }.joined()
            #expect(alerts.filter { $0.kind == .claimNew }.count == 2, "order \(label)")
            #expect(alerts.filter { $0.kind == .offensiveNew }.count == 2, "order \(label)")
            #expect(alerts.filter { $0.kind == .claimContested }.isEmpty, "order \(label)")

            let claims = Array(ledger.claims.values)
            #expect(claims.count == 4, "order \(label)")
            let control = claims.filter { $0.kind.identityClass == "control" }
            let border = try #require(control.first { $0.sources.count == 3 }, "order \(label): border claim")
            #expect(Set(border.sources.map { String($0.article.prefix(3)) }) == ["001", "002", "003"])
            #expect(border.independentSources == 1, "order \(label)")
            #expect(border.status == .new, "order \(label)")
            let copy = try #require(border.sources.first { $0.article.hasPrefix("002") })
            #expect(copy.syndicatedFrom?.hasPrefix("003") == true, "order \(label): 002 copies 003")
            let rewrite = try #require(border.sources.first { $0.article.hasPrefix("001") })
            #expect(rewrite.derivedFrom?.hasPrefix("003") == true, "order \(label): 001 rewrites 003")
            let kojo = try #require(control.first { $0.places.contains { $0.name == "Kojo" } }, "order \(label): Kojo")
            #expect(kojo.sources.count == 1)
            #expect(kojo.id != border.id)
            let offensives = claims.filter { $0.kind == .offensive }
            #expect(Set(offensives.map { $0.claimant?.id ?? "" }) == ["pmf", "iraqi-forces"], "order \(label)")
            let oldCity = try #require(offensives.first { $0.claimant?.id == "iraqi-forces" })
            #expect(Set(oldCity.sources.map { String($0.article.prefix(3)) }) == ["000", "002", "003"], "order \(label)")
        }
    }

    @Test func replayRebuildsTheSameLedger() throws {
        let seeds = try Self.seeds()
        var ledger = ClaimLedger()
        var events: [LogEvent] = []
        for seed in seeds.reversed() {
            events += ledger.ingest(article: seed.article, bytes: seed.bytes, extraction: seed.extraction, now: "2026-11-21T00:00:00Z")
        }
        var replayed = ClaimLedger()
        for event in events {
            let decoded = try LogEvent(type: event.type, payload: event.binaryPayload())
            #expect(decoded == event)
            replayed.apply(decoded)
        }
        #expect(replayed.claims == ledger.claims)
        #expect(replayed.articleCount == 5)
    }

    @Test func similarityOfSeedPairs() throws {
        let seeds = try Self.seeds()
        let signature = Dictionary(uniqueKeysWithValues: seeds.map { (String($0.article.id.prefix(3)), MinHashSignature(text: $0.article.text)) })
        let copy = signature["002"]!.similarity(to: signature["003"]!)
        let rewrite = signature["001"]!.similarity(to: signature["003"]!)
        let unrelated = signature["000"]!.similarity(to: signature["003"]!)
        let configuration = ClaimLedger.Configuration()
        #expect(copy >= configuration.copySimilarity, "002~003 = \(copy)")
        #expect(rewrite >= configuration.rewriteSimilarity && rewrite < configuration.copySimilarity, "001~003 = \(rewrite)")
        #expect(unrelated < configuration.rewriteSimilarity, "000~003 = \(unrelated)")
        print("similarities: copy \(copy), rewrite \(rewrite), unrelated 000~003 \(unrelated), 000~001 \(signature["000"]!.similarity(to: signature["001"]!)), 004~003 \(signature["004"]!.similarity(to: signature["003"]!))")
    }
}
