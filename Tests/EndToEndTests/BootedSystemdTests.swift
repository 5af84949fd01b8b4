import Foundation
import Testing

/// Frontline under a real systemd as PID 1 (systemd-nspawn), installed by `make install-files`
/// with its shipped units: socket activation, notify STATUS, the journal, reload, the watchdog, the
/// socket's permissions and a feeder in the `frontline` group.
///
/// It runs in `make test` where the machine can boot a container (root, systemd-container,
/// debootstrap) and prints why it was skipped otherwise. The first run on a machine builds the
/// root with debootstrap (about a minute); later runs unpack the cached tarball.
@Suite(.serialized) struct BootedSystemdTests {
    /// The shipped unit with a short watchdog, so a stuck daemon is caught within seconds.
    static let dropIn = "[Service]\nWatchdogSec=3s\nRestartSec=1s\n"

    @Test func frontlineUnderARealSystemd() throws {
        if let reason = BootedContainer.unavailable() {
            print("BootedSystemdTests skipped: \(reason)")
            return
        }
        let container: BootedContainer
        do {
            container = try BootedContainer(dropIn: Self.dropIn)
        } catch let error as BootedContainer.Unavailable {
            if ProcessInfo.processInfo.environment["FRONTLINE_REQUIRE_BOOT"] == "1" { Issue.record("cannot boot: \(error)") }
            print("BootedSystemdTests skipped: this machine cannot boot a container: \(error)")
            return
        }
        defer { container.shutdown() }

        // The socket unit listens with the shipped permissions; the service waits for a client.
        #expect(try container.property("ActiveState", of: "frontline.socket") == "active")
        #expect(try container.run(["stat", "-c", "%a %U %G", "/run/frontline/frontline.sock"]).output == "660 root frontline\n")
        #expect(try container.property("ActiveState") == "inactive")

        // Socket activation: the first connection starts the daemon, which answers it.
        let first = try container.curl("/v1/status")
        #expect(first.status == 0 && first.output.contains("\"articles_accepted\":0"), "first request: \(first.output)")
        // READY=1 is sent before the first answer, but systemd reads the notification socket in its
        // own time: `systemctl show` right after the answer may still say "activating".
        try waitUntil("the service to be active after READY=1") { try container.property("ActiveState") == "active" }
        #expect(try container.property("StatusText").hasPrefix("watching /var/lib/frontline/inbox: 0 articles, 0 claims, 0 rejected"))

        // Permissions: a user outside the group cannot connect; a feeder in the group can query and drop files.
        try container.run(["useradd", "--no-create-home", "outsider"])
        try container.run(["useradd", "--no-create-home", "--groups", "frontline", "feeder"])
        let outsider = try container.curl("/v1/status", as: "outsider")
        #expect(outsider.status == 7, "outsider: \(outsider)")  // curl: could not connect
        func mayWriteSocket(_ user: String) throws -> Bool {
            try container.run(["setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups", "test", "-w", "/run/frontline/frontline.sock"]).status == 0
        }
        #expect(try !mayWriteSocket("outsider"))
        #expect(try mayWriteSocket("feeder"))
        #expect(try container.curl("/v1/status", as: "feeder").status == 0)
        let seeds = Project.seeds.map(\.lastPathComponent)
        try self.feed(container, seeds[0])

        // The alert reaches the journal with its fields, from the unit.
        var alerts: [[String: Any]] = []
        try waitUntil("the first seed's alerts in the container's journal", timeout: 60) {
            alerts = try container.journal(["_SYSTEMD_UNIT=frontline.service", "FRONTLINE_KIND=claim.new"])
            return !alerts.isEmpty
        }
        let alert = try #require(alerts.first)
        #expect(alert["MESSAGE_ID"] as? String == "6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e01")
        #expect((alert["FRONTLINE_CLAIMANT"] as? String)?.isEmpty == false)
        try waitUntil("STATUS to count the article") { try container.property("StatusText").contains(": 1 articles,") }
        // The catalog explains it in `journalctl -x`.
        try container.run(["journalctl", "--update-catalog"])
        let explained = try container.run(["journalctl", "-x", "--no-pager", "MESSAGE_ID=6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e01"]).output
        #expect(explained.contains("no earlier article"), "journalctl -x: \(explained.suffix(600))")
        // Diagnostics are structured journal entries too.
        let recovered = try container.journal(["_SYSTEMD_UNIT=frontline.service", "SYSLOG_IDENTIFIER=frontlined"])
        #expect(
            recovered.contains { $0["FRONTLINE_LOG_RECORDS"] != nil && ($0["CODE_FUNC"] as? String)?.hasPrefix("serve(") == true },
            "diagnostic fields: \(recovered.count) entries")

        // Reload through systemctl.
        #expect(try container.run(["systemctl", "reload", "frontline.service"]).status == 0)
        try waitUntil("the reload to apply") { try container.curl("/v1/status").output.contains("\"generation\":1") }
        #expect(try container.property("ActiveState") == "active")

        // The watchdog: a stopped daemon is killed and restarted; a file dropped meanwhile is not lost.
        let stoppedPID = try container.property("MainPID")
        // The shell's kill: /bin/kill (procps) is not in a minimal root.
        try container.run(["sh", "-c", "kill -STOP \(stoppedPID)"])
        try self.feed(container, seeds[1])
        try waitUntil("systemd to restart the daemon after a watchdog timeout", timeout: 60) {
            try container.property("NRestarts") == "1" && container.property("MainPID") != stoppedPID
                && container.property("ActiveState") == "active" && container.property("SubState") == "running"
        }
        let failures = try container.run(["journalctl", "--no-pager", "-o", "cat", "-u", "frontline.service"]).output
        #expect(failures.contains("Failed with result 'watchdog'"), "systemd's account: \(failures.suffix(800))")
        try waitUntil("the file dropped while stopped to be processed", timeout: 60) {
            try container.curl("/v1/status").output.contains("\"articles_accepted\":2")
        }
        // Nothing re-alerted: every alert id is in the journal once, and as many as the log raised.
        let status = try JSONSerialization.jsonObject(with: Data(try container.curl("/v1/status").output.utf8)) as? [String: Any]
        let raised = try #require((status?["counters"] as? [String: Any])?["alerts"] as? Int)
        try waitUntil("every raised alert in the journal") {
            try container.journal(["_SYSTEMD_UNIT=frontline.service", "SYSLOG_IDENTIFIER=frontlined"]).filter { $0["FRONTLINE_ALERT_ID"] != nil }.count >= raised
        }
        let ids = try container.journal(["_SYSTEMD_UNIT=frontline.service", "SYSLOG_IDENTIFIER=frontlined"]).compactMap { $0["FRONTLINE_ALERT_ID"] as? String }
        #expect(ids.count == raised && Set(ids).count == ids.count, "journal alert ids \(ids) for \(raised) raised")
        let verify = try container.run(["frontlinectl", "log", "verify", "--state-dir", "/var/lib/frontline"])
        #expect(verify.status == 0, "log verify: \(verify.output)")
    }

    /// Drops a seed into the inbox as the feeder: a temporary name, then a rename.
    func feed(_ container: BootedContainer, _ seed: String) throws {
        let result = try container.run([
            "setpriv", "--reuid=feeder", "--regid=feeder", "--init-groups", "sh", "-c",
            "cp /srv/seeds/\(seed) /var/lib/frontline/inbox/.\(seed).tmp && mv /var/lib/frontline/inbox/.\(seed).tmp /var/lib/frontline/inbox/\(seed)",
        ])
        #expect(result.status == 0, "feeder's drop: \(result.output)")
    }
}
