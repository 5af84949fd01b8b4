import Foundation
import FrontlineStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What users drop, the way they drop it: every file gets exactly one outcome, with a reason when
/// rejected, and nothing stops the daemon.
@Suite struct InboxTests {
    /// A sentinel article in Windows-1252: curly quotes and an accented name.
    static func windows1252(_ text: String) -> Data {
        Data(text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar {
            case "“": 0x93
            case "”": 0x94
            case "’": 0x92
            default: UInt8(truncatingIfNeeded: scalar.value)
            }
        })
    }

    @Test func badInputGetsOneOutcomeEachAndTheDaemonKeepsGoing() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        // name → expected outcome (prefix of the recorded outcome).
        var expected: [String: String] = [:]
        func drop(_ data: Data, as name: String, expect outcome: String) throws {
            #expect(daemon.renameIn(try daemon.stage(data, as: name), as: name), "rename \(name)")
            expected[name] = outcome
        }
        try drop(Data(), as: "empty.txt", expect: "rejected: is empty")
        try drop(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48]), as: "photo.png", expect: "rejected: is a PNG image")
        try drop(try Data(contentsOf: URL(fileURLWithPath: "/bin/true")), as: "program", expect: "rejected: is a ELF executable")
        try drop(Self.windows1252(sentinelArticle(401).replacingOccurrences(of: "said", with: "“said”")), as: "latin.txt", expect: "accepted en windows-1252 txt")
        let utf16 = Data([0xFF, 0xFE] + sentinelArticle(402).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try drop(utf16, as: "wide.txt", expect: "accepted en utf-16le txt")
        try drop(Data(sentinelArticle(403).utf8), as: "line\nbreak.txt", expect: "accepted en utf-8 txt")
        // Recorded (and logged) with the newline escaped, so a name cannot forge a log line.
        expected["line%0Abreak.txt"] = expected.removeValue(forKey: "line\nbreak.txt")
        let french = "Les forces irakiennes ont annoncé dimanche avoir repris la ville de Baaj à l'État islamique après une semaine de combats dans l'ouest du pays, selon un communiqué du ministère."
        try drop(Data(french.utf8), as: "depeche.txt", expect: "accepted fr utf-8 txt")
        try drop(Data("{\"title\": \"x\", ".utf8), as: "broken.json", expect: "rejected: is not valid JSON")
        try drop(Data(("<html><body><article><h1>Sentinel</h1><p>" + sentinelArticle(404) + "</p></article></body></html>").utf8), as: "page.html", expect: "accepted en utf-8 html")

        // 2 GB, sparse: rejected by size without being read.
        let huge = try daemon.stage(Data(), as: "huge")
        #expect(truncate(huge.path, 2 << 30) == 0)
        #expect(daemon.renameIn(huge, as: "huge.txt"))
        expected["huge.txt"] = "rejected: is 2147483648 bytes, over max_article_bytes"

        // A symlink to a secret: never followed, never read.
        #expect(symlink("/etc/shadow", daemon.inbox.appendingPathComponent("secret.txt").path) == 0)
        expected["secret.txt"] = "rejected: is a symbolic link"
        // A FIFO nobody writes to: opening it must not block the daemon.
        #expect(mkfifo(daemon.inbox.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        expected["pipe.txt"] = "rejected: is not a regular file"
        if getuid() == 0 {
            #expect(mknod(daemon.inbox.appendingPathComponent("device.txt").path, S_IFCHR | 0o644, dev_t(1 << 8 | 3)) == 0)
            expected["device.txt"] = "rejected: is not a regular file"
        }
        // A name that is not UTF-8: read, recorded under an escaped name, moved under its own.
        let badPath = (Array(daemon.inbox.path.utf8) + Array("/bad".utf8) + [0xFF] + Array("name.txt".utf8) + [0]).map { CChar(bitPattern: $0) }
        let fd = open(badPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        let bytes = Array(sentinelArticle(405).utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        expected["bad%FFname.txt"] = "accepted en utf-8 txt"
        // A directory is not a file: no outcome.
        try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent("folder.txt"), withIntermediateDirectories: false)

        try waitUntil("an outcome for each of \(expected.count) files", timeout: 60) { try daemon.outcomes() >= expected.count }
        // The daemon kept going: a good article after all of that is processed too.
        try daemon.dropAndWait(Project.seeds[0])
        #expect(daemon.process.isRunning)
        #expect(try daemon.counter("articles_other_language") == 1)
        #expect(daemon.stop() == 0)

        let outcomes = try daemon.outcomeRecords()
        for (name, outcome) in expected {
            let recorded = outcomes[name] ?? []
            #expect(recorded.count == 1, "\(name): \(recorded)")
            #expect(recorded.first?.hasPrefix(outcome) == true, "\(name): \(recorded) should start with \(outcome)")
        }
        #expect(outcomes.count == expected.count + 1, "no other outcomes: \(outcomes.keys.sorted())")
        #expect(!daemon.log.contains("root:"), "the secret was never read")
        // Rejected files sit in rejected/ with a reason that says what to do; processed ones in processed/.
        let rejected = daemon.inbox.appendingPathComponent("rejected")
        let reason = try String(contentsOf: rejected.appendingPathComponent("broken.json.reason"), encoding: .utf8)
        #expect(reason.contains("broken.json is not valid JSON") && reason.contains("move it back into the inbox"))
        #expect(FileManager.default.fileExists(atPath: rejected.appendingPathComponent("secret.txt.reason").path))
        let processedBad = (Array(daemon.inbox.path.utf8) + Array("/processed/bad".utf8) + [0xFF] + Array("name.txt".utf8) + [0]).map { CChar(bitPattern: $0) }
        #expect(access(processedBad, F_OK) == 0, "moved under its own bytes")
        #expect(FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent("folder.txt").path))
    }

    @Test func anUnreadableFileIsRejectedWithTheCure() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        // Root reads anything: run the daemon as nobody, so permissions apply as in production.
        if getuid() == 0 { daemon.user = (65534, 65534) }
        try daemon.start()
        let locked = try daemon.stage(Data(sentinelArticle(410).utf8), as: "locked.txt")
        #expect(chmod(locked.path, 0o000) == 0)
        #expect(daemon.renameIn(locked, as: "locked.txt"))
        try waitUntil("an outcome for the unreadable file") { try daemon.outcomes() >= 1 }
        try daemon.dropAndWait(Project.seeds[1])
        #expect(daemon.stop() == 0)
        let outcomes = try daemon.outcomeRecords()
        #expect(outcomes["locked.txt"]?.count == 1)
        #expect(outcomes["locked.txt"]?.first?.contains("permission denied") == true, "\(outcomes)")
        #expect(outcomes["locked.txt"]?.first?.contains("readable by the frontline user") == true)
    }

    @Test func copyMoveHardLinkAndTempNamesAreHandled() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        // cp: created in place and written in two writes, read once at close. (Not FileManager's
        // createFile: it renames an empty temporary in, which is a finished empty file.)
        let copied = daemon.inbox.appendingPathComponent("copied.txt").path
        let copy = open(copied, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        #expect(copy >= 0)
        let text = Array(sentinelArticle(420).utf8)
        #expect(write(copy, text, text.count / 2) == text.count / 2)
        #expect(write(copy, Array(text[(text.count / 2)...]), text.count - text.count / 2) == text.count - text.count / 2)
        #expect(close(copy) == 0)
        // mv from elsewhere on the same file system.
        #expect(daemon.renameIn(try daemon.stage(Data(sentinelArticle(421).utf8), as: "moved.txt"), as: "moved.txt"))
        // Hard link: only IN_CREATE, complete at once (a second name of a written file).
        let linked = try daemon.stage(Data(sentinelArticle(422).utf8), as: "linked.txt")
        #expect(link(linked.path, daemon.inbox.appendingPathComponent("linked.txt").path) == 0)
        // Temporary names wait for their rename.
        let temporaries = [".hidden.txt", "scrape.tmp", "download.part", ".article.txt.swp", "draft.txt~"]
        for name in temporaries { try Data(sentinelArticle(430).utf8).write(to: daemon.inbox.appendingPathComponent(name)) }
        try waitUntil("three outcomes") { try daemon.outcomes() >= 3 }
        #expect(rename(daemon.inbox.appendingPathComponent("scrape.tmp").path, daemon.inbox.appendingPathComponent("scrape.txt").path) == 0)
        try waitUntil("the renamed temporary's outcome") { try daemon.outcomes() >= 4 }
        // Files dropped after them have been processed and the temporaries are still waiting.
        let late = try daemon.stage(Data(sentinelArticle(431).utf8), as: "late.txt")
        #expect(link(late.path, daemon.inbox.appendingPathComponent("late.txt").path) == 0)
        try waitUntil("the late link's outcome") { try daemon.outcomes() >= 5 }
        #expect(daemon.stop() == 0)
        let outcomes = try daemon.outcomeRecords()
        #expect(Set(outcomes.keys) == ["copied.txt", "moved.txt", "linked.txt", "scrape.txt", "late.txt"])
        #expect(outcomes.values.allSatisfy { $0.count == 1 && $0[0].hasPrefix("accepted") }, "\(outcomes)")
        for name in temporaries where name != "scrape.tmp" {
            #expect(FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent(name).path), "\(name) left alone")
        }
    }

    @Test func filesDeletedRightAfterTheirDropAreNeverAnError() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        // Each file is deleted right after it is renamed in: the daemon reads it or finds it gone.
        for index in 0..<300 {
            let name = "fleeting-\(index).txt"
            #expect(daemon.renameIn(try daemon.stage(Data(sentinelArticle(600 + index % 7).utf8), as: name), as: name))
            unlink(daemon.inbox.appendingPathComponent(name).path)
        }
        try daemon.dropAndWait(Project.seeds[2])
        #expect(daemon.process.isRunning)
        #expect(daemon.stop() == 0)
        let outcomes = try daemon.outcomeRecords()
        #expect(outcomes.values.allSatisfy { $0.count == 1 }, "one outcome at most per file")
        #expect(!outcomes.values.joined().contains { $0.hasPrefix("rejected") }, "a vanished file is not a rejection")
        #expect(outcomes[Project.seeds[2].lastPathComponent]?.count == 1)
    }

    @Test func aDeletedInboxIsWaitedForAndWatchedAgain() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.start()
        try daemon.dropAndWait(Project.seeds[0])
        try FileManager.default.removeItem(at: daemon.inbox)
        try waitUntil("the daemon to say the inbox is gone") { daemon.log.contains("inbox directory was deleted or moved away") }
        #expect(daemon.process.isRunning)
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: true)
        // Dropped whether or not the watch is back yet: the scan that follows a re-watch finds it.
        try daemon.drop(text: sentinelArticle(440), as: "after.txt")
        try waitUntil("an outcome for a file dropped into the new inbox") { try daemon.outcomes() >= 2 }
        #expect(daemon.stop() == 0)
        #expect(try daemon.outcomeRecords()["after.txt"]?.count == 1)
    }
}
