import Foundation
import Testing

/// "What changed": `GET /v1/claims?since=PERIOD` and `frontlinectl since` through the real daemon.
@Suite struct SinceTests {
    static func claimIDs(_ daemon: DaemonProcess, _ query: String) throws -> (ids: Set<String>, object: [String: Any]) {
        let object = try APIEndpointTests.curl(daemon, "/v1/claims?limit=1000&\(query)").object
        let claims = object["claims"] as? [[String: Any]] ?? []
        return (Set(claims.compactMap { $0["id"] as? String }), object)
    }

    @Test func thePeriodHoldsWhatWasRecordedOrChangedInIt() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        for seed in Project.seeds.prefix(3) { try daemon.dropAndWait(seed) }
        let before = try Self.claimIDs(daemon, "").ids
        // The moment between the two batches, as the daemon's log records time (one clock here).
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // Each side of the moment a millisecond apart: no record of either batch shares its millisecond.
        let last = formatter.string(from: Date())
        try waitUntil("the clock to pass the first batch") { formatter.string(from: Date()) > last }
        let moment = formatter.string(from: Date())
        try waitUntil("the clock to pass the moment") { formatter.string(from: Date()) > moment }
        var touched: Set<String> = []
        for seed in Project.seeds.dropFirst(3) {
            try daemon.dropAndWait(seed)
        }
        for article in try APIEndpointTests.curl(daemon, "/v1/articles?limit=2").object["articles"] as? [[String: Any]] ?? [] {
            touched.formUnion(article["claims"] as? [String] ?? [])
        }
        #expect(!touched.isEmpty)

        let escaped = moment.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (changed, object) = try Self.claimIDs(daemon, "since=\(escaped)")
        #expect(changed == touched, "exactly the claims the last two articles recorded or changed")
        #expect(object["changed_since"] as? String == moment)
        let (all, _) = try Self.claimIDs(daemon, "since=1h")
        #expect(all == before.union(touched))
        #expect(try APIEndpointTests.curl(daemon, "/v1/claims?since=yesterday").status == 400)
        #expect(try Self.claimIDs(daemon, "since=2017-05-28").ids.count < all.count, "a date is still an event date")

        let digest = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "since", moment], includeStandardError: false)
        #expect(digest.status == 0)
        #expect(digest.output.hasPrefix("Since \(moment): "))
        for id in touched { #expect(digest.output.contains(id)) }
        for id in before.subtracting(touched) { #expect(!digest.output.contains(id)) }
        let newCount = touched.subtracting(before).count
        #expect(digest.output.contains("\(newCount) new,"), "\(digest.output)")
        let json = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "--json", "since", "24h"], includeStandardError: false)
        let lines = (try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["claims"] as? [[String: Any]]
        #expect(lines?.count == all.count && lines?.allSatisfy { $0["change"] as? String == "new" } == true)
    }
}
