import FrontlineCore
import Testing

@testable import FrontlineStore

/// Replay decodes the next round of records in the background while the current one is applied:
/// the events must still come in log order, and a payload that does not decode must stop the
/// replay exactly at its place.
@Suite struct ReplayOrderTests {
    /// `count` records, more than two decoding rounds; `bad` gets a payload that does not decode.
    static func records(_ count: Int, bad: Int? = nil) -> [StoredRecord] {
        (1...count).map { n in
            let event = EventLogTests.event(n)
            let payload = n == bad ? [LogEvent.binaryFormat, 0xEE] : event.binaryPayload()
            let record = LogRecord(seq: UInt64(n), timeMillis: Int64(n), prevHash: [UInt8](repeating: 0, count: 32), type: event.type, payload: payload)
            return StoredRecord(record: record, hash: [UInt8](repeating: UInt8(n & 0xFF), count: 32), segment: "test", offset: n)
        }
    }

    @Test func eventsComeInLogOrderAcrossRounds() throws {
        let count = StoredRecord.decodeRound * (StoredRecord.roundsAhead + 3) + 123
        var seen: [UInt64] = []
        try StoredRecord.forEachEvent(in: Self.records(count)) { stored, event in
            guard case .articleRejected(let rejected) = event, rejected.file == "file-\(stored.seq).txt" else {
                Issue.record("record \(stored.seq) came with another record's event: \(event)")
                return
            }
            seen.append(stored.seq)
        }
        #expect(seen == (1...UInt64(count)).map { $0 })
    }

    @Test func anUndecodablePayloadStopsTheReplayAtItsPlace() throws {
        let bad = StoredRecord.decodeRound * (StoredRecord.roundsAhead + 2) + 7
        var applied = 0
        #expect(throws: LogPayloadError.self) {
            try StoredRecord.forEachEvent(in: Self.records(bad + 5000, bad: bad)) { _, _ in applied += 1 }
        }
        #expect(applied == bad - 1)
    }

    @Test func nothingToReplayCallsNothing() throws {
        var calls = 0
        try StoredRecord.forEachEvent(in: []) { _, _ in calls += 1 }
        #expect(calls == 0)
    }
}
