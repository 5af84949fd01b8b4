import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

/// Segments are scanned each on its own, on every core at once, and the links between them are
/// checked after: damage at a segment's start must be found and named as a scan in order would.
@Suite struct SegmentChainTests {
    /// A log of `count` records in segments of about three records each.
    static func writeSegmentedLog(_ count: Int, in directory: FilePath, file: String = "file") throws -> [String] {
        let (log, _, _) = try EventLog.open(directory: directory, segmentLimit: 300)
        for n in 1...count {
            try log.append([.articleRejected(RejectedRecord(id: nil, file: "\(file)-\(n).txt", reason: "test record \(n)"))], timeMillis: Int64(n))
        }
        log.close()
        return try Self.segments(directory)
    }

    static func segments(_ directory: FilePath) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.string).filter { $0.hasSuffix(".log") }.sorted()
    }

    static func firstSeq(_ segment: String) -> UInt64 { UInt64(segment.prefix(20))! }

    static func verify(_ directory: FilePath, checkpoints: [(path: String, checkpoint: Checkpoint)] = []) throws -> LogVerification {
        try LogVerifier.verify(storage: PosixLogStorage(directory: directory), checkpoints: checkpoints)
    }

    /// Verify found damage at the start of `segment`, named as a scan in order names it, with
    /// valid records after it, and the log's head just before it.
    static func expectDamage(
        _ result: LogVerification, atStartOf segment: String, expectedSeq: UInt64, reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let damage = try #require(result.damage, sourceLocation: sourceLocation)
        #expect(damage.segment == segment, sourceLocation: sourceLocation)
        #expect(damage.offset == 0, sourceLocation: sourceLocation)
        #expect(damage.expectedSeq == expectedSeq, sourceLocation: sourceLocation)
        #expect(damage.reason == reason, sourceLocation: sourceLocation)
        #expect(damage.followedByValidRecords, sourceLocation: sourceLocation)
        #expect(result.head.records == expectedSeq - 1, sourceLocation: sourceLocation)
    }

    static func expectRefusedToOpen(_ directory: FilePath, naming segment: String) {
        #expect {
            _ = try EventLog.open(directory: directory)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .corrupt && error.message.contains("segment \(segment) offset 0")
        }
    }

    /// Records read back are not copied out of their segments: they share the mapped sealed
    /// segments and the last one's buffer, which must outlive the open log and the listing.
    @Test func recordsReadBackOutliveTheLogAndKeepTheirBytes() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let segments = try Self.writeSegmentedLog(20, in: directory)
        #expect(segments.count > 3)
        var records: [StoredRecord] = []
        do {
            let opened = try EventLog.open(directory: directory, segmentLimit: 300)
            opened.log.close()
            records = opened.records
        }
        #expect(records.map(\.seq) == Array(1...20))
        #expect(Set(records.map(\.segment)) == Set(segments))
        for (index, stored) in records.enumerated() {
            guard case .articleRejected(let rejected) = try stored.event() else {
                Issue.record("record \(stored.seq) is not the rejection written")
                continue
            }
            #expect(rejected.file == "file-\(stored.seq).txt")
            #expect(stored.timeMillis == Int64(stored.seq))
            #expect(stored.record.payload == stored.withPayload { Array($0) })
            if index > 0 { #expect(stored.record.prevHash == records[index - 1].hash) }
        }
    }

    @Test func aMissingSegmentIsDamageWhereItsSuccessorBegins() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let segments = try Self.writeSegmentedLog(14, in: directory)
        try #require(segments.count >= 4)
        try FileManager.default.removeItem(atPath: directory.appending(segments[1]).string)
        try Self.expectDamage(
            Self.verify(directory), atStartOf: segments[2], expectedSeq: Self.firstSeq(segments[1]),
            reason: "sequence \(Self.firstSeq(segments[2])) where \(Self.firstSeq(segments[1])) was expected")
        Self.expectRefusedToOpen(directory, naming: segments[2])
    }

    @Test func aSegmentFromAnotherLogBreaksTheChain() throws {
        let ours = try TemporaryDirectory()
        let theirs = try TemporaryDirectory()
        let segments = try Self.writeSegmentedLog(14, in: FilePath(ours.path), file: "ours")
        // Names of the same length give the other log the same segment boundaries.
        #expect(try Self.writeSegmentedLog(14, in: FilePath(theirs.path), file: "them") == segments)
        try FileManager.default.removeItem(atPath: ours.path + "/" + segments[2])
        try FileManager.default.copyItem(atPath: theirs.path + "/" + segments[2], toPath: ours.path + "/" + segments[2])
        try Self.expectDamage(
            Self.verify(FilePath(ours.path)), atStartOf: segments[2], expectedSeq: Self.firstSeq(segments[2]),
            reason: "hash chain broken: previous hash does not match")
        Self.expectRefusedToOpen(FilePath(ours.path), naming: segments[2])
    }

    @Test func aDamagedFirstFrameOfALaterSegmentIsNamedWithItsSequence() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let segments = try Self.writeSegmentedLog(14, in: directory)
        let path = directory.appending(segments[2]).string
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[30] ^= 0x08
        try bytes.write(to: URL(fileURLWithPath: path))
        try Self.expectDamage(Self.verify(directory), atStartOf: segments[2], expectedSeq: Self.firstSeq(segments[2]), reason: "CRC32C mismatch")
    }

    @Test func theFirstUndecodablePayloadInLogOrderIsNamed() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let (log, _, _) = try EventLog.open(directory: directory, segmentLimit: 300)
        for n in 1...14 {
            let good = EventLogTests.event(n)
            // Whole frames with valid CRCs whose payloads are not a record: a writer's fault.
            let payload = n == 5 || n == 11 ? [LogEvent.binaryFormat, 0xEE] : good.binaryPayload()
            try log.submit(encoded: [(good.type, payload)], timeMillis: Int64(n)).waitDurable()
        }
        log.close()
        let segments = try Self.segments(directory)
        let holding5 = try #require(segments.last { Self.firstSeq($0) <= 5 })
        #expect(segments.last { Self.firstSeq($0) <= 11 } != holding5)
        let result = try Self.verify(directory)
        #expect(result.damage == nil)
        #expect(result.head.records == 14)
        let undecodable = try #require(result.undecodable)
        #expect(undecodable.hasPrefix("segment \(holding5) "))
        #expect(undecodable.contains("record seq 5, article.rejected"))
    }

    @Test func checkpointsInEverySegmentAreChecked() throws {
        let temp = try TemporaryDirectory()
        let store = CheckpointStore(stateDirectory: FilePath(temp.path))
        let key = try store.loadOrCreateKey()
        let directory = FilePath(temp.path).appending("log")
        let (log, _, _) = try EventLog.open(directory: directory, segmentLimit: 300)
        for n in 1...14 {
            try log.append([EventLogTests.event(n)], timeMillis: Int64(n))
            if [2, 8, 14].contains(n) { try store.write(head: log.head, time: "t\(n)", key: key) }
        }
        log.close()
        #expect(try Self.segments(directory).count >= 4)
        let result = try Self.verify(directory, checkpoints: store.all().checkpoints)
        #expect(result.isIntact)
        #expect(result.checkpoints.map(\.checkpoint.records) == [2, 8, 14])
        #expect(result.checkpoints.allSatisfy { $0.result == .verified })
    }
}
