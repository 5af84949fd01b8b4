import Foundation
@testable import FrontlineCore
import Testing

/// A ledger read back from its snapshot is the ledger that wrote it, and goes on deciding the
/// same: the restart path (snapshot, then the records after it) must equal replaying the log.
@Suite struct LedgerSnapshotTests {
    /// The syndication corpus (originals, copies, rewrites, denials: links and relinks) cut in
    /// two halves, plus a correction.
    static func halves() throws -> (first: [SyndicationCorpus.Item], second: [SyndicationCorpus.Item], extractor: ClaimExtractor) {
        let (reader, extractor, bases) = try SyndicationCorpusTests.bases()
        let items = SyndicationCorpus(bases: bases, reader: reader, seed: 2).items
        let half = items.count / 2
        return (Array(items[..<half]), Array(items[half...]), extractor)
    }

    static func ingest(_ items: [SyndicationCorpus.Item], into ledger: inout ClaimLedger, extractor: ClaimExtractor) -> [LogEvent] {
        items.enumerated().flatMap { index, item in
            ledger.containsArticle(item.article.id)
                ? []
                : ledger.ingest(
                    article: item.article, bytes: item.article.text.utf8.count, extraction: extractor.extract(article: item.article),
                    now: "2026-11-21T00:00:\(String(format: "%02d", index % 60))Z")
        }
    }

    @Test func aSnapshotReadsBackAsTheSameLedgerAndDecidesTheSame() throws {
        let (first, second, extractor) = try Self.halves()
        var ledger = ClaimLedger()
        _ = Self.ingest(first, into: &ledger, extractor: extractor)
        let claim = try #require(ledger.claims.keys.sorted().first)
        _ = try ledger.correct(
            CorrectionRequest(claim: claim, action: .retract, target: nil, articles: [], reason: "checked", uid: 1000, user: "analyst"),
            now: "2026-11-21T01:00:00Z")
        #expect(ledger.articleCount > 50 && ledger.claimCount > 10, "\(ledger.articleCount) articles, \(ledger.claimCount) claims")

        let bytes = try ledger.snapshot()
        var reader = BinaryReader(bytes)
        var restored = try ClaimLedger(snapshot: &reader, configuration: ledger.configuration)
        #expect(reader.isAtEnd)
        var compacted = ledger
        compacted.compactNearDuplicateIndex()
        #expect(restored == compacted)

        let live = Self.ingest(second, into: &ledger, extractor: extractor)
        let afterRestart = Self.ingest(second, into: &restored, extractor: extractor)
        #expect(afterRestart == live)
        _ = Self.ingest(second, into: &compacted, extractor: extractor)
        #expect(restored == compacted)
        #expect(live.contains { if case .articleLinked = $0 { true } else { false } }, "the second half relinks a story")
    }

    /// Buckets shared by many articles keep only what a lookup reaches, and lookups do not change.
    @Test func compactingTheIndexKeepsEveryLookup() throws {
        var index = SyndicationIndex(bands: 64, bucketCapacity: 4)
        let shared = (0..<64).map { UInt64($0) }
        var signatures: [MinHashSignature] = []
        for article in 0..<40 {
            var values = shared
            for band in 0..<(article % 64) { values[band] = UInt64(1_000 + article * 64 + band) }
            signatures.append(MinHashSignature(values: values))
            index.insert("a\(article)", signature: signatures.last!, parent: nil)
        }
        var compacted = index
        compacted.compact()
        for signature in signatures + [MinHashSignature(values: shared)] {
            #expect(compacted.matches(to: signature, threshold: 0.05).map(\.id) == index.matches(to: signature, threshold: 0.05).map(\.id))
        }
    }

    @Test func aSnapshotOfAnEmptyLedgerReadsBack() throws {
        let ledger = ClaimLedger()
        var reader = BinaryReader(try ledger.snapshot())
        #expect(try ClaimLedger(snapshot: &reader, configuration: ledger.configuration) == ledger)
    }

    @Test func anotherNumberOfBandsIsRefused() throws {
        var configuration = ClaimLedger.Configuration()
        configuration.lshBands = 32
        var reader = BinaryReader(try ClaimLedger().snapshot())
        #expect(throws: SnapshotFormatError.self) { try ClaimLedger(snapshot: &reader, configuration: configuration) }
    }

    /// Cut anywhere or with a byte changed, a snapshot throws or reads back; it never traps
    /// (the daemon then replays the log; the file's checksum catches the rest).
    @Test func damagedBytesThrowInsteadOfTrapping() throws {
        let (first, _, extractor) = try Self.halves()
        var ledger = ClaimLedger()
        _ = Self.ingest(Array(first.prefix(12)), into: &ledger, extractor: extractor)
        let bytes = try ledger.snapshot()
        var thrown = 0
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            var reader = BinaryReader(Array(bytes[..<cut]))
            do { _ = try ClaimLedger(snapshot: &reader, configuration: ledger.configuration) } catch { thrown += 1 }
        }
        #expect(thrown > 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = bytes
            damaged[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            var reader = BinaryReader(damaged)
            _ = try? ClaimLedger(snapshot: &reader, configuration: ledger.configuration)
        }
    }
}
