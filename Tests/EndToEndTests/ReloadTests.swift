import Foundation
import FrontlineService
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP reloads through the real daemon, read back from its real notify datagrams and API.
@Suite(.serialized) struct ReloadTests {
    /// A daemon with its own copy of the lexicon (so the test may edit it), started under a notify socket.
    static func start() throws -> (DaemonProcess, NotifySocket, URL) {
        let notify = try NotifySocket()
        let daemon = try DaemonProcess()
        let lexicon = daemon.work.appendingPathComponent("lexicon")
        try FileManager.default.copyItem(at: Project.root.appendingPathComponent("Config/lexicon"), to: lexicon)
        try daemon.configure(["lexicon_dir": "\"\(lexicon.path)\""])
        try daemon.start(extraEnvironment: ["NOTIFY_SOCKET": notify.path])
        return (daemon, notify, lexicon)
    }

    static func config(_ daemon: DaemonProcess) throws -> [String: Any] {
        try daemon.status()["config"] as? [String: Any] ?? [:]
    }

    @Test func aHangupAppliesTheNewConfigurationAndLexicon() throws {
        let (daemon, notify, lexicon) = try Self.start()
        defer { daemon.remove() }
        var messages: [String] = []
        try waitUntil("READY=1") {
            messages += notify.drain()
            return messages.contains { $0.contains("READY=1") }
        }
        #expect(try Self.config(daemon)["generation"] as? Int == 0)

        // A new actor and lexicon version, POST switched off, and a setting that needs a restart.
        try "test-reload-2\n".write(to: lexicon.appendingPathComponent("VERSION"), atomically: true, encoding: .utf8)
        let actors = lexicon.appendingPathComponent("actors.tsv")
        try (String(contentsOf: actors, encoding: .utf8) + "zorbian_guard\tZorbian Guard\tZG|Zorbian guardsmen\n")
            .write(to: actors, atomically: true, encoding: .utf8)
        try daemon.configure(["allow_post": "false", "date_window_days": "3"])
        messages = []
        kill(daemon.process.processIdentifier, SIGHUP)
        try waitUntil("the reload to be applied") { try Self.config(daemon)["generation"] as? Int == 1 }
        try waitUntil("READY=1 after RELOADING=1") {
            messages += notify.drain()
            guard let reloading = messages.firstIndex(where: { $0.contains("RELOADING=1") }) else { return false }
            return messages[reloading...].contains { $0.contains("READY=1") }
        }
        let reloading = try #require(messages.first { $0.contains("RELOADING=1") })
        #expect(reloading.split(separator: "\n").contains { $0.hasPrefix("MONOTONIC_USEC=") && UInt64($0.dropFirst(15)) != nil })
        #expect(try Self.config(daemon)["lexicon_version"] as? String == "test-reload-2")
        #expect(daemon.log.contains("takes effect only at the next restart") && daemon.log.contains("config.key=date_window_days"))

        // The new settings are live: POST is refused, the new actor is extracted and found by its alias.
        let post = try daemon.client.request("POST", "/v1/articles?name=x.txt&wait=0", body: Data("text".utf8))
        #expect(post.status == 403)
        try daemon.drop(
            text: "Zorbian Guard fighters captured the village of Kocho on Monday, a spokesman said.\n",
            as: "zorbian.txt")
        try waitUntil("the Zorbian Guard's claim") {
            let body = try daemon.client.request("GET", "/v1/claims?actor=ZG").body
            let claims = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["claims"] as? [[String: Any]]
            return claims?.count == 1
        }
        #expect(daemon.stop() == 0)
    }

    @Test func aBadConfigurationOrLexiconIsRefusedAndTheOldOneKeepsRunning() throws {
        let (daemon, notify, lexicon) = try Self.start()
        defer { daemon.remove() }
        try waitUntil("READY=1") { notify.drain().contains { $0.contains("READY=1") } }
        let version = try #require(try Self.config(daemon)["lexicon_version"] as? String)

        // A TOML error: refused with the file and line.
        let good = try String(contentsOf: daemon.config, encoding: .utf8)
        try (good + "\nallowed_uids = [\n").write(to: daemon.config, atomically: true, encoding: .utf8)
        var messages: [String] = []
        kill(daemon.process.processIdentifier, SIGHUP)
        try waitUntil("the refusal") { try Self.config(daemon)["reloads_refused"] as? Int == 1 }
        var error = try #require(try Self.config(daemon)["last_reload_error"] as? String)
        #expect(error.contains("\(daemon.config.path):"), "names the file: \(error)")
        #expect(error.contains("array"), "says what is wrong: \(error)")
        try waitUntil("READY=1 after the refused reload") {
            messages += notify.drain()
            return messages.contains { $0.contains("READY=1") }
        }
        #expect(messages.contains { $0.contains("RELOADING=1") })
        #expect(daemon.log.contains("reload refused; still running with the previous configuration"))

        // A bad lexicon line: refused with the lexicon file and line.
        try good.write(to: daemon.config, atomically: true, encoding: .utf8)
        let triggers = lexicon.appendingPathComponent("triggers.tsv")
        let lines = try String(contentsOf: triggers, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try (String(contentsOf: triggers, encoding: .utf8) + "overran\tconquest\tactive\n").write(to: triggers, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        try waitUntil("the second refusal") { try Self.config(daemon)["reloads_refused"] as? Int == 2 }
        error = try #require(try Self.config(daemon)["last_reload_error"] as? String)
        #expect(error.contains("triggers.tsv:\(lines):"), "names the lexicon file and line: \(error)")
        #expect(error.contains("unknown kind 'conquest'"))

        // Nothing changed, and the daemon still ingests.
        #expect(try Self.config(daemon)["generation"] as? Int == 0)
        #expect(try Self.config(daemon)["lexicon_version"] as? String == version)
        try daemon.dropAndWait(Project.seeds[0])
        #expect(try daemon.counter("claims") == 2)
        #expect(daemon.stop() == 0)
    }

    @Test func thePipelinePetsTheWatchdogAtHalfItsInterval() throws {
        let notify = try NotifySocket()
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start(extraEnvironment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])
        var beats = 0
        try waitUntil("three watchdog beats") {
            beats += notify.drain().filter { $0 == "WATCHDOG=1" }.count
            return beats >= 3
        }
        // It goes on petting while it works.
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        let before = beats
        try waitUntil("beats after ingest") {
            beats += notify.drain().filter { $0 == "WATCHDOG=1" }.count
            return beats >= before + 2
        }
        #expect(daemon.log.contains("watchdog enabled"))
        #expect(daemon.stop() == 0)
    }

    @Test func diagnosticsGoToTheJournalAsStructuredFieldsWhenStandardErrorIsTheJournal() throws {
        if let reason = Journald.ensureRunning() {
            if getuid() == 0 { Issue.record("journal test cannot run: \(reason)") } else { print("skipped: \(reason)") }
            return
        }
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        // systemd sets JOURNAL_STREAM to the device and inode of the stream it gives the service as
        // stderr; here stderr is the daemon's output file, so its device and inode stand in for it.
        _ = FileManager.default.createFile(atPath: daemon.outputPath, contents: nil)
        var status = stat()
        #expect(stat(daemon.outputPath, &status) == 0)
        let mark = Journald.mark()
        try daemon.start(extraEnvironment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"])
        try daemon.dropAndWait(Project.seeds[0])
        let pid = daemon.process.processIdentifier
        #expect(daemon.stop() == 0)
        var entries: [[String: Any]] = []
        try waitUntil("the daemon's diagnostics in the journal") {
            entries = try Journald.entries(["_PID=\(pid)", "SYSLOG_IDENTIFIER=frontlined"], after: mark)
            return entries.contains { $0["MESSAGE"] as? String == "stopped" || ($0["MESSAGE"] as? String)?.hasPrefix("stopped ") == true }
        }
        let recovered = try #require(entries.first { ($0["MESSAGE"] as? String)?.hasPrefix("recovered") == true })
        #expect(recovered["FRONTLINE_LOG_RECORDS"] as? String == "0")
        #expect(recovered["PRIORITY"] as? String == "6")
        #expect((recovered["CODE_FILE"] as? String)?.hasSuffix("Frontlined.swift") == true)
        #expect(recovered["CODE_LINE"] != nil && recovered["CODE_FUNC"] != nil)
        let processed = try #require(entries.first { $0["FRONTLINE_ARTICLE_PATH"] != nil })
        #expect((processed["FRONTLINE_ARTICLE_PATH"] as? String)?.hasSuffix(Project.seeds[0].lastPathComponent) == true)
        // Nothing went to stderr: the journal handler took it all.
        #expect(!daemon.log.contains("recovered"))
    }
}
