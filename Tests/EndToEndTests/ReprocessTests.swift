import Foundation
import Testing

/// `frontlinectl reprocess` on a real daemon's state directory: a narrower lexicon withdraws a
/// claim, the shipped one brings it back, and the daemon serves both changes after a restart.
@Suite(.serialized) struct ReprocessTests {
    func claims(_ daemon: DaemonProcess) throws -> [[String: Any]] {
        let response = try daemon.client.request("GET", "/v1/claims?limit=100")
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return body?["claims"] as? [[String: Any]] ?? []
    }

    func kojo(_ claims: [[String: Any]]) -> [String: Any]? {
        claims.first { claim in (claim["places"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "Kojo" } }
    }

    @Test func aNarrowerLexiconWithdrawsAClaimAndTheShippedOneRestoresIt() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.configure(["journal_alerts": "false"])
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        let state = daemon.state.path

        // The daemon holds the state directory: reprocess refuses, saying why.
        let refused = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path])
        #expect(refused.status != 0)
        #expect(refused.output.contains("another frontlined"), "\(refused.output)")
        #expect(daemon.stop() == 0)

        // The same lexicons read every article the same way: nothing to write.
        let same = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path])
        #expect(same.status == 0)
        #expect(same.output.contains("reprocessed 5 articles") && same.output.contains("no differences"), "\(same.output)")

        // Without "dislodged" the Kojo claim (000: "had dislodged Islamic State from…") is not found.
        let lexicon = daemon.work.appendingPathComponent("lexicon")
        try FileManager.default.copyItem(at: Project.root.appendingPathComponent("Config/lexicon"), to: lexicon)
        let triggers = lexicon.appendingPathComponent("triggers.tsv")
        let narrowed = try String(contentsOf: triggers, encoding: .utf8).replacingOccurrences(of: "dislodged|", with: "")
        try narrowed.write(to: triggers, atomically: true, encoding: .utf8)
        try daemon.configure(["lexicon_dir": "\"\(lexicon.path)\""])
        let dry = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path, "--dry-run"])
        #expect(dry.output.contains("withdrawn from: 1") && dry.output.contains("dry run"), "\(dry.output)")
        let withdrawn = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path])
        #expect(withdrawn.status == 0)
        #expect(withdrawn.output.contains("changed: 1 articles") && withdrawn.output.contains("withdrawn from: 1"), "\(withdrawn.output)")
        let again = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path])
        #expect(again.output.contains("no differences"), "\(again.output)")
        let verify = try runCommand(Project.frontlinectl, ["log", "verify", "--state-dir", state])
        #expect(verify.status == 0, "\(verify.output)")

        let restarted = try DaemonProcess(work: daemon.work)
        restarted.config = daemon.config
        try restarted.start()
        let after = try self.claims(restarted)
        let gone = try #require(self.kojo(after), "the withdrawn claim stays visible")
        #expect(gone["status"] as? String == "withdrawn")
        #expect((gone["sources"] as? [Any])?.isEmpty == true)
        #expect(after.filter { $0["status"] as? String != "withdrawn" }.count == 3)
        #expect(restarted.stop() == 0)

        // The shipped lexicons find it again: the same claim gets its source back, no new claim.
        try daemon.configure(["lexicon_dir": "\"\(Project.root.appendingPathComponent("Config/lexicon").path)\""])
        let restored = try runCommand(Project.frontlinectl, ["reprocess", "--state-dir", state, "--config", daemon.config.path, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(restored.output.utf8)) as? [String: Any], "\(restored.output)")
        #expect(summary["claims_added"] as? Int == 1)
        #expect(summary["claims_created"] as? Int == 0)
        #expect(summary["alerts"] as? Int == 0)
        let third = try DaemonProcess(work: daemon.work)
        third.config = daemon.config
        try third.start()
        defer { third.stop() }
        let back = try #require(self.kojo(try self.claims(third)))
        #expect(back["status"] as? String == "new")
        #expect(back["id"] as? String == gone["id"] as? String)
        #expect((back["sources"] as? [Any])?.count == 1)
    }
}
