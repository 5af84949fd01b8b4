import Foundation
import Testing

/// Analysts' corrections through the real daemon, socket, curl and `frontlinectl correct`: who may
/// correct, what the read model, timelines and GeoJSON show at once, that a retracted claim raises
/// no alert again, and that a read model rebuilt from the log is the same.
@Suite struct CorrectionTests {
    typealias Answer = APIEndpointTests.Answer

    static func correct(_ daemon: DaemonProcess, _ id: String, _ body: String, asUID uid: UInt32? = nil) throws -> Answer {
        try APIEndpointTests.curl(daemon, "/v1/claims/\(id)/corrections", method: "POST", data: body, asUID: uid)
    }

    static func claim(_ daemon: DaemonProcess, _ id: String) throws -> [String: Any] {
        try APIEndpointTests.curl(daemon, "/v1/claims/\(id)").object
    }

    @Test func retractConfirmAndMergeThroughTheDaemon() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.configure(["editors": "[0]", "socket_mode": "\"0666\""])
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        let kojo = try #require((APIEndpointTests.curl(daemon, "/v1/claims?place=Kojo").object["claims"] as? [[String: Any]])?.first)
        let id = try #require(kojo["id"] as? String)
        let alertsBefore = try daemon.counter("alerts")

        // Someone not in `editors` is refused, and nothing is recorded.
        let refused = try Self.correct(daemon, id, #"{"action": "retract", "reason": "no"}"#, asUID: 65534)
        #expect(refused.status == 403 && (refused.object["error"] as? [String: Any])?["code"] as? String == "not_an_editor")
        #expect(try Self.claim(daemon, id)["status"] as? String == "new")
        #expect(try Self.correct(daemon, "c_missing", #"{"action": "retract", "reason": "x"}"#).status == 404)
        #expect(try Self.correct(daemon, id, #"{"action": "burn", "reason": "x"}"#).status == 400)
        #expect(try Self.correct(daemon, id, #"{"action": "retract"}"#).status == 400, "a reason is required")

        // An editor retracts it with frontlinectl; the read model shows it at once.
        let retract = try runCommand(
            Project.frontlinectl, ["--socket", daemon.socket, "correct", id, "retract", "--reason", "the PMF statement was withdrawn"])
        #expect(retract.status == 0 && retract.output.contains("retract \(id) recorded"), "\(retract.output)")
        let retracted = try Self.claim(daemon, id)
        #expect(retracted["status"] as? String == "retracted")
        let history = try #require(retracted["corrections"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["uid"] as? Int == 0 && history[0]["reason"] as? String == "the PMF statement was withdrawn")
        let listed = try APIEndpointTests.curl(daemon, "/v1/claims").object["claims"] as? [[String: Any]] ?? []
        #expect(listed.count == 3 && !listed.contains { $0["id"] as? String == id })
        let onlyRetracted = try APIEndpointTests.curl(daemon, "/v1/claims?status=retracted").object["claims"] as? [[String: Any]] ?? []
        #expect(onlyRetracted.map { $0["id"] as? String } == [id])
        let geojson = try APIEndpointTests.curl(daemon, "/v1/claims.geojson").body
        #expect(!geojson.contains(id))
        let (_, timeline) = try TimelineTests.timeline(daemon, "Kojo")
        #expect(timeline["holder"] is NSNull)
        #expect((timeline["entries"] as? [[String: Any]])?.first?["status"] as? String == "retracted")

        // The same story again, from a copy with other bytes: it joins the retracted claim, no alert.
        let seed = try String(contentsOf: Project.seeds[0], encoding: .utf8)
        try daemon.drop(text: seed + "\n(Reposted.)\n", as: "repost.txt")
        try waitUntil("the repost is processed") { try daemon.counter("articles_accepted") == 6 }
        #expect(try daemon.counter("alerts") == alertsBefore)
        let after = try Self.claim(daemon, id)
        #expect(after["status"] as? String == "retracted" && (after["sources"] as? [Any])?.count == 2)

        // Confirmed: back, and it decides the holder with confidence "confirmed".
        let confirm = try Self.correct(daemon, id, #"{"action": "confirm", "reason": "two witnesses on the phone"}"#)
        #expect(confirm.status == 201)
        let (_, confirmed) = try TimelineTests.timeline(daemon, "Kocho")
        let holder = try #require(confirmed["holder"] as? [String: Any])
        #expect(holder["confidence"] as? String == "confirmed" && holder["actor"] as? String == "Popular Mobilisation Forces")

        // The two offensives are one event: merge one into the other.
        let offensives = (try APIEndpointTests.curl(daemon, "/v1/claims?kind=offensive").object["claims"] as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        #expect(offensives.count == 2)
        let merge = try Self.correct(daemon, offensives[0], #"{"action": "merge_into", "target": "\#(offensives[1])", "reason": "same push"}"#)
        #expect(merge.status == 201)
        #expect(try Self.claim(daemon, offensives[0])["merged_into"] as? String == offensives[1])
        #expect((try APIEndpointTests.curl(daemon, "/v1/claims?kind=offensive").object["claims"] as? [Any])?.count == 1)
        #expect(try Self.correct(daemon, offensives[0], #"{"action": "retract", "reason": "x"}"#).status == 409)

        // Rebuilt from the log alone, the read model says the same.
        let before = try [id, offensives[0], offensives[1]].map { try APIEndpointTests.curl(daemon, "/v1/claims/\($0)").body }
        #expect(daemon.stop() == 0)
        for file in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] {
            try? FileManager.default.removeItem(at: daemon.state.appendingPathComponent(file))
        }
        let again = try DaemonProcess(work: daemon.work)
        again.config = daemon.config
        try again.start()
        defer { again.stop() }
        let rebuilt = try [id, offensives[0], offensives[1]].map { try APIEndpointTests.curl(again, "/v1/claims/\($0)").body }
        #expect(rebuilt == before)
    }
}
