import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

@Suite struct GroupCommitTests {
    /// Many writers at once share fsyncs; every record is durable, in one chain, in submit order.
    @Test func concurrentBatchesShareFsyncs() async throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let (log, _, _) = try EventLog.open(directory: directory)
        let writers = 8
        let batchesPerWriter = 50
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    // A burst: submit everything, then wait (an ingest under load does the same).
                    let commits = try (0..<batchesPerWriter).map { n in
                        try log.submit([EventLogTests.event(writer * 1000 + n)], timeMillis: 1)
                    }
                    for commit in commits { try await commit.durable() }
                }
            }
            try await group.waitForAll()
        }
        let statistics = log.statistics
        #expect(statistics.records == UInt64(writers * batchesPerWriter))
        #expect(statistics.batches == UInt64(writers * batchesPerWriter))
        #expect(statistics.fsyncs < statistics.batches, "no two batches shared an fsync: \(statistics)")
        log.close()
        let (_, report, records) = try EventLog.open(directory: directory)
        #expect(report.truncatedBytes == 0)
        #expect(records.map(\.seq) == (1...UInt64(writers * batchesPerWriter)).map { $0 })
    }

    /// At a low rate each batch gets its own fsync, and `append` returns only once it is durable.
    @Test func aLoneBatchIsDurableWhenAppendReturns() throws {
        let temp = try TemporaryDirectory()
        let (log, _, _) = try EventLog.open(directory: FilePath(temp.path))
        for n in 1...5 {
            let records = try log.append([EventLogTests.event(n)], timeMillis: 1)
            #expect(log.head.seq == records[0].seq)
        }
        #expect(log.statistics.fsyncs == 5)
    }

    /// After a write failure the log is poisoned: queued and later batches fail, none is retried.
    @Test func aFailedWritePoisonsTheLog() throws {
        let disk = SimulatedDisk()
        let (log, _, _) = try EventLog.open(storage: disk)
        try log.append([EventLogTests.event(1)], timeMillis: 1)
        var random = SeededGenerator(state: 1)
        _ = disk.powerLoss(using: &random)
        #expect(throws: StoreError.self) { try log.append([EventLogTests.event(2)], timeMillis: 1) }
        #expect(throws: StoreError.self) { _ = try log.submit([EventLogTests.event(3)], timeMillis: 1) }
        #expect(log.head.seq == 1)
    }
}
