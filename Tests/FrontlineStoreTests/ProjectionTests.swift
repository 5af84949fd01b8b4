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
    }
}
