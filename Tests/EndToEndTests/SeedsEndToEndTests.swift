import Foundation
import FrontlineCore
import FrontlineService
import Testing

/// The real `frontlined` binary on the seeds: inotify, log, read model, stream and socket.
@Suite(.serialized) struct SeedsEndToEndTests {
    static func alerts(in lines: [String], kind: String) -> [String] {
        lines.filter { $0.hasPrefix("event: ") && $0 == "event: \(kind)" }
    }

    @Test func seedsGiveTwoClaimsTwoOffensivesAndNothingOnRedrop() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        let stream = StreamCollector(client: daemon.client, target: "/v1/alerts/stream")
        try waitUntil("the stream subscriber") { (try daemon.status()["subscribers"] as? Int) == 1 }

        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        try waitUntil("four alerts on the stream") { stream.received.filter { $0.hasPrefix("event: ") }.count >= 4 }
        #expect(Self.alerts(in: stream.received, kind: "claim.new").count == 2)
        #expect(Self.alerts(in: stream.received, kind: "offensive.new").count == 2)
        #expect(Self.alerts(in: stream.received, kind: "claim.contested").isEmpty)

        // Claims over the socket.
        let claimsResponse = try daemon.client.request("GET", "/v1/claims")
        #expect(claimsResponse.status == 200)
        struct Page: Decodable { var claims: [Claim] }
        let claims = try JSONDecoder().decode(Page.self, from: claimsResponse.body).claims
        #expect(claims.count == 4)
        let border = try #require(claims.first { $0.sources.count == 3 && $0.kind != .offensive })
        #expect(border.independentSources == 1)
        #expect(border.claimant?.id == "pmf")
        #expect(border.sources.contains { $0.file.hasPrefix("002") && $0.syndicatedFrom != nil })
        #expect(border.sources.contains { $0.file.hasPrefix("001") && $0.derivedFrom != nil })
        #expect(claims.contains { $0.places.contains { $0.name == "Kojo" } && $0.sources.count == 1 })

        // Evidence offsets resolve in the stored text after the inbox file has moved away.
        let evidence = border.evidence[0]
        let text = try daemon.client.request("GET", "/v1/articles/\(evidence.article)/text").body
        #expect(String(decoding: Array(text)[evidence.start..<evidence.end], as: UTF8.self) == evidence.sentence)

        // Dropping the five files again under other names raises nothing: the next alert on the
        // stream is the sentinel's, dropped after them.
        for seed in Project.seeds { try daemon.dropAndWait(seed, as: "again-" + seed.lastPathComponent) }
        #expect(try daemon.counter("articles_duplicate") == 5)
        try daemon.drop(text: sentinelArticle(1), as: "sentinel.txt")
        try waitUntil("the sentinel's alert") { stream.received.filter { $0.hasPrefix("event: ") }.count >= 5 }
        let events = stream.received.filter { $0.hasPrefix("data: ") }
        #expect(events.count == 5)
        #expect(events.last?.contains(sentinelPlace(1)) == true)
        #expect(try daemon.counter("alerts") == 5)

        // Every file left the inbox for processed/.
        let left = try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).filter { !["processed", "rejected"].contains($0) }
        #expect(left.isEmpty)
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket), "socket unlinked at stop")
    }

    @Test func restartRebuildsStateWithoutRealerting() throws {
        let work = URL(fileURLWithPath: "/tmp/fle2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            let first = try DaemonProcess(work: work)
            try first.start()
            for seed in Project.seeds { try first.dropAndWait(seed) }
            #expect(try first.counter("alerts") == 4)
            #expect(first.stop() == 0)
        }
        // Delete the read model: it is rebuilt from the log with the same answers.
        try FileManager.default.removeItem(at: work.appendingPathComponent("state/index.sqlite"))
        let second = try DaemonProcess(work: work)
        try second.start()
        defer { second.stop() }
        #expect(try second.counter("claims") == 4)
        #expect(try second.counter("alerts") == 4)
        #expect(try second.counter("articles_accepted") == 5)
        // The ledger was rebuilt from the log: a known article is a duplicate, a copy only corroborates.
        try second.dropAndWait(Project.seeds[3], as: "003-again.txt")
        #expect(try second.counter("articles_duplicate") == 1)
        #expect(try second.counter("alerts") == 4)
    }

    @Test func badFilesAreRejectedWithAReasonAndTheDaemonKeepsGoing() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        let empty = daemon.work.appendingPathComponent("empty.txt")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        try daemon.dropAndWait(empty)
        let binary = daemon.work.appendingPathComponent("binary.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]).write(to: binary)
        try daemon.dropAndWait(binary)
        #expect(try daemon.counter("articles_rejected") == 2)
        let reason = try String(contentsOf: daemon.inbox.appendingPathComponent("rejected/empty.txt.reason"), encoding: .utf8)
        #expect(reason.contains("empty"))
        try daemon.dropAndWait(Project.seeds[0])
        #expect(try daemon.counter("articles_accepted") == 1)
    }
}
