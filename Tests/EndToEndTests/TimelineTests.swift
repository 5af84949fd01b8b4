import Foundation
import Testing

/// `GET /v1/places/{name-or-id}/timeline` and `frontlinectl timeline` through the real daemon.
@Suite struct TimelineTests {
    static func timeline(_ daemon: DaemonProcess, _ place: String) throws -> (status: Int, object: [String: Any]) {
        let escaped = place.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? place
        let response = try daemon.client.request("GET", "/v1/places/\(escaped)/timeline")
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:])
    }

    @Test func timelinesOfTheSeedsPlacesByAnySpelling() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }

        // Kojo, by its other spelling and by its gazetteer id: one recapture by the PMF, who hold it.
        for name in ["Kocho", "Kojo", "iq-kojo"] {
            let (status, kojo) = try Self.timeline(daemon, name)
            #expect(status == 200)
            #expect(kojo["place"] as? String == "Kojo" && kojo["gazetteer_id"] as? String == "iq-kojo")
            let entries = try #require(kojo["entries"] as? [[String: Any]])
            #expect(entries.map { $0["kind"] as? String } == ["recaptured"])
            let holder = try #require(kojo["holder"] as? [String: Any])
            #expect(holder["actor"] as? String == "Popular Mobilisation Forces")
            #expect(holder["confidence"] as? String == "low" && holder["contested"] as? Bool == false)
        }

        // Baaj: the seeds claim villages north of it and an offensive on it, never Baaj itself.
        let (_, baaj) = try Self.timeline(daemon, "al-Baaj")
        let entries = try #require(baaj["entries"] as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["kind"] as? String }) == ["recaptured", "offensive"])
        #expect(entries.first { $0["kind"] as? String == "recaptured" }?["scope"] as? String == "area")
        #expect(baaj["holder"] is NSNull)

        // A name nobody knows: 404 with a hint; frontlinectl says so and exits 1.
        let (missing, error) = try Self.timeline(daemon, "Atlantis")
        #expect(missing == 404)
        #expect(((error["error"] as? [String: Any])?["message"] as? String)?.contains("no gazetteer entry") == true)

        let table = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "timeline", "Kocho"], includeStandardError: false)
        #expect(table.status == 0)
        #expect(table.output.hasPrefix("Kojo (gazetteer iq-kojo): 1 claim"))
        #expect(table.output.contains("now: held by Popular Mobilisation Forces since"))
        let unknown = try runCommand(Project.frontlinectl, ["--socket", daemon.socket, "timeline", "Atlantis"])
        #expect(unknown.status == 1 && unknown.output.contains("404"))
    }
}
