import Foundation
import FrontlineCore
import Testing

/// `frontlinectl`'s client commands against the real daemon: ingest through POST, one-line errors
/// with exit codes, and `alerts --follow` resuming across a daemon restart.
@Suite(.serialized) struct ClientCommandTests {
    @Test func ingestPrintsEachOutcome() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        let seeds = Project.seeds.map(\.path)
        let (status, output) = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "ingest"] + seeds, includeStandardError: false)
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains(": processed ") })
        #expect(try daemon.counter("alerts") == 4)

        let binary = try daemon.stage(Data([0, 1, 2, 3, 0, 0, 7]), as: "blob.txt")
        let again = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "ingest", seeds[0], binary.path])
        #expect(again.status == 1)
        #expect(again.output.contains(": duplicate "))
        #expect(again.output.contains(": rejected ") && again.output.contains("binary"))
    }

    @Test func aMissingDaemonIsOneLineAndExit3() throws {
        let (status, output) = try runCommand(Project.frontlinectl, ["--socket", "/tmp/no-such-frontline.sock", "claims"])
        #expect(status == 3)
        #expect(output.split(separator: "\n").count == 1)
        #expect(output.contains("cannot connect to /tmp/no-such-frontline.sock") && output.contains("is frontlined running?"))
    }

    /// The follower prints every alert exactly once although the daemon stops and starts between them.
    @Test func followResumesAcrossARestart() throws {
        let work = URL(fileURLWithPath: "/tmp/fle2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try DaemonProcess(work: work)
        try first.start()
        let outputPath = work.appendingPathComponent("follow.ndjson").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: Project.frontlinectl)
        follower.arguments = ["--socket", first.socket, "--json", "alerts", "--follow"]
        follower.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        follower.standardError = FileHandle.nullDevice
        try follower.run()
        defer {
            follower.terminate()
            follower.waitUntilExit()
        }
        func printed() -> [Int] {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
            }
        }
        try waitUntil("the follower's subscription") { (try first.status()["subscribers"] as? Int) == 1 }
        try first.dropAndWait(Project.seeds[0])
        try waitUntil("the first seed's alerts") { printed().count == 2 }
        #expect(first.stop() == 0)

        // Stopped: the next seeds are dropped while nobody listens, and read at the next start.
        for seed in Project.seeds.dropFirst() { try first.drop(seed) }
        let second = try DaemonProcess(work: work)
        try second.start()
        defer { second.stop() }
        try waitUntil("every alert of the seeds") { try second.counter("alerts") == 4 && printed().count == 4 }
        let seqs = printed()
        #expect(Set(seqs).count == 4, "no alert printed twice: \(seqs)")
        #expect(seqs == seqs.sorted())
        let logged = try JSONSerialization.jsonObject(with: second.client.request("GET", "/v1/alerts?after=0").body) as? [String: Any]
        #expect((logged?["alerts"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == seqs)
    }
}
