import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

@Suite struct EventLogTests {
    static func event(_ n: Int) -> LogEvent {
        .articleRejected(RejectedRecord(id: nil, file: "file-\(n).txt", reason: "test record \(n)"))
    }

    /// Writes records 1...count, one append each, and returns them as read back.
    @discardableResult
    static func writeRecords(_ count: Int, in directory: FilePath) throws -> [StoredRecord] {
        let (log, _, _) = try EventLog.open(directory: directory)
        for n in 1...count { try log.append([Self.event(n)], timeMillis: Int64(n)) }
        log.close()
        return try EventLog.readAll(directory: directory).records
    }

    static func segmentFile(_ directory: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }.sorted()
        return directory + "/" + names.last!
    }

    @Test func appendedRecordsSurviveReopenWithTheirChain() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        do {
            let (log, _, records) = try EventLog.open(directory: directory)
            #expect(records.isEmpty)
            _ = try log.append([Self.event(1), Self.event(2)], timeMillis: 1)
            _ = try log.append([Self.event(3)], timeMillis: 2)
            #expect(log.head.seq == 3)
        }
        let (log, report, records) = try EventLog.open(directory: directory)
        #expect(report.truncatedBytes == 0)
        #expect(records.map(\.seq) == [1, 2, 3])
        #expect(records[1].record.prevHash == records[0].hash)
        #expect(try records[2].event() == Self.event(3))
        #expect(log.head.hash == records[2].hash)
    }

    /// A log written before binary payloads holds JSON ones; the same log then continued by this
    /// version reads, verifies and exports as one, each record as the same JSON.
    @Test func aLogOfJSONPayloadsContinuedInBinaryReadsAsOne() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let events = (1...6).map(Self.event) + [.alertDelivered(DeliveryRecord(target: "hook", alerts: ["a1"], queued: ["a2"]))]
        do {
            let (log, _, _) = try EventLog.open(directory: directory)
            let old = try events[..<3].map { (type: $0.type, payload: [UInt8](try $0.jsonPayload())) }
            try log.submit(encoded: old, timeMillis: 1).waitDurable()
            try log.append(Array(events[3...]), timeMillis: 2)
            log.close()
        }
        let records = try EventLog.readAll(directory: directory).records
        #expect(records.map { $0.record.payload.first } == [0x7B, 0x7B, 0x7B, 0x01, 0x01, 0x01, 0x01])
        #expect(try records.map { try $0.event() } == events)
        #expect(try LogVerifier.verify(storage: PosixLogStorage(directory: directory), checkpoints: []).isIntact)
        for (record, event) in zip(records, events) {
            let line = try JSONSerialization.jsonObject(with: Data(try record.ndjsonLine().utf8)) as? [String: Any]
            let payload = try JSONSerialization.data(withJSONObject: try #require(line?["payload"]), options: [.sortedKeys, .withoutEscapingSlashes])
            #expect(payload == (try event.jsonPayload()), "seq \(record.seq)")
        }
    }

    @Test func segmentsRotateAndChainAcrossFiles() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        do {
            let (log, _, _) = try EventLog.open(directory: directory, segmentLimit: 300)
            for n in 1...10 { _ = try log.append([Self.event(n)], timeMillis: Int64(n)) }
        }
        let segments = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasSuffix(".log") }
        #expect(segments.count > 1)
        let (_, _, records) = try EventLog.open(directory: directory, segmentLimit: 300)
        #expect(records.map(\.seq) == Array(1...10))
    }

    /// Cutting the file at every byte offset inside the last two records always recovers a clean prefix.
    @Test func tornTailIsCutBackAtEveryOffset() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let records = try Self.writeRecords(5, in: directory)
        let segment = try Self.segmentFile(temp.path)
        let original = try Data(contentsOf: URL(fileURLWithPath: segment))
        let fourthStart = records[3].offset
        for cut in fourthStart..<original.count {
            try original.prefix(cut).write(to: URL(fileURLWithPath: segment))
            let (log, report, recovered) = try EventLog.open(directory: directory)
            let expected: UInt64 = cut >= records[4].offset ? 4 : 3
            #expect(recovered.last?.seq == expected, "cut at \(cut)")
            #expect(report.truncatedBytes == cut - (expected == 4 ? records[4].offset : fourthStart), "cut at \(cut)")
            // The log is writable again after recovery, continuing the chain.
            let appended = try log.append([Self.event(99)], timeMillis: 9)
            #expect(appended[0].seq == expected + 1)
            #expect(appended[0].record.prevHash == recovered.last?.hash)
            try original.write(to: URL(fileURLWithPath: segment))
            for name in try FileManager.default.contentsOfDirectory(atPath: temp.path) where name.hasPrefix("torn-") {
                try FileManager.default.removeItem(atPath: temp.path + "/" + name)
            }
        }
    }

    @Test(arguments: ["zeros", "random"])
    func garbledTailIsCut(kind: String) throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        try Self.writeRecords(3, in: directory)
        let segment = try Self.segmentFile(temp.path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<200).map { _ in kind == "zeros" ? UInt8(0) : UInt8.random(in: 0...255, using: &generator) }
        bytes.append(contentsOf: garbage)
        try bytes.write(to: URL(fileURLWithPath: segment))
        let (_, report, records) = try EventLog.open(directory: directory)
        #expect(records.map(\.seq) == [1, 2, 3])
        #expect(report.truncatedBytes == 200)
        let saved = try #require(report.savedTailPath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: saved)) == Data(garbage))
    }

    @Test func flippedByteInTheMiddleIsRefused() throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let records = try Self.writeRecords(5, in: directory)
        let segment = try Self.segmentFile(temp.path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        let target = records[1].offset + 30
        bytes[target] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: segment))
        #expect {
            _ = try EventLog.open(directory: directory)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .corrupt && error.message.contains("offset \(records[1].offset)")
                && error.message.contains("seq 2")
        }
        // Nothing was cut: the damaged file is left for the operator.
        #expect(try Data(contentsOf: URL(fileURLWithPath: segment)) == bytes)
    }

    @Test func secondOpenOfALockedStateDirectoryFails() throws {
        let temp = try TemporaryDirectory()
        let lock = try StateDirectoryLock(stateDirectory: FilePath(temp.path))
        _ = lock
        // flock locks belong to the open file description, so a second open in-process conflicts too.
        #expect(throws: StoreError(.locked, "")) {
            _ = try StateDirectoryLock(stateDirectory: FilePath(temp.path))
        }
    }
}

extension EventLogTests {
    /// The last records overwritten in place (a torn multi-sector write): cut back to the records before.
    @Test(arguments: ["zeros", "random"])
    func overwrittenTailIsCut(kind: String) throws {
        let temp = try TemporaryDirectory()
        let directory = FilePath(temp.path)
        let records = try Self.writeRecords(5, in: directory)
        let segment = try Self.segmentFile(temp.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        var generator = SystemRandomNumberGenerator()
        for start in [records[3].offset, records[4].offset, records[4].offset + 9] {
            var damaged = bytes
            for index in start..<damaged.count { damaged[index] = kind == "zeros" ? 0 : UInt8.random(in: 0...255, using: &generator) }
            try damaged.write(to: URL(fileURLWithPath: segment))
            let (_, report, recovered) = try EventLog.open(directory: directory)
            let expected: UInt64 = start == records[3].offset ? 3 : 4
            #expect(recovered.last?.seq == expected, "overwritten from \(start)")
            let cutAt = expected == 3 ? records[3].offset : records[4].offset
            #expect(report.truncatedBytes == bytes.count - cutAt)
            try bytes.write(to: URL(fileURLWithPath: segment))
        }
    }
}
