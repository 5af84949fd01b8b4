import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Thousands of files at once with the inotify queue made tiny, so it overflows: the rescan that
/// follows an overflow finds everything, and every file gets exactly one outcome.
/// `max_queued_events` is machine-wide: the suite is serialized, lowers it only while its daemon
/// creates its inotify instance (the limit is taken at creation), and restores it at once.
@Suite(.serialized) struct InboxBurstTests {
    static let limitPath = "/proc/sys/fs/inotify/max_queued_events"
    static var stress: Bool { ProcessInfo.processInfo.environment["FRONTLINE_STRESS"] != nil }

    static func readLimit() -> Int? {
        (try? String(contentsOfFile: Self.limitPath, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    static func writeLimit(_ value: Int) -> Bool {
        (try? "\(value)\n".write(toFile: Self.limitPath, atomically: false, encoding: .utf8)) != nil && Self.readLimit() == value
    }

    /// Tiny articles, 200 distinct and the rest copies of them: every file is still read, hashed,
    /// recorded (accepted or duplicate), fsynced and moved, so the test measures the watcher and
    /// the exactly-once bookkeeping. (Thousands of *distinct* articles are slow in a debug build:
    /// the syndication index is a linear scan, which the merging and performance issues replace.)
    static let distinct = 200

    static func tinyArticle(_ index: Int) -> String {
        "Bulletin \(index)\n\nThe market in district \(index) opened on time and traders reported calm, the council said in notice number \(index).\n"
    }

    @Test func aBurstOverflowsTheQueueAndEveryFileIsProcessedOnce() throws {
        let files = Self.stress ? 100_000 : 10_000
        let original = Self.readLimit() ?? 16384
        // A run that crashed while the limit was lowered left it tiny: put back the kernel default.
        let restore = original < 1024 ? 16384 : original
        let lowered = getuid() == 0 && Self.writeLimit(16)
        if !lowered { print("note: cannot lower \(Self.limitPath) here (not root, or /proc/sys read-only); the burst runs without a forced overflow") }
        let daemon: DaemonProcess
        do {
            defer { if lowered { _ = Self.writeLimit(restore) } }
            daemon = try DaemonProcess()
            try daemon.start()
        }
        defer { daemon.remove() }
        #expect(Self.readLimit() == restore, "the machine-wide limit is restored")

        // All written first, then renamed in as fast as rename(2) goes.
        let staged = try (0..<files).map { try daemon.stage(Data(Self.tinyArticle($0 % Self.distinct).utf8), as: "burst-\($0).txt") }
        for url in staged {
            #expect(daemon.renameIn(url, as: url.lastPathComponent))
        }
        try waitUntil("\(files) outcomes", timeout: Self.stress ? 3600 : 900) { try daemon.outcomes() >= files }
        #expect(daemon.stop() == 0)
        if lowered { #expect(daemon.log.contains("inotify queue overflowed"), "the queue overflowed and was rescanned") }
        let outcomes = try daemon.outcomeRecords()
        #expect(outcomes.count == files)
        let twice = outcomes.filter { $0.value.count != 1 }
        #expect(twice.isEmpty, "files with other than one outcome: \(twice.keys.sorted().prefix(5))")
        #expect(outcomes.values.filter { $0.first?.hasPrefix("accepted") == true }.count == Self.distinct)
        #expect(outcomes.values.filter { $0.first == "duplicate" }.count == files - Self.distinct)
        let left = try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).filter { $0.hasPrefix("burst-") }
        #expect(left.isEmpty, "files left in the inbox: \(left.count)")
    }
}
