#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A small blocking HTTP/1.1 client over the Unix socket, for `frontlinectl` and tests.
public struct APIClient: Sendable {
    public struct ClientError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { self.message }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        public var text: String { String(decoding: self.body, as: UTF8.self) }
    }

    public let socketPath: String

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    func connect() throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(message: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(self.socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw ClientError(message: "socket path too long: \(self.socketPath)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ClientError(
                message: "cannot connect to \(self.socketPath): \(reason); is frontlined running? (systemctl status frontline)")
        }
        return fd
    }

    func send(_ fd: Int32, method: String, target: String, body: Data?) throws {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nUser-Agent: frontlinectl\r\n"
        if let body { request += "Content-Length: \(body.count)\r\n" }
        request += "\r\n"
        var bytes = Array(request.utf8)
        if let body { bytes += Array(body) }
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ClientError(message: "cannot send request: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Sends one request and reads the whole response.
    public func request(_ method: String = "GET", _ target: String, body: Data? = nil) throws -> Response {
        let fd = try self.connect()
        defer { close(fd) }
        try self.send(fd, method: method, target: target, body: body)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ClientError(message: "cannot read response: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return try Self.parse(data)
    }

    static func parse(_ data: Data) throws -> Response {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw ClientError(message: "malformed HTTP response") }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError(message: "malformed status line") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }

    /// Opens a streaming request and calls `onLine` for every line of the body until it returns
    /// false or the server closes. Chunked transfer framing is removed.
    public func stream(_ target: String, headers extra: [String: String] = [:], onLine: (String) -> Bool) throws {
        let fd = try self.connect()
        defer { close(fd) }
        var request = "GET \(target) HTTP/1.1\r\nHost: localhost\r\nUser-Agent: frontlinectl\r\n"
        for (name, value) in extra { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        var pending = [UInt8]()
        var headerDone = false
        var chunked = false
        var chunkRemaining = 0
        var body = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            pending += buffer[0..<count]
            if !headerDone {
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: pending) else { continue }
                let head = String(decoding: pending[..<end], as: UTF8.self).lowercased()
                guard head.hasPrefix("http/1.1 200") else {
                    throw ClientError(message: "stream refused: \(head.split(separator: "\r\n").first ?? "")")
                }
                chunked = head.contains("transfer-encoding: chunked")
                pending.removeFirst(end + 4)
                headerDone = true
            }
            if chunked {
                while true {
                    if chunkRemaining > 0 {
                        let take = min(chunkRemaining, pending.count)
                        body += pending[0..<take]
                        pending.removeFirst(take)
                        chunkRemaining -= take
                        if chunkRemaining > 0 { break }
                        if pending.count >= 2 { pending.removeFirst(2) } else { chunkRemaining = -2 + pending.count; pending.removeAll(); break }
                    }
                    if chunkRemaining < 0 {
                        let skip = min(-chunkRemaining, pending.count)
                        pending.removeFirst(skip)
                        chunkRemaining += skip
                        if chunkRemaining < 0 { break }
                    }
                    guard let lineEnd = Self.find(Array("\r\n".utf8), in: pending) else { break }
                    let sizeText = String(decoding: pending[..<lineEnd], as: UTF8.self)
                    guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return }
                    pending.removeFirst(lineEnd + 2)
                    if size == 0 { return }
                    chunkRemaining = size
                }
            } else {
                body += pending
                pending.removeAll()
            }
            while let newline = body.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: body[..<newline], as: UTF8.self)
                body.removeFirst(newline + 1)
                if !onLine(line) { return }
            }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
