import Foundation
public import FrontlineCore

extension StoredRecord {
    /// Records decoded per round of `decodeEvents`: enough to keep every core busy, few enough
    /// that a round's events are a small part of the log in memory.
    public static let decodeRound = 8_192

    /// The events of `records`, decoded on every core (decoding is pure; JSON decoding is most of
    /// the cost of reading the log back), in order, each with its record or the error that stopped it.
    public static func decodeEvents(_ records: ArraySlice<StoredRecord>) -> [Result<LogEvent, any Error>] {
        let chunks = min(records.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunks > 1 else { return records.map { record in Result { try record.event() } } }
        let size = (records.count + chunks - 1) / chunks
        let ranges = stride(from: records.startIndex, to: records.endIndex, by: size).map { $0..<min($0 + size, records.endIndex) }
        return Concurrent.map(ranges) { range in records[range].map { record in Result { try record.event() } } }.flatMap { $0 }
    }

    /// Calls `body` with each record and its event, in log order, a round at a time: while
    /// `body` applies one round on this thread, the next is decoded on the other cores. A payload
    /// that does not decode is thrown at its place in the order.
    public static func forEachEvent(
        in records: [StoredRecord], _ body: (StoredRecord, LogEvent) throws -> Void
    ) throws {
        let rounds = stride(from: records.startIndex, to: records.endIndex, by: Self.decodeRound).map {
            $0..<min($0 + Self.decodeRound, records.endIndex)
        }
        guard let first = rounds.first else { return }
        var next = DecodingRound(records[first])
        // A round still decoding when `body` throws is waited for, not left running.
        defer { _ = next.events }
        for (index, range) in rounds.enumerated() {
            let events = next.events
            if index + 1 < rounds.count { next = DecodingRound(records[rounds[index + 1]]) }
            for (record, event) in zip(records[range], events) {
                try body(record, try event.get())
            }
        }
    }
}

/// One round of records being decoded in the background.
private final class DecodingRound: @unchecked Sendable {
    private let done = DispatchGroup()
    private var decoded: [Result<LogEvent, any Error>] = []

    init(_ records: ArraySlice<StoredRecord>) {
        DispatchQueue.global().async(group: self.done) {
            self.decoded = StoredRecord.decodeEvents(records)
        }
    }

    /// The round's events, once decoded.
    var events: [Result<LogEvent, any Error>] {
        self.done.wait()
        return self.decoded
    }
}
