public import FrontlineCore
public import NIOHTTP1

/// A whole HTTP response, or an instruction to stream alerts.
public enum APIResponse: Sendable {
    case body(status: HTTPResponseStatus, contentType: String, body: [UInt8])
    case alertStream(StreamRequest)

    public struct StreamRequest: Sendable {
        public var after: UInt64
        public var format: StreamFormat
        /// `?actor=&place=&within_km=&country=&kind=&min_sources=`: the fields of an `[[alert_rule]]`.
        public var filter: AlertRule
    }

    public enum StreamFormat: Sendable { case sse, ndjson }

    static func json(_ text: String, status: HTTPResponseStatus = .ok) -> APIResponse {
        .json(bytes: Array(text.utf8), status: status)
    }

    /// JSON already in bytes (stored JSON spliced in without a `String`), ended by a newline.
    static func json(bytes: consuming [UInt8], status: HTTPResponseStatus = .ok) -> APIResponse {
        bytes.append(UInt8(ascii: "\n"))
        return .body(status: status, contentType: "application/json", body: bytes)
    }

    /// `{"error": {"code": …, "message": …}}`.
    static func error(_ status: HTTPResponseStatus, code: String, message: String) -> APIResponse {
        .json("{\"error\":{\"code\":\(JSONText.quote(code)),\"message\":\(JSONText.quote(message))}}", status: status)
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
