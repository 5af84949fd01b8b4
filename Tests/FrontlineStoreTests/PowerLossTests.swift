import Foundation
import FrontlineCore
import FrontlineStore
import Testing

/// Power loss at random moments behind the storage seam, in the spirit of SQLite's crash tests:
/// after every crash the log recovers to a clean prefix of what was submitted that holds every
/// acknowledged (durable) record, and it keeps working.
@Suite struct PowerLossTests {
    static var seeds: Int { ProcessInfo.processInfo.environment["FRONTLINE_STRESS"] == nil ? 300 : 3000 }

    static func event(_ n: Int) -> LogEvent {
        .articleRejected(RejectedRecord(id: nil, file: "file-\(n).txt", reason: String(repeating: "r", count: n % 300)))
    }

    @Test func everyAcknowledgedRecordSurvivesAndTheRestIsAPrefix() throws {
        for seed in 0..<Self.seeds {
            var random = SeededGenerator(state: UInt64(seed))
            var disk = SimulatedDisk()
            var submitted: [LogEvent] = []
            var acknowledged = 0
            // Several lives: run, lose power, recover, check, run again on the rebooted disk.
            for life in 0..<3 {
                let opened: (log: EventLog, recovery: RecoveryReport, records: [StoredRecord])
                do {
                    opened = try EventLog.open(storage: disk, segmentLimit: Int.random(in: 300...4000, using: &random))
                } catch {
                    Issue.record("seed \(seed) life \(life): recovery failed: \(error)")
                    return
                }
                let recovered = try opened.records.map { try $0.event() }
                #expect(recovered.count >= acknowledged, "seed \(seed) life \(life): acknowledged records lost")
                #expect(Array(submitted.prefix(recovered.count)) == recovered, "seed \(seed) life \(life): not a prefix")
                #expect(opened.records.map(\.seq) == (0..<recovered.count).map { UInt64($0 + 1) })
                submitted = recovered
                acknowledged = recovered.count
                let log = opened.log
                var commits: [LogCommit] = []
                for _ in 0..<Int.random(in: 1...25, using: &random) {
                    let batch = (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.event(submitted.count + 1 + Int.random(in: 0...1000, using: &random)) }
                    guard let commit = try? log.submit(batch, timeMillis: 1) else { break }
                    submitted += batch
                    commits.append(commit)
                    if Bool.random(using: &random) {
                        try commit.waitDurable()
                        acknowledged = submitted.count
                    }
                }
                disk = disk.powerLoss(using: &random)
                log.close()
                // Whatever the committer finished before the power went is acknowledged too.
                for commit in commits where commit.isFinished {
                    if (try? commit.waitDurable()) != nil, let last = commit.records.last {
                        acknowledged = max(acknowledged, Int(last.seq))
                    }
                }
            }
        }
    }
}
