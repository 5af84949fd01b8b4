import Foundation
import FrontlineStore
import SystemPackage
import Testing

/// With `processed = "keep"` the files stay in the inbox and are seen again at every start and
/// rescan; their identity (device, inode, size, mtime) is in the log, so they are not recorded
/// again. A copy of the same bytes under a new name is a new file: one duplicate record.
@Suite(.serialized) struct KeptFilesTests {
    @Test func keptFilesAreNotRecordedAgainAfterARestart() throws {
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        let config = daemon.work.appendingPathComponent("keep.toml")
        try """
            processed = "keep"
            lexicon_dir = "\(Project.root.appendingPathComponent("Config/lexicon").path)"
            """.write(to: config, atomically: true, encoding: .utf8)
        daemon.config = config
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }
        #expect(daemon.stop() == 0)
        let logDirectory = FilePath(daemon.state.path).appending("log")
        let recordsBefore = try EventLog.readAll(directory: logDirectory).records.count

        let again = try DaemonProcess(work: daemon.work)
        again.config = config
        try again.start()
        // Files dropped after the restart's scan get their outcomes after the kept files had theirs.
        let before = try again.outcomes()
        try again.drop(text: "", as: "empty.txt")
        try waitUntil("the empty file's rejection") { try again.outcomes() > before }
        try again.dropAndWait(Project.seeds[0], as: "copy-of-first.txt")
        #expect(again.stop() == 0)
        let records = try EventLog.readAll(directory: logDirectory).records.dropFirst(recordsBefore)
        let types = try records.map { try $0.event().type }
        #expect(types.filter { $0.hasPrefix("article.") } == ["article.rejected", "article.duplicate"], "records after the restart: \(types)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: again.inbox.path).filter { $0.hasSuffix(".txt") }
        #expect(kept.count == Project.seeds.count + 1)
    }
}
