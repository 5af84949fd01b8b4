import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

@Suite struct ProjectionTests {
    static func claim(_ id: String, place: String, kind: ClaimKind = .captured) -> Claim {
        Claim(
            id: id, kind: kind, claimant: ActorRef(id: "pmf", name: "Popular Mobilisation Forces"), opponent: nil,
            places: [PlaceRef(name: place, mention: place, gazetteerID: "iq-\(place.lowercased())")], areas: [],
            eventDate: "2017-05-29", firstSeen: "2026-11-21T00:00:00Z", attributedTo: nil, hedged: false, status: .new,
            sources: [], independentSources: 1, evidence: [], extractor: "test")
    }

    /// A read model deleted and rebuilt from the log gives the same answers.
    @Test func rebuildFromTheLogGivesTheSameAnswers() throws {
        let temp = try TemporaryDirectory()
        let (log, _, _) = try EventLog.open(directory: FilePath(temp.path + "/log"))
        let events: [LogEvent] = [
            .claimUpdated(ClaimRecord(claim: Self.claim("c_a", place: "Kojo"), article: "a", created: true)),
            .claimUpdated(ClaimRecord(claim: Self.claim("c_b", place: "Baaj"), article: "b", created: true)),
            .articleRejected(RejectedRecord(id: nil, file: "x.bin", reason: "binary")),
        ]
        let stored = try log.append(events, timeMillis: 1)
        let first = try Projection(path: temp.path + "/one.sqlite")
        try first.apply(stored)
        try first.apply(stored)  // applying twice is harmless
        let rebuilt = try Projection(path: temp.path + "/two.sqlite")
        try rebuilt.apply(try EventLog.readAll(directory: FilePath(temp.path + "/log")).records)

        for projection in [first, rebuilt] {
            #expect(try projection.lastAppliedSeq() == 3)
            #expect(try projection.counters() == ProjectionCounters(articlesAccepted: 0, articlesDuplicate: 0, articlesRejected: 1, claims: 2, alerts: 0))
            var query = ClaimQuery()
            query.place = "kojo"
            #expect(try projection.claims(query).json.count == 1)
        }
        #expect(try first.claims(ClaimQuery()).json == rebuilt.claims(ClaimQuery()).json)
    }

    @Test func claimsPageNewestFirstWithACursor() throws {
        let temp = try TemporaryDirectory()
        let (log, _, _) = try EventLog.open(directory: FilePath(temp.path + "/log"))
        let events = (0..<5).map { LogEvent.claimUpdated(ClaimRecord(claim: Self.claim("c_\($0)", place: "P\($0)"), article: "a", created: true)) }
        let projection = try Projection(path: temp.path + "/index.sqlite")
        try projection.apply(try log.append(events, timeMillis: 1))
        var query = ClaimQuery()
        query.limit = 2
        let first = try projection.claims(query)
        #expect(first.json.count == 2 && first.json[0].contains("\"c_4\""))
        query.cursor = first.nextCursor
        let second = try projection.claims(query)
        #expect(second.json[0].contains("\"c_2\""))
        query.cursor = try projection.claims(query).nextCursor
        let last = try projection.claims(query)
        #expect(last.json.count == 1 && last.nextCursor == nil)
        // The API's form of a page: the same claims as one JSON array of bytes, the same cursor.
        query.cursor = nil
        let page = try projection.claimPage(query)
        #expect(String(decoding: page.jsonArray, as: UTF8.self) == "[" + first.json.joined(separator: ",") + "]")
        #expect(page.count == 2 && page.nextCursor == first.nextCursor)
        query.place = "nowhere"
        #expect(try String(decoding: projection.claimPage(query).jsonArray, as: UTF8.self) == "[]")
    }

    /// `?place=` walks each spelling's claims newest first on an index and merges them: the pages,
    /// followed by their cursors, are every live claim found by the name or its gazetteer id, in
    /// order, each once, with filters on the claim applied before the page is cut.
    @Test func placePagesAreEveryClaimOfThePlaceNewestFirst() throws {
        let temp = try TemporaryDirectory()
        let (log, _, _) = try EventLog.open(directory: FilePath(temp.path + "/log"))
        var events: [LogEvent] = []
        for index in 0..<60 {
            // Kojo by name and id, "Kocho" (another spelling, same id), or elsewhere.
            let spelling = ["Kojo", "Kocho", "Baaj", "KOJO"][(index * 7 + index / 5) % 4]
            var claim = Self.claim("c_\(index)", place: spelling, kind: index % 3 == 0 ? .withdrew : .captured)
            if spelling == "Kocho" { claim.places[0].gazetteerID = "iq-kojo" }
            events.append(.claimUpdated(ClaimRecord(claim: claim, article: "a\(index)", created: true)))
        }
        // Later updates: some claims retracted, some moved to Kojo; the order stays when each was created.
        for index in stride(from: 0, to: 60, by: 7) {
            guard case .claimUpdated(var record) = events[index] else { continue }
            if index % 2 == 0 { record.claim.status = .retracted } else { record.claim.places = [PlaceRef(name: "Kojo", mention: "Kojo", gazetteerID: "iq-kojo")] }
            record.created = false
            events.append(.claimUpdated(record))
        }
        let projection = try Projection(path: temp.path + "/index.sqlite")
        try projection.apply(try log.append(events, timeMillis: 1))

        var latest: [String: Claim] = [:]
        var order: [String] = []
        for case .claimUpdated(let record) in events {
            if latest[record.claim.id] == nil { order.append(record.claim.id) }
            latest[record.claim.id] = record.claim
        }
        for kind in [nil, ClaimKind.withdrew] {
            let expected = order.reversed().filter { id in
                let claim = latest[id]!
                let keys = claim.places.flatMap { [$0.name.lowercased(), $0.gazetteerID?.lowercased()] }
                return (keys.contains("kojo") || keys.contains("iq-kojo")) && claim.status != .retracted && (kind == nil || claim.kind == kind)
            }
            var query = ClaimQuery()
            query.place = "kojo"
            query.placeID = "iq-kojo"
            query.kind = kind?.rawValue
            query.limit = 4
            var seen: [String] = []
            repeat {
                let page = try projection.claims(query)
                seen += page.json.map { json in expected.first { json.contains("\"id\":\"\($0)\"") } ?? json }
                query.cursor = page.nextCursor
            } while query.cursor != nil
            #expect(seen == Array(expected), "kind \(kind?.rawValue ?? "any")")
            #expect(expected.count > 4)
        }
    }

    /// The counts `/v1/status` reads are kept by triggers: they equal counting the rows, after
    /// inserts, replacements and ignored inserts.
    @Test func countsEqualTheRows() throws {
        let temp = try TemporaryDirectory()
        let (log, _, _) = try EventLog.open(directory: FilePath(temp.path + "/log"))
        let events: [LogEvent] = [
            .claimUpdated(ClaimRecord(claim: Self.claim("c_a", place: "Kojo"), article: "a", created: true)),
            .claimUpdated(ClaimRecord(claim: Self.claim("c_a", place: "Baaj"), article: "b", created: false)),
            .claimUpdated(ClaimRecord(claim: Self.claim("c_b", place: "Baaj"), article: "b", created: true)),
            .articleRejected(RejectedRecord(id: nil, file: "x.bin", reason: "binary")),
            .articleRejected(RejectedRecord(id: nil, file: "y.bin", reason: "empty")),
        ]
        let projection = try Projection(path: temp.path + "/index.sqlite")
        try projection.apply(try log.append(events, timeMillis: 1))
        #expect(try projection.counters() == ProjectionCounters(articlesAccepted: 0, articlesDuplicate: 0, articlesRejected: 2, claims: 2, alerts: 0))
        #expect(try projection.dump().contains { $0.hasPrefix("counts:") && $0.contains("claims") && $0.hasSuffix("n=2") })
    }
}
