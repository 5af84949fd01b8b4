import Foundation
public import FrontlineCore

extension StoredRecord {
    /// Records decoded per round of ``forEachEvent(in:_:)``: a round's events are made on one
    /// core and dropped on the other while their memory is still in cache, so a replay reuses a
    /// little memory instead of touching fresh pages for every event (which is slow, and slower
    /// still under a hypervisor).
    public static let decodeRound = 256
    /// Rounds decoded or queued ahead of the one applied.
    static let roundsAhead = 2

    /// Calls `body` with each record and its event, in log order, a round at a time: while
    /// `body` applies one round on this thread, the next is decoded on another. A payload that
    /// does not decode is thrown at its place in the order.
    public static func forEachEvent(
        in records: [StoredRecord], _ body: (StoredRecord, LogEvent) throws -> Void
    ) throws {
        let rounds = stride(from: records.startIndex, to: records.endIndex, by: Self.decodeRound).map {
            $0..<min($0 + Self.decodeRound, records.endIndex)
        }
        // Rounds are decoded one after another on a queue of their own, a few ahead of the one
        // applied, so a slow round on either side does not stall the other.
        let decoder = DispatchQueue(label: "frontline.replay.decode")
        var ahead: [DecodingRound] = []
        var submitted = 0
        // Rounds still decoding when `body` throws are waited for, not left running.
        defer { for round in ahead { _ = round.events } }
        for range in rounds {
            while submitted < rounds.count, ahead.count < Self.roundsAhead {
                ahead.append(DecodingRound(records[rounds[submitted]], on: decoder))
                submitted += 1
            }
            let events = ahead.removeFirst().events
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

    init(_ records: ArraySlice<StoredRecord>, on queue: DispatchQueue) {
        queue.async(group: self.done) {
            self.decoded = records.map { record in Result { try record.event() } }
        }
    }

    /// The round's events, once decoded.
    var events: [Result<LogEvent, any Error>] {
        self.done.wait()
        return self.decoded
    }
}
