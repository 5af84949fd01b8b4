import Foundation
import Testing

/// `frontlinectl log verify` and `log export` on a real daemon's state directory.
@Suite(.serialized) struct LogCommandTests {
    @Test func verifyAndExportASeedLogThenCatchAFlippedByte() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        #expect(daemon.stop() == 0)
        let state = daemon.state.path

        let verify = try runCommand(Project.frontlinectl, ["log", "verify", "--state-dir", state])
        #expect(verify.status == 0)
        #expect(verify.output.contains("intact") && verify.output.contains(": verified"), "\(verify.output)")

        let ndjson = try runCommand(Project.frontlinectl, ["log", "export", "--state-dir", state], includeStandardError: false)
        let lines = ndjson.output.split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(records.map { $0["seq"] as? Int } == (1...lines.count).map { $0 })
        #expect(records.filter { ($0["type"] as? String) == "article.accepted" }.count == Project.seeds.count)

        let csv = try runCommand(Project.frontlinectl, ["log", "export", "--state-dir", state, "--format", "csv"], includeStandardError: false)
        let rows = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("claim_id,kind,claimant") == true)
        #expect(rows.count == 1 + 4)

        let geojson = try runCommand(Project.frontlinectl, ["log", "export", "--state-dir", state, "--format", "geojson"], includeStandardError: false)
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(geojson.output.utf8)) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        let places = (collection["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["place"] as? String }
        #expect(Set(places) == ["Kojo", "Mosul Old City", "Qairawan", "Baaj"])

        // One flipped byte in the second record: exit 1, naming segment, offset and sequence.
        let logDirectory = daemon.state.appendingPathComponent("log")
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).first { $0.hasSuffix(".log") })
        let url = logDirectory.appendingPathComponent(segment)
        var bytes = try Data(contentsOf: url)
        let secondOffset = 8 + (Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24)
        bytes[secondOffset + 30] ^= 0x01
        try bytes.write(to: url)
        let damaged = try runCommand(Project.frontlinectl, ["log", "verify", "--state-dir", state])
        #expect(damaged.status == 1)
        #expect(damaged.output.contains("damaged: segment \(segment) offset \(secondOffset) (record seq 2)"), "\(damaged.output)")
    }
}
