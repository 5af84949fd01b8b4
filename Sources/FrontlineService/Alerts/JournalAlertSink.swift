import CSystemd
public import FrontlineCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes alerts to the systemd journal with `sd_journal_sendv(3)`, one iovec per `FIELD=value`:
/// `MESSAGE` is the summary, `MESSAGE_ID` fixed per alert kind (see systemd/frontline.catalog),
/// `PRIORITY` 5 or 6, and the `FRONTLINE_*` fields of INTERFACE.md.
public struct JournalAlertSink: AlertSink {
    public init() {}

    public struct JournalError: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "sd_journal_sendv failed: errno \(-self.code)" }
    }

    /// The fields of one alert's journal entry, in order.
    public static func fields(for alert: Alert) -> [(String, String)] {
        let claim = alert.claim
        var places = claim.places.map(\.name)
        places += claim.areas.map(\.text)
        return [
            ("MESSAGE", alert.summary),
            ("MESSAGE_ID", alert.kind.messageID),
            ("PRIORITY", String(alert.kind.priority)),
            ("SYSLOG_IDENTIFIER", "frontlined"),
            ("FRONTLINE_ALERT_ID", alert.alertID),
            ("FRONTLINE_CLAIM_ID", claim.id),
            ("FRONTLINE_KIND", alert.kind.rawValue),
            ("FRONTLINE_CLAIMANT", claim.claimant?.name ?? ""),
            ("FRONTLINE_OPPONENT", claim.opponent?.name ?? ""),
            ("FRONTLINE_PLACES", places.joined(separator: "; ")),
            ("FRONTLINE_EVENT_DATE", claim.eventDate ?? ""),
            ("FRONTLINE_SOURCES", String(claim.sources.count)),
            ("FRONTLINE_ARTICLE", alert.article),
            ("FRONTLINE_SEQ", String(alert.seq)),
        ]
    }

    public func deliver(_ alert: Alert) async throws {
        let entries = Self.fields(for: alert).map { Array("\($0.0)=\($0.1)".utf8) }
        let result = Self.send(entries)
        if result < 0 { throw JournalError(code: result) }
    }

    static func send(_ entries: [[UInt8]]) -> Int32 {
        var buffers = entries.map { entry -> UnsafeMutableRawBufferPointer in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(entry.count, 1), alignment: 1)
            buffer.copyBytes(from: entry)
            return buffer
        }
        defer { for buffer in buffers { buffer.deallocate() } }
        var vectors = zip(buffers.indices, entries).map { index, entry in
            iovec(iov_base: buffers[index].baseAddress, iov_len: entry.count)
        }
        buffers = buffers.map { $0 }
        return vectors.withUnsafeMutableBufferPointer { pointer in
            sd_journal_sendv(pointer.baseAddress, Int32(pointer.count))
        }
    }
}
