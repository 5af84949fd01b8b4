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

    /// Calls `body` with each record and its event, in log order, decoding a round at a time on
    /// every core; a payload that does not decode is thrown at its place in the order.
    public static func forEachEvent(
        in records: [StoredRecord], _ body: (StoredRecord, LogEvent) throws -> Void
    ) throws {
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(start + Self.decodeRound, records.endIndex)
            for (record, event) in zip(records[start..<end], Self.decodeEvents(records[start..<end])) {
                try body(record, try event.get())
            }
            start = end
        }
    }
}
