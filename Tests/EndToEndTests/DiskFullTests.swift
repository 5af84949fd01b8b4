import Foundation
import FrontlineStore
import SystemPackage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The state directory on a small tmpfs made for the test: when it fills, the daemon stops with
/// exit code 2 and a message naming the cause; the log still verifies; after space is freed and
/// the daemon restarted, every file gets its outcome and nothing is lost.
@Suite(.serialized) struct DiskFullTests {
    @Test func aFullDiskStopsTheDaemonCleanlyAndLosesNothing() throws {
        guard getuid() == 0 else {
            print("skipped: mounting a tmpfs needs root")
            return
        }
        let work = URL(fileURLWithPath: "/tmp/flfull-\(UUID().uuidString.prefix(8))")
        let state = work.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let mount = try runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", state.path])
        guard mount.status == 0 else {
            // Root in a container without CAP_SYS_ADMIN (as on CI) may not mount. The same failure
            // is covered without a mount by GroupCommitTests.aFailedWritePoisonsTheLog.
            print("skipped: cannot mount a tmpfs here: \(mount.output)")
            try? FileManager.default.removeItem(at: work)
            return
        }
        defer {
            _ = try? runCommand("/bin/umount", [state.path])
            try? FileManager.default.removeItem(at: work)
        }
        // Articles of about 60 KiB each: the text store and the log fill 1 MiB within 20 of them.
        let articles = (0..<40).map { sentinelArticle(20_000 + $0) + "\n" + (0..<40).map { filler(30_000 + $0) }.joined(separator: "\n") }

        let daemon = try DaemonProcess(work: work)
        try daemon.start()
        for (index, text) in articles.enumerated() {
            try daemon.drop(text: text, as: "big-\(index).txt")
        }
        try waitUntil("the daemon to stop on the full disk", timeout: 60) { !daemon.process.isRunning }
        #expect(daemon.process.terminationStatus == 2)
        let log = daemon.log
        #expect(log.contains("No space left on device") && log.contains("free space"), "the exit message names the cause and the cure: \(log.suffix(600))")

        let verify = try runCommand(Project.frontlinectl, ["log", "verify", "--state-dir", state.path])
        #expect(verify.status == 0, "log verify after disk full: \(verify.output)")

        // Free space, restart: everything left in the inbox is processed, each article once.
        let remount = try runCommand("/bin/mount", ["-o", "remount,size=64m", state.path])
        try #require(remount.status == 0, "remount: \(remount.output)")
        let again = try DaemonProcess(work: work)
        try again.start()
        try waitUntil("every file to have an outcome", timeout: 60) {
            try FileManager.default.contentsOfDirectory(atPath: again.inbox.path).filter { $0.hasPrefix("big-") }.isEmpty
        }
        #expect(again.stop() == 0)
        let (records, _, damage) = try EventLog.readAll(directory: FilePath(state.path).appending("log"))
        #expect(damage == nil)
        var accepted: [String: Int] = [:]
        for stored in records {
            if case .articleAccepted(let article) = try stored.event() { accepted[article.file, default: 0] += 1 }
        }
        #expect(accepted.count == articles.count)
        #expect(accepted.values.allSatisfy { $0 == 1 })
    }
}
