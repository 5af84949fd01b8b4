import Foundation
import FrontlineCore

extension StoredRecord {
    /// The record as one NDJSON line (`log export`, `GET /v1/log`): seq, time, type, hash,
    /// prev_hash and the payload as JSON (a JSON payload as stored, a binary one decoded and
    /// written as the same sorted-key JSON); throws for a payload that does not decode.
    public func ndjsonLine() throws -> String {
        let record = self.record
        let time = Date(timeIntervalSince1970: Double(record.timeMillis) / 1000)
        let json = record.payload.first == LogEvent.jsonFormat ? Data(record.payload) : try self.event().jsonPayload()
        let payload = String(decoding: json, as: UTF8.self)
        return #"{"seq":\#(record.seq),"time":"\#(Self.iso.string(from: time))","type":"\#(record.type)","hash":"\#(Hex.encode(self.hash))","prev_hash":"\#(Hex.encode(record.prevHash))","payload":\#(payload)}"#
            + "\n"
    }

    nonisolated(unsafe) public static let iso: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
