import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage

/// The event log on its own, in this process: group-commit append, verify, and replay.
enum LogBench {
    /// Appends at least `records` records, as the daemon does: one batch per article, submitted
    /// without waiting, so the committer writes whatever is queued with one fsync.
    static func append(template: LogTemplate, directory: String, records: Int, unique: Bool) throws -> (seconds: Double, head: LogHead, stats: CommitStatistics) {
        try? FileManager.default.removeItem(atPath: directory)
        let (log, _, _) = try EventLog.open(directory: FilePath(directory))
        var submitted = 0
        var last: LogCommit?
        let start = Stopwatch.now()
        var replica = 0
        while submitted < records {
            for index in template.batches.indices where submitted < records {
                let batch = template.batch(index, replica: unique ? replica : 0)
                last = try log.submit(encoded: batch, timeMillis: 1_790_000_000_000 + Int64(submitted))
                submitted += batch.count
            }
            replica += 1
        }
        try last?.waitDurable()
        let seconds = Stopwatch.seconds(since: start)
        let result = (seconds, log.head, log.statistics)
        log.close()
        return result
    }

    static func run(template: LogTemplate, work: String, records: Int, keep: Bool = false) throws -> [Figure] {
        var figures: [Figure] = []
        let directory = work + "/log-append"
        let append = try Self.append(template: template, directory: directory, records: records, unique: false)
        let megabytes = Double(append.head.bytes) / 1e6
        figures.append(
            .atLeast(
                "log: append with group commit", Double(append.head.records) / append.seconds, 100_000, unit: "records/s",
                note: "\(append.head.records) records (\(Figure.format(megabytes)) MB) of real article, claim and alert records in per-article batches; \(append.stats.fsyncs) fsyncs for \(append.stats.batches) batches"))

        let storage = try PosixLogStorage(directory: FilePath(directory))
        var intact = false
        let verifySeconds = try Stopwatch.time { intact = try LogVerifier.verify(storage: storage, checkpoints: []).isIntact }
        guard intact else { throw BenchFailure("the log written at \(directory) does not verify") }
        figures.append(.atLeast("log: verify (hash chain, CRC, decode)", megabytes / verifySeconds, 300, unit: "MB/s", note: "LogVerifier over \(Figure.format(megabytes)) MB"))

        var opened: [StoredRecord] = []
        let openSeconds = try Stopwatch.time {
            let result = try EventLog.open(directory: FilePath(directory))
            opened = result.records
            result.log.close()
        }
        var ledger = ClaimLedger()
        let replaySeconds = try Stopwatch.time {
            // As the daemon's start does: decoded a few rounds ahead on another core, applied in order.
            try StoredRecord.forEachEvent(in: opened) { _, event in ledger.apply(event) }
        }
        opened = []
        figures.append(
            .atLeast("log: replay (open, scan, decode, rebuild the ledger)", megabytes / (openSeconds + replaySeconds), 300, unit: "MB/s",
                     note: "open and scan \(String(format: "%.2f", openSeconds)) s, decode and apply \(String(format: "%.2f", replaySeconds)) s"))
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
        return figures
    }
}
