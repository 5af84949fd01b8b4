import Foundation
import Testing

/// `alert_command` and `[[alert_rule]]` through the real daemon: the hook runs once per alert with
/// the Alert JSON and environment, a failing or hanging hook is retried with backoff from the log's
/// outbox (across a restart) without holding up ingest, and rules (changed by a reload) decide
/// what reaches it.
@Suite struct AlertHookTests {
    /// A hook that records each run beside itself, fails while `fail` exists and hangs while `hang` does.
    static func installHook(in daemon: DaemonProcess) throws -> URL {
        let directory = daemon.work.appendingPathComponent("hook")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("hook.sh")
        try """
            #!/bin/sh
            dir=$(dirname "$0")
            input=$(cat)
            if [ -e "$dir/hang" ]; then sleep 30; fi
            if [ -e "$dir/fail" ]; then echo "desk unreachable" >&2; exit 3; fi
            printf '%s\\n' "$input" > "$dir/in-$FRONTLINE_ALERT_ID.json"
            printf '%s %s %s\\n' "$FRONTLINE_ALERT_ID" "$FRONTLINE_KIND" "$FRONTLINE_CLAIM_ID" >> "$dir/hook.out"
            """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return directory
    }

    static func runs(_ directory: URL) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("hook.out"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    static func hook(_ daemon: DaemonProcess) throws -> [String: Any] {
        try daemon.status()["hook"] as? [String: Any] ?? [:]
    }

    /// Alerts the hook is for (not corroborations, not backfill), in log order, with their places.
    static func hookAlerts(_ daemon: DaemonProcess) throws -> [(id: String, places: [String])] {
        let body = try daemon.client.request("GET", "/v1/alerts?after=0&limit=1000").body
        let alerts = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        return alerts.filter { $0["kind"] as? String != "claim.corroborated" && $0["backfill"] as? Bool != true }.map { alert in
            let claim = alert["claim"] as? [String: Any] ?? [:]
            let places = (claim["places"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            return (alert["alert_id"] as? String ?? "", places)
        }
    }

    @Test func failingAndHangingHooksAreRetriedFromTheOutboxAcrossARestart() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let directory = try Self.installHook(in: daemon)
        try daemon.configure(["alert_command": "[\"\(directory.path)/hook.sh\"]", "alert_command_timeout": "1"])
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("fail").path, contents: nil)
        try daemon.start()

        // Failing: retried with backoff, said in status; ingest goes on meanwhile.
        try daemon.dropAndWait(Project.seeds[0])
        try waitUntil("a failed run") { (try Self.hook(daemon)["failed_runs"] as? Int ?? 0) >= 1 }
        let failing = try Self.hook(daemon)
        #expect((failing["last_error"] as? String)?.contains("exit status 3: desk unreachable") == true, "\(failing)")
        #expect(failing["retrying_in_seconds"] is Int && failing["configured"] as? Bool == true)
        for seed in Project.seeds.dropFirst() { try daemon.dropAndWait(seed) }
        #expect(try daemon.counter("articles_accepted") == 5)

        // Hanging: killed at the timeout, and retried.
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("hang").path, contents: nil)
        try waitUntil("a timed-out run") { (try Self.hook(daemon)["last_error"] as? String)?.contains("timed out after 1 s") == true }
        let metrics = String(decoding: try daemon.client.request("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("frontline_hook_runs_total{result=\"failed\"}") && metrics.contains("frontline_hook_queued "))
        #expect(Self.runs(directory).isEmpty)
        #expect(daemon.stop() == 0)

        // Fixed while stopped: the next start runs every queued alert once, in log order.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("fail"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("hang"))
        let second = try DaemonProcess(work: daemon.work)
        second.config = daemon.config
        try second.start()
        #expect(second.log.contains("ingest state read from the snapshot"), "the hook's backlog came from the stop's snapshot")
        let expected = try Self.hookAlerts(second).map(\.id)
        #expect(expected.count >= 4)
        try waitUntil("every alert through the hook") { try Self.hook(second)["delivered"] as? Int == expected.count }
        #expect(Self.runs(directory) == expected)
        for id in expected {
            let input = try Data(contentsOf: directory.appendingPathComponent("in-\(id).json"))
            let alert = try JSONSerialization.jsonObject(with: input) as? [String: Any]
            #expect(alert?["alert_id"] as? String == id && (alert?["claim"] as? [String: Any])?["id"] is String)
        }
        #expect(second.stop() == 0)

        // Everything run is recorded: a third start has nothing queued and runs nothing again.
        let third = try DaemonProcess(work: daemon.work)
        third.config = daemon.config
        try third.start()
        defer { third.stop() }
        #expect(try Self.hook(third)["queued"] as? Int == 0)
        try third.dropAndWait(Project.seeds[0], as: "again.txt")
        #expect(try Self.hook(third)["queued"] as? Int == 0 && Self.runs(directory) == expected)
    }

    @Test func rulesDecideWhatReachesTheHookAndAReloadChangesThem() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let directory = try Self.installHook(in: daemon)
        let command = ["alert_command": "[\"\(directory.path)/hook.sh\"]"]
        try daemon.configure(command, tables: "[[alert_rule]]\nname = \"Kojo desk\"\nplace = \"Kocho\"\nto = [\"hook\"]\n")
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        try daemon.drop(text: sentinelArticle(1), as: "sentinel-1.txt")
        try waitUntil("the sentinel") { try daemon.counter("articles_accepted") == 6 }
        let kojo = try Self.hookAlerts(daemon).filter { $0.places.contains("Kojo") }.map(\.id)
        #expect(!kojo.isEmpty)
        try waitUntil("the Kojo alerts through the hook") { try Self.hook(daemon)["delivered"] as? Int == kojo.count }
        #expect(Self.runs(directory) == kojo, "only the rule's place (by another spelling) reaches the hook")

        // A reload widens the rule to the next sentinel's village: it applies to the next alerts.
        daemon.config = Project.root.appendingPathComponent("Config/frontline.toml")
        try daemon.configure(
            command, tables: "[[alert_rule]]\nname = \"Kojo desk\"\nplace = [\"Kojo\", \"\(sentinelPlace(2))\"]\nto = [\"hook\"]\n")
        kill(daemon.process.processIdentifier, SIGHUP)
        try waitUntil("the reload") { ((try daemon.status()["config"] as? [String: Any])?["generation"] as? Int) == 1 }
        #expect((try daemon.status()["config"] as? [String: Any])?["alert_rules"] as? Int == 1)
        try daemon.drop(text: sentinelArticle(2), as: "sentinel-2.txt")
        try waitUntil("the second sentinel") { try daemon.counter("articles_accepted") == 7 }
        let sentinel = try #require(try Self.hookAlerts(daemon).last { $0.places.contains(sentinelPlace(2)) })
        try waitUntil("the second sentinel through the hook") { Self.runs(directory) == kojo + [sentinel.id] }
        // The script's run file appears before the daemon has recorded the run and counted it.
        try waitUntil("the hook's outbox to be empty, every run counted") {
            let hook = try Self.hook(daemon)
            return hook["queued"] as? Int == 0 && hook["delivered"] as? Int == kojo.count + 1
        }
        #expect(Self.runs(directory) == kojo + [sentinel.id])
    }

    /// The alert kinds a filtered stream sends from its backlog: complete once the first heartbeat
    /// comes, which is only sent after the backlog.
    static func events(_ daemon: DaemonProcess, _ query: String) throws -> [String] {
        let stream = StreamCollector(client: daemon.client, target: "/v1/alerts/stream?after=0&\(query)")
        defer { stream.stop() }
        try waitUntil("the backlog of \(query)") { stream.received.contains(": heartbeat") }
        return stream.received.filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
    }

    @Test func streamFiltersTakeTheRuleFields() throws {
        try APIEndpointTests.withSeeds(["stream_heartbeat_seconds": "1"]) { (daemon: DaemonProcess) throws in
            #expect(try APIEndpointTests.curl(daemon, "/v1/alerts/stream?kind=claim.old").status == 400)
            #expect(try APIEndpointTests.curl(daemon, "/v1/alerts/stream?within_km=5").status == 400)
            #expect(try Self.events(daemon, "country=IQ&kind=offensive.new") == ["offensive.new", "offensive.new"])
            #expect(try Self.events(daemon, "country=SY").isEmpty)
            #expect(try Self.events(daemon, "actor=Hashd%20al-Shaabi&place=Kocho") == ["claim.new"])
            // Kojo lies about 57 km west of Tal Afar.
            #expect(try Self.events(daemon, "place=Tal%20Afar&within_km=40&kind=claim.new").isEmpty)
            #expect(try Self.events(daemon, "place=Tal%20Afar&within_km=80&kind=claim.new") == ["claim.new"])
        }
    }
}
