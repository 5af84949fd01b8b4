import Crypto
import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

@Suite struct LogVerifierTests {
    struct Fixture: ~Copyable {
        let temp: TemporaryDirectory
        let store: CheckpointStore
        var logDirectory: FilePath { FilePath(self.temp.path).appending("log") }

        init(records: Int, checkpointAt: [Int]) throws {
            let temp = try TemporaryDirectory()
            let store = CheckpointStore(stateDirectory: FilePath(temp.path))
            let key = try store.loadOrCreateKey()
            let (log, _, _) = try EventLog.open(directory: FilePath(temp.path).appending("log"))
            for n in 1...records {
                try log.append([EventLogTests.event(n)], timeMillis: Int64(n))
                if checkpointAt.contains(n) { try store.write(head: log.head, time: "t", key: key) }
            }
            log.close()
            self.store = store
            self.temp = temp
        }

        func verify(extra: [(String, Checkpoint)] = []) throws -> LogVerification {
            try LogVerifier.verify(storage: PosixLogStorage(directory: self.logDirectory), checkpoints: self.store.all().checkpoints + extra)
        }

        /// Rewrites record `seq`'s payload and rebuilds the chain after it, as a forger would.
        func forge(from seq: Int) throws {
            let (records, _, _) = try EventLog.readAll(directory: self.logDirectory)
            for name in try FileManager.default.contentsOfDirectory(atPath: self.logDirectory.string) {
                try FileManager.default.removeItem(atPath: self.logDirectory.appending(name).string)
            }
            let (log, _, _) = try EventLog.open(directory: self.logDirectory)
            for stored in records {
                var event = try stored.event()
                if stored.seq == UInt64(seq) { event = .articleRejected(RejectedRecord(id: nil, file: "forged.txt", reason: "forged")) }
                try log.append([event], timeMillis: stored.timeMillis)
            }
            log.close()
        }
    }

    @Test func anIntactLogVerifiesWithItsCheckpoints() throws {
        let fixture = try Fixture(records: 20, checkpointAt: [5, 20])
        let result = try fixture.verify()
        #expect(result.isIntact)
        #expect(result.head.records == 20)
        #expect(result.checkpoints.map(\.result) == [.verified, .verified])
    }

    @Test func aRewrittenChainIsCaughtByAnEarlierCheckpoint() throws {
        let fixture = try Fixture(records: 20, checkpointAt: [10])
        let kept = try #require(fixture.store.all().checkpoints.first)
        try fixture.forge(from: 7)
        // The forged log is a valid chain on its own...
        let (_, _, damage) = try EventLog.readAll(directory: fixture.logDirectory)
        #expect(damage == nil)
        // ...but not the one the checkpoint signed.
        let result = try LogVerifier.verify(storage: PosixLogStorage(directory: fixture.logDirectory), checkpoints: [kept])
        #expect(!result.isIntact)
        guard case .headMismatch = result.checkpoints.first?.result else {
            Issue.record("expected a head mismatch, got \(String(describing: result.checkpoints.first?.result))")
            return
        }
    }

    @Test func aCutLogIsCaughtAndAForgedSignatureToo() throws {
        let fixture = try Fixture(records: 12, checkpointAt: [12])
        var checkpoint = try #require(fixture.store.all().checkpoints.first).checkpoint
        checkpoint.records = 30
        let result = try fixture.verify(extra: [("edited.json", checkpoint)])
        #expect(result.checkpoints.last?.result == .badSignature)
        let other = try Checkpoint.sign(records: 30, head: checkpoint.head, time: "t", key: Curve25519.Signing.PrivateKey())
        let beyond = try fixture.verify(extra: [("future.json", other)])
        #expect(beyond.checkpoints.last?.result == .beyondLog(records: 12))
        let pinned = try LogVerifier.verify(
            storage: PosixLogStorage(directory: fixture.logDirectory), checkpoints: [("future.json", other)],
            trustedKey: try #require(fixture.store.all().checkpoints.first).checkpoint.publicKey)
        guard case .wrongKey = pinned.checkpoints.first?.result else {
            Issue.record("a checkpoint signed by another key passed a pinned key")
            return
        }
    }

    @Test func aFlippedByteIsNamed() throws {
        let fixture = try Fixture(records: 6, checkpointAt: [])
        let (records, _, _) = try EventLog.readAll(directory: fixture.logDirectory)
        let path = fixture.logDirectory.appending(records[3].segment).string
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[records[3].offset + 40] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try fixture.verify()
        #expect(!result.isIntact)
        #expect(result.damage?.expectedSeq == 4)
        #expect(result.damage?.offset == records[3].offset)
        #expect(result.head.records == 3)
    }
}
