import Foundation
import FrontlineCore
import FrontlineService
import Testing

/// The seeds through the real daemon in other arrival orders than the file names' (the pure
/// ledger covers all 120), then a denial: one `claim.contested` on the stream, none before it.
@Suite(.serialized) struct ArrivalOrderTests {
    static let denial = """
        May 30, 2017

        BEIRUT (AFP) - Islamic State denied on Tuesday that the Popular Mobilisation forces had taken Kojo.
        """

    @Test(arguments: [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3]])
    func seedsInAnotherOrderThenADenial(order: [Int]) throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        let stream = StreamCollector(client: daemon.client, target: "/v1/alerts/stream")
        try waitUntil("the stream subscriber") { (try daemon.status()["subscribers"] as? Int) == 1 }

        for index in order { try daemon.dropAndWait(Project.seeds[index]) }
        try waitUntil("four alerts on the stream") { stream.received.filter { $0.hasPrefix("event: ") }.count >= 4 }
        #expect(SeedsEndToEndTests.alerts(in: stream.received, kind: "claim.new").count == 2)
        #expect(SeedsEndToEndTests.alerts(in: stream.received, kind: "offensive.new").count == 2)

        struct Page: Decodable { var claims: [Claim] }
        var claims = try JSONDecoder().decode(Page.self, from: try daemon.client.request("GET", "/v1/claims").body).claims
        #expect(claims.count == 4)
        let border = try #require(claims.first { $0.sources.count == 3 && $0.kind != .offensive })
        #expect(border.independentSources == 1)
        #expect(border.sources.contains { $0.file.hasPrefix("002") && $0.syndicatedFrom != nil })
        #expect(border.sources.contains { $0.file.hasPrefix("001") && $0.derivedFrom != nil })

        try daemon.drop(text: Self.denial, as: "denial.txt")
        try waitUntil("the claim.contested alert") { stream.received.filter { $0.hasPrefix("event: ") }.count >= 5 }
        #expect(SeedsEndToEndTests.alerts(in: stream.received, kind: "claim.contested").count == 1)
        #expect(stream.received.filter { $0.hasPrefix("event: ") }.count == 5, "the denial raises no claim.new")
        claims = try JSONDecoder().decode(Page.self, from: try daemon.client.request("GET", "/v1/claims").body).claims
        let kojo = try #require(claims.first { $0.kind != .contested && $0.places.contains { $0.name == "Kojo" } })
        #expect(kojo.status == .contested)
        let denial = try #require(claims.first { $0.kind == .contested })
        #expect(denial.claimant?.id == "islamic-state")
        #expect(kojo.contestedBy == [denial.id])
        #expect(daemon.stop() == 0)
    }
}
