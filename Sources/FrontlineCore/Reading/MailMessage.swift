/// An RFC 5322 message with MIME parts, enough to read a news article sent by mail: headers
/// (unfolded, RFC 2047 encoded words decoded), `multipart/*` bodies, quoted-printable and base64
/// transfer encodings, and the charsets news mail uses (UTF-8, US-ASCII, ISO-8859-1, Windows-1252).
public struct MailMessage: Sendable {
    public var headers: [(name: String, value: String)]
    public var body: Substring

    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Splits headers from body; nil when the text does not start with a header block.
    public init?(_ text: Substring) {
        var headers: [(String, String)] = []
        var rest = text
        while !rest.isEmpty {
            let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<lineEnd]
            rest = lineEnd == rest.endIndex ? rest[lineEnd...] : rest[rest.index(after: lineEnd)...]
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { return nil }
                headers[headers.count - 1].1 += " " + String(line).trimmingSpaces()
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { return nil }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
        guard !headers.isEmpty else { return nil }
        self.headers = headers.map { (name: $0.0, value: Self.decodeWords($0.1)) }
        self.body = rest
    }

    /// The first lines look like mail headers (`From:`, `Subject:`, `Date:`, `Received:`…).
    static func looksLikeHeaders(_ head: String) -> Bool {
        var head = head
        return head.withUTF8 { Self.looksLikeHeaders(bytes: $0) }
    }

    /// The same test on the first bytes of a text (its first six lines are read).
    static func looksLikeHeaders(bytes head: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen = 0
        for line in head.split(separator: UInt8(ascii: "\n"), maxSplits: 6).prefix(6) {
            // A header name is short: a long first line of prose is not read to its first colon.
            guard let colon = line.prefix(Self.longestHeaderName + 1).firstIndex(of: UInt8(ascii: ":")) else { break }
            if Self.knownHeaders.contains(String(decoding: line[..<colon], as: UTF8.self).lowercased()) { seen += 1 }
        }
        return seen >= 2
    }

    static let knownHeaders: Set<String> = [
        "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version", "delivered-to", "content-type",
    ]
    static let longestHeaderName = 76

    /// Type and parameters of a `Content-Type` value: `text/html; charset="utf-8"`.
    static func contentType(_ value: String?) -> (type: String, parameters: [String: String]) {
        guard let value else { return ("text/plain", [:]) }
        let parts = value.split(separator: ";")
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = String(part[..<equals]).trimmingSpaces().lowercased()
            var parameter = String(part[part.index(after: equals)...]).trimmingSpaces()
            if parameter.hasPrefix("\""), parameter.hasSuffix("\""), parameter.count >= 2 { parameter = String(parameter.dropFirst().dropLast()) }
            parameters[key] = parameter
        }
        return (String(parts.first ?? "text/plain").trimmingSpaces().lowercased(), parameters)
    }

    /// The readable part: the first `text/plain`, else the first `text/html`, searched depth first.
    func textPart() -> (type: String, text: String)? {
        let (type, parameters) = Self.contentType(self.header("Content-Type"))
        if type.hasPrefix("multipart/") {
            guard let boundary = parameters["boundary"], !boundary.isEmpty else { return nil }
            let parts = Self.split(self.body, boundary: boundary).compactMap { MailMessage($0) ?? MailMessage(headers: [], body: $0) }
            let found = parts.compactMap { $0.textPart() }
            return found.first { $0.type == "text/plain" } ?? found.first { $0.type == "text/html" }
        }
        guard type == "text/plain" || type == "text/html" || type == "text/markdown" else { return nil }
        let encoding = (self.header("Content-Transfer-Encoding") ?? "7bit").lowercased()
        let text: String
        switch encoding {
        case "base64":
            guard let bytes = Base64.decode(String(self.body)) else { return nil }
            text = Self.decodeCharset(bytes, parameters["charset"])
        case "quoted-printable":
            text = Self.decodeCharset(QuotedPrintable.decode(self.body, header: false), parameters["charset"])
        default:
            text = String(self.body)
        }
        return (type == "text/markdown" ? "text/plain" : type, text)
    }

    init(headers: [(name: String, value: String)], body: Substring) {
        self.headers = headers
        self.body = body
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    static func split(_ body: Substring, boundary: String) -> [Substring] {
        var parts: [Substring] = []
        var start: Substring.Index?
        var index = body.startIndex
        while index < body.endIndex {
            let lineEnd = body[index...].firstIndex(of: "\n") ?? body.endIndex
            let line = body[index..<lineEnd].trimmingCharacters(in: " \t")
            if line == "--" + boundary || line == "--" + boundary + "--" {
                if let start { parts.append(body[start..<index]) }
                if line.hasSuffix("--") && line.count == boundary.count + 4 { return parts }
                start = lineEnd == body.endIndex ? lineEnd : body.index(after: lineEnd)
            }
            index = lineEnd == body.endIndex ? lineEnd : body.index(after: lineEnd)
        }
        if let start { parts.append(body[start...]) }
        return parts
    }

    static func decodeCharset(_ bytes: [UInt8], _ charset: String?) -> String {
        switch (charset ?? "utf-8").lowercased() {
        case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
            return TextDecoding.windows1252(bytes)
        default:
            if case .success(let decoded) = TextDecoding.decode(bytes) { return decoded.text }
            return TextDecoding.windows1252(bytes)
        }
    }

    /// RFC 2047: `=?utf-8?B?…?=` and `=?iso-8859-1?Q?…?=` words inside a header value.
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let open = rest.range(of: "=?") {
            let between = rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let pieces = afterOpen.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("="), pieces[1].count == 1 else {
                output += rest[..<open.upperBound]
                rest = afterOpen
                lastWasWord = false
                continue
            }
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { output += between }
            let charset = String(pieces[0]).split(separator: "*").first.map(String.init)
            let payload = String(pieces[2])
            let bytes: [UInt8]? =
                switch pieces[1].lowercased() {
                case "b": Base64.decode(payload)
                case "q": QuotedPrintable.decode(Substring(payload), header: true)
                default: nil
                }
            if let bytes { output += self.decodeCharset(bytes, charset) } else { output += payload }
            rest = pieces[3].dropFirst()
            lastWasWord = true
        }
        return output + rest
    }
}

/// Quoted-printable (RFC 2045 §6.7; in headers RFC 2047 §4.2, where `_` is a space).
enum QuotedPrintable {
    static func decode(_ text: Substring, header: Bool) -> [UInt8] {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 2
                    continue
                }
                if bytes[index + 1] == UInt8(ascii: "\r"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "\n") {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count, let high = Self.hex(bytes[index + 1]), let low = Self.hex(bytes[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            output.append(header && byte == UInt8(ascii: "_") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return output
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Base64 that skips line breaks and whitespace, as MIME bodies wrap it.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            output.append(values[index] << 2 | values[index + 1] >> 4)
            if index + 2 < values.count { output.append(values[index + 1] << 4 | values[index + 2] >> 2) }
            if index + 3 < values.count { output.append(values[index + 2] << 6 | values[index + 3]) }
            index += 4
        }
        return output
    }
}

/// Reads a mail (`.eml`): Subject is the title, Date the publication date, the sender's display
/// name the outlet when the lexicon knows it; the text/plain part (else text/html) is the body.
public enum MailArticleReader {
    public static func read(_ text: String) -> Result<RenderedDocument, ReadingFailure> {
        guard let message = MailMessage(text[...]) else {
            return .failure(ReadingFailure("is not an RFC 5322 message (no header block); save the article as .txt or .html"))
        }
        guard let (type, body) = message.textPart() else {
            return .failure(ReadingFailure("is a mail with no readable text/plain or text/html part (or a malformed MIME body)"))
        }
        var document = type == "text/html" ? HTMLArticleReader.read(body) : RenderedDocument(text: body)
        document.title = message.header("Subject") ?? document.title
        document.published = message.header("Date") ?? document.published
        document.url = message.header("Content-Base") ?? message.header("X-Original-URL") ?? document.url
        if let from = message.header("From") { document.sender = Self.displayName(from) }
        return .success(document)
    }

    /// `"Reuters" <news@reuters.com>` → Reuters; a bare address gives nil.
    static func displayName(_ from: String) -> String? {
        var name = from
        if let angle = from.firstIndex(of: "<") { name = String(from[..<angle]) } else if from.contains("@") { return nil }
        name = name.trimmingSpaces()
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        return name.isEmpty ? nil : name
    }
}
