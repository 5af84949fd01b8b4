import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A graceful stop writes `STATE/ingest.snapshot`; the next start reads it and replays only the
/// records after it, and goes on as a daemon that replayed the whole log: it knows every article
/// and file, it counts the same claims, and a crash after it (no new snapshot) or a damaged
/// snapshot still recovers everything.
@Suite(.serialized) struct SnapshotRestartTests {
    /// Times a message is in one run's output (each ``DaemonProcess`` has its own).
    static func occurrences(of text: String, in log: String) -> Int {
        log.components(separatedBy: text).count - 1
    }

    func dropAndWait(_ daemon: DaemonProcess, text: String, as name: String) throws {
        let before = try daemon.outcomes()
        try daemon.drop(text: text, as: name)
        try waitUntil("an outcome for \(name)") { try daemon.outcomes() > before }
    }

    @Test func aRestartReadsTheSnapshotAndGoesOnAsAReplayWould() throws {
        let work = URL(fileURLWithPath: "/tmp/flsnap-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let snapshot = work.appendingPathComponent("state/ingest.snapshot")
        let readFromSnapshot = "ingest state read from the snapshot"

        let first = try DaemonProcess(work: work)
        try first.start()
        for seed in Project.seeds { try first.dropAndWait(seed) }
        try self.dropAndWait(first, text: sentinelArticle(1), as: "sentinel-1.txt")
        try self.dropAndWait(first, text: "", as: "empty.txt")
        let claims = try first.counter("claims")
        #expect(claims > 4)
        #expect(first.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: snapshot.path))
        #expect(first.log.contains("ingest snapshot written"))
        #expect(!first.log.contains(readFromSnapshot), "the first start had no snapshot")

        // Restart: the state comes from the snapshot, and the ledger knows every article.
        let second = try DaemonProcess(work: work)
        try second.start()
        #expect(Self.occurrences(of: readFromSnapshot, in: second.log) == 1)
        #expect(try second.counter("claims") == claims)
        let duplicates = try second.counter("articles_duplicate")
        try second.drop(Project.seeds[0], as: "seed-again.txt")
        try waitUntil("the seed's copy to be a duplicate") { try second.counter("articles_duplicate") == duplicates + 1 }
        try self.dropAndWait(second, text: sentinelArticle(2), as: "sentinel-2.txt")
        #expect(try second.counter("claims") == claims + 1)
        // A crash: no new snapshot, so the next start reads the old one and replays the records since.
        kill(second.process.processIdentifier, SIGKILL)
        second.process.waitUntilExit()

        let third = try DaemonProcess(work: work)
        try third.start()
        #expect(Self.occurrences(of: readFromSnapshot, in: third.log) == 1)
        #expect(try third.counter("claims") == claims + 1)
        try third.drop(text: sentinelArticle(2), as: "sentinel-2-again.txt")
        try waitUntil("the copy of an article recorded after the snapshot to be a duplicate") {
            try third.counter("articles_duplicate") == duplicates + 2
        }
        #expect(try third.counter("articles_accepted") == Project.seeds.count + 2)
        #expect(third.stop() == 0)
        #expect(Self.occurrences(of: "ingest snapshot written", in: third.log) == 1)

        // A damaged snapshot is not used: the whole log is replayed, with the same result.
        var bytes = try [UInt8](Data(contentsOf: snapshot))
        bytes[bytes.count / 2] ^= 0x5A
        try Data(bytes).write(to: snapshot)
        let fourth = try DaemonProcess(work: work)
        try fourth.start()
        #expect(fourth.log.contains("ingest snapshot not used: checksum mismatch"))
        #expect(!fourth.log.contains(readFromSnapshot))
        #expect(try fourth.counter("claims") == claims + 1)
        try fourth.drop(text: sentinelArticle(1), as: "sentinel-1-again.txt")
        try waitUntil("the copy to be a duplicate after a whole replay") { try fourth.counter("articles_duplicate") == duplicates + 3 }
        #expect(fourth.stop() == 0)
    }
}
