import Foundation
import FrontlineCore
import FrontlineStore
import Logging
import SystemPackage
import Testing

@testable import FrontlineService

/// The alert book keeps what replay keeps (the outbox, the hook's queue, what the hook knows) and
/// forgets only alerts done with; the ingest state reads back from its snapshot as it was.
@Suite struct IngestStateTests {
    static func alert(_ seq: UInt64, _ kind: AlertKind = .claimNew, backfill: Bool = false) -> Alert {
        var alert = AlertHubTests.alert(seq)
        alert.kind = kind
        alert.backfill = backfill
        return alert
    }

    static func book() -> AlertBook {
        var book = AlertBook()
        book.note(.alertRaised(Self.alert(1)), seq: 1)
        book.note(.alertRaised(Self.alert(2)), seq: 2)
        book.note(.alertRaised(Self.alert(3, .claimCorroborated)), seq: 3)
        book.note(.alertRaised(Self.alert(4, backfill: true)), seq: 4)
        book.note(.alertDelivered(DeliveryRecord(target: "journal", alerts: ["al_1"])), seq: 5)
        book.note(.alertDelivered(DeliveryRecord(target: "hook", alerts: [], queued: ["al_1"])), seq: 6)
        return book
    }

    @Test func theBookKeepsTheOutboxAndTheHookQueueAndForgetsWhatIsDone() {
        var book = Self.book()
        #expect(book.outbox.map(\.alertID) == ["al_2"])
        #expect(book.hookBacklog.map(\.alertID) == ["al_1"])
        #expect(book.hookKnown == ["al_1"])
        book.prune()
        #expect(book.raised.map(\.alertID) == ["al_1", "al_2"], "the corroboration and the backfill alert are for the stream only")
        #expect(book.outbox.map(\.alertID) == ["al_2"] && book.hookBacklog.map(\.alertID) == ["al_1"])
        book.note(.alertDelivered(DeliveryRecord(target: "hook", alerts: ["al_1"])), seq: 7)
        book.note(.alertDelivered(DeliveryRecord(target: "journal", alerts: ["al_2"])), seq: 8)
        book.prune()
        #expect(book.raised.isEmpty && book.outbox.isEmpty && book.hookBacklog.isEmpty)
        #expect(book.hookKnown == ["al_1"], "the hook still knows what it ran")
    }

    @Test func theStateReadsBackFromItsSnapshot() throws {
        var state = IngestState(configuration: ClaimLedger.Configuration())
        state.recorded[FileIdentity(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4)] = .processed
        state.recorded[FileIdentity(device: 1, inode: 5, size: 6, modifiedNanoseconds: -7)] = .rejected("not an article: empty file")
        state.alerts = Self.book()
        state.position = LogPosition(seq: 8, hash: Array(repeating: 0xAB, count: 32))
        let bytes = try state.snapshot()
        let restored = try IngestState(snapshot: bytes, configuration: ClaimLedger.Configuration())
        var pruned = state
        pruned.alerts.prune()
        #expect(restored == pruned)
        #expect(restored.alerts.outbox == state.alerts.outbox && restored.alerts.hookBacklog == state.alerts.hookBacklog)

        var damaged = bytes
        damaged[damaged.count / 2] ^= 1
        #expect(throws: SnapshotFormatError.self) { try IngestState(snapshot: damaged, configuration: ClaimLedger.Configuration()) }
        #expect(throws: SnapshotFormatError.self) { try IngestState(snapshot: Array(bytes.dropLast()), configuration: ClaimLedger.Configuration()) }
    }

    /// The snapshot file is written as it is encoded, in buffers (large arrays straight through),
    /// and is byte for byte the snapshot made in memory.
    @Test func theSnapshotFileIsWrittenAsItIsEncoded() throws {
        var state = IngestState(configuration: ClaimLedger.Configuration())
        state.recorded[FileIdentity(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4)] = .rejected("not an article: empty file")
        state.alerts = Self.book()
        state.position = LogPosition(seq: 8, hash: Array(repeating: 0xAB, count: 32))
        let directory = NSTemporaryDirectory() + "snapshot-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = try state.snapshot()
        for chunk in [16, 4 << 20] {
            let path = FilePath(directory + "/ingest.snapshot")
            let written = try IngestSnapshotFile.write(state, to: path, chunk: chunk)
            let bytes = try Syscalls.readFile(path)
            #expect(written == expected.count && bytes == expected, "chunk \(chunk), first difference at \(bytes.indices.first { bytes[$0] != expected[$0] } ?? -1)")
            #expect(try IngestState(snapshot: bytes, configuration: ClaimLedger.Configuration()).position == state.position)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["ingest.snapshot"])
    }

    /// A stop killed while writing its snapshot leaves the temporary file; the next start removes
    /// it (and nothing else), then recovers as usual.
    @Test func aStartRemovesSnapshotsWhoseWritingNeverFinished() throws {
        let directory = NSTemporaryDirectory() + "snapshot-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = FilePath(directory)
        let abandoned = directory + "/.tmp-ingest.snapshot-4242-1"
        let other = directory + "/.tmp-checkpoint-4242-1"
        for path in [abandoned, other] { #expect(FileManager.default.createFile(atPath: path, contents: Data(count: 4096))) }
        let recovered = try IngestSnapshotFile(stateDirectory: state).recover(
            logDirectory: state.appending("log"), configuration: ClaimLedger.Configuration(), readModelSeq: 0, logger: Logger(label: "test"))
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(recovered.fromSnapshot == nil && recovered.records.isEmpty)
        recovered.log.close()
    }
}
