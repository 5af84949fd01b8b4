import Foundation
import FrontlineCore

extension StoredRecord {
    /// The record as one NDJSON line (`log export`, `GET /v1/log`): seq, time, type, hash,
    /// prev_hash and the payload as stored.
    public var ndjsonLine: String {
        let record = self.record
        let time = Date(timeIntervalSince1970: Double(record.timeMillis) / 1000)
        let payload = String(decoding: record.payload, as: UTF8.self)
        return #"{"seq":\#(record.seq),"time":"\#(Self.iso.string(from: time))","type":"\#(record.type)","hash":"\#(Hex.encode(self.hash))","prev_hash":"\#(Hex.encode(record.prevHash))","payload":\#(payload)}"#
            + "\n"
    }

    nonisolated(unsafe) public static let iso: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
