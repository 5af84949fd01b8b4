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

    /// Every field of a claim survives the binary form, set and unset, and a string told twice is
    /// stored once.
    @Test func everyClaimFieldReadsBack() throws {
        let correction = ClaimCorrection(
            id: "cr_1", action: .mergeInto, claim: "c_a", target: "c_b", reason: "same event", uid: 1000, user: "analyst",
            at: "2026-11-22T01:00:00Z")
        var full = Claim(
            id: "c_a", kind: .recaptured, claimant: ActorRef(id: "iraqi-forces", name: "Iraqi forces"),
            opponent: ActorRef(id: nil, name: "the militants"),
            places: [PlaceRef(name: "Kojo", mention: "Kocho", gazetteerID: "iq-kojo", lat: 36.26, lon: 41.70, country: "IQ")],
            areas: [Area(text: "villages north of Baaj", anchor: "Baaj", anchorID: "iq-baaj", direction: "N", relation: "near", feature: "village")],
            eventDate: "2017-05-27", firstSeen: "2017-05-28", attributedTo: "a spokesman", hedged: true, status: .merged,
            sources: [ClaimSource(article: "a1", file: "x.txt", outlet: "Reuters", published: "2017-05-28", syndicatedFrom: "a0", derivedFrom: "a9")],
            independentSources: 3,
            evidence: [Evidence(article: "a1", sentence: "Iraqi forces retook Kocho.", start: 10, end: 36),
                       Evidence(article: "a2", sentence: "Iraqi forces retook Kocho.", start: 0, end: 26)],
            extractor: "frontline-rules/1 lexicon/x")
        full.contestedBy = ["c_c", "c_d"]
        full.corrections = [correction, ClaimCorrection(id: "cr_2", action: .retract, claim: "c_a", target: nil, reason: "no", uid: 0, user: nil, at: "t")]
        full.mergedInto = "c_b"
        let bare = Claim(
            id: "c_b", kind: .offensive, claimant: nil, opponent: nil, places: [PlaceRef(name: "Baaj", mention: "Baaj")], areas: [],
            eventDate: nil, firstSeen: "2017-05-28", attributedTo: nil, hedged: false, status: .new, sources: [], independentSources: 0,
            evidence: [], extractor: "e")
        var table = StringTable()
        var writer = BinaryWriter()
        for claim in [full, bare] { claim.write(to: &writer, table: &table) }
        let sentence = Array("Iraqi forces retook Kocho.".utf8)
        let bytes = writer.bytes
        #expect((0...(bytes.count - sentence.count)).filter { bytes[$0..<($0 + sentence.count)].elementsEqual(sentence) }.count == 1)
        var strings: [String] = []
        var reader = BinaryReader(writer.bytes)
        #expect(try Claim(reading: &reader, table: &strings) == full)
        #expect(try Claim(reading: &reader, table: &strings) == bare)
        #expect(reader.isAtEnd)
        // The second claim refers to strings the first wrote: without them it does not read.
        var alone = BinaryReader(Array(writer.bytes[try #require(Self.offsetOfSecondClaim(in: writer.bytes, full: full))...]))
        var none: [String] = []
        #expect(throws: SnapshotFormatError.self) { try Claim(reading: &alone, table: &none) }
    }

    /// The ledger keeps an article's signature once, in the index, and gives it back whole.
    @Test func anArticleRecordKeepsItsSignature() throws {
        let (first, _, extractor) = try Self.halves()
        var ledger = ClaimLedger()
        let events = Self.ingest(Array(first.prefix(5)), into: &ledger, extractor: extractor)
        let accepted = events.compactMap { if case .articleAccepted(let record) = $0 { record } else { nil } }
        #expect(accepted.count == 5)
        for record in accepted {
            #expect(ledger.article(record.id) == record)
            #expect(ledger.articles[record.id]?.record.signature.values.isEmpty == true)
        }
    }

    /// Where the second claim starts: after the first one, written alone.
    static func offsetOfSecondClaim(in bytes: [UInt8], full: Claim) -> Int? {
        var table = StringTable()
        var writer = BinaryWriter()
        full.write(to: &writer, table: &table)
        return writer.bytes.count < bytes.count ? writer.bytes.count : nil
    }
}
