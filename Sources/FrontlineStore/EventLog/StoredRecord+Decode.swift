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
        let results = DecodedChunks(count: chunks)
        let size = (records.count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = records.startIndex + chunk * size
            let end = min(start + size, records.endIndex)
            guard start < end else { return results.set(chunk, []) }
            results.set(chunk, records[start..<end].map { record in Result { try record.event() } })
        }
        return results.joined
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

/// One decoded chunk per slot, each written once by the thread that decoded it.
private final class DecodedChunks: @unchecked Sendable {
    private var chunks: [[Result<LogEvent, any Error>]]
    private let lock = NSLock()

    init(count: Int) { self.chunks = Array(repeating: [], count: count) }

    func set(_ index: Int, _ results: [Result<LogEvent, any Error>]) { self.lock.withLock { self.chunks[index] = results } }

    var joined: [Result<LogEvent, any Error>] { self.lock.withLock { self.chunks.flatMap { $0 } } }
}
