public import FrontlineCore
public import NIOHTTP1

/// A whole HTTP response, or an instruction to stream alerts.
public enum APIResponse: Sendable {
    case body(status: HTTPResponseStatus, contentType: String, body: [UInt8])
    case alertStream(StreamRequest)

    public struct StreamRequest: Sendable {
        public var after: UInt64
        public var format: StreamFormat
        public var filter: AlertFilter
    }

    public enum StreamFormat: Sendable { case sse, ndjson }

    static func json(_ text: String, status: HTTPResponseStatus = .ok) -> APIResponse {
        .body(status: status, contentType: "application/json", body: Array((text + "\n").utf8))
    }

    /// `{"error": {"code": …, "message": …}}`.
    static func error(_ status: HTTPResponseStatus, code: String, message: String) -> APIResponse {
        .json("{\"error\":{\"code\":\(JSONText.quote(code)),\"message\":\(JSONText.quote(message))}}", status: status)
    }
}

/// Stream filters: `actor=`, `place=`, `kind=`.
public struct AlertFilter: Sendable {
    public var actor: String?
    public var place: String?
    public var kind: String?

    public func matches(_ alert: Alert) -> Bool {
        if let kind = self.kind, alert.kind.rawValue != kind, alert.claim.kind.rawValue != kind { return false }
        if let actor = self.actor?.lowercased(),
            alert.claim.claimant?.id?.lowercased() != actor, alert.claim.claimant?.name.lowercased() != actor
        {
            return false
        }
        if let place = self.place?.lowercased() {
            let names = alert.claim.places.flatMap { [$0.name, $0.mention, $0.gazetteerID ?? ""] } + alert.claim.areas.compactMap(\.anchor)
            if !names.contains(where: { $0.lowercased() == place }) { return false }
        }
        return true
    }
}

/// Small helpers to build JSON around stored JSON text without re-encoding it.
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
