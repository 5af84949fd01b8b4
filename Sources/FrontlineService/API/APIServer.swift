#if canImport(Glibc)
import Glibc
#endif
import Foundation
import FrontlineCore
public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// HTTP/1.1 + JSON over a Unix socket, on SwiftNIO (NIOAsyncChannel).
///
/// It binds its own socket at `path`, or serves a listening socket inherited from systemd
/// (`LISTEN_FDS`), which it then never unlinks. Each connection is a child task of a discarding
/// task group, so finished connections free their memory at once (see NIO's echo server).
public struct APIServer: Service {
    public enum Listener: Sendable {
        case path(String, mode: UInt16, group: String?)
        case inherited(fd: Int32)
    }

    let listener: Listener
    let router: APIRouter
    let context: APIContext
    let readiness: ReadinessGate
    let logger: Logger

    public init(listener: Listener, context: APIContext, readiness: ReadinessGate, logger: Logger) {
        self.listener = listener
        self.context = context
        self.router = APIRouter(context: context)
        self.readiness = readiness
        self.logger = logger
    }

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    public func run() async throws {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Accepted> = { channel in
            // The peer's credentials are read here, on the connection's event loop, where the
            // option is read at once: asked later from the connection's task, it cost a round
            // trip between the task and the loop on every request.
            Self.peer(of: channel).flatMapThrowing { peer in
                try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                // Half-closure: finishing the writer shuts the write side only once every byte is
                // written; a full close at once drops what the socket has not taken yet (a large
                // page arrived cut short).
                let connection = try Connection(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                return Accepted(connection: connection, peer: peer)
            }
        }
        let server: NIOAsyncChannel<Accepted, Never>
        switch self.listener {
        case .path(let path, let mode, let group):
            server = try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: true, childChannelInitializer: initializer)
            chmod(path, mode_t(mode))
            if let group, let entry = getgrnam(group) {
                chown(path, uid_t.max, entry.pointee.gr_gid)
            }
            self.logger.info("listening", metadata: ["socket.path": "\(path)"])
        case .inherited(let fd):
            server = try await bootstrap.bind(fd, childChannelInitializer: initializer)
            self.logger.info("listening on socket inherited from systemd", metadata: ["socket.fd": "\(fd)"])
        }
        await self.readiness.mark(.listening)

        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await accepted in inbound {
                        group.addTask { await self.serve(accepted.connection, peer: accepted.peer) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
            self.context.hub.stop()
        }
        if case .path(let path, _, _) = self.listener { unlink(path) }
    }

    /// The peer of a Unix socket connection (`SO_PEERCRED`; `struct ucred`'s layout).
    struct PeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// A connection accepted, with its peer.
    struct Accepted: Sendable {
        var connection: Connection
        var peer: PeerCredentials?
    }

    /// The credentials of the peer of `channel` (nil when they cannot be read).
    static func peer(of channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else { return channel.eventLoop.makeSucceededFuture(nil) }
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.map { Optional($0) }.recover { _ in nil }
    }

    /// Whether the configuration lets this peer use the API: root, the daemon's own user, and
    /// `allowed_uids` when it is set; everyone the socket's mode lets connect otherwise.
    func admits(_ peer: PeerCredentials?) -> Bool {
        guard let allowed = self.context.configuration.allowedUIDs else { return true }
        guard let peer else { return false }
        return peer.uid == 0 || peer.uid == getuid() || allowed.contains(peer.uid)
    }

    func serve(_ connection: Connection, peer: PeerCredentials?) async {
        let limit = self.context.configuration.maxArticleBytes
        do {
            try await connection.executeThenClose { inbound, outbound in
                // One iterator for both loops: the inbound stream allows only one.
                var parts = inbound.makeAsyncIterator()
                try await self.exchange(&parts, outbound: outbound, peer: peer, limit: limit)
                // The last response is written before the write side shuts (half-closure); the
                // connection ends when the client, having read it, closes its side.
                outbound.finish()
                var drained = 0
                while let part = try await parts.next() {
                    if case .body(let buffer) = part { drained += buffer.readableBytes }
                    if drained > Self.discardLimit { break }
                }
            }
        } catch {
            self.logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// Answers requests on one connection until it is to close (no keep-alive, a refused body, a
    /// stream's end) or the client closes.
    func exchange(
        _ parts: inout NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, peer: PeerCredentials?, limit: Int
    ) async throws {
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        // After a 413 the rest of the body is read and dropped (up to a bound) before the
        // connection closes: closing on a client still sending makes it see a reset, not the 413.
        var discarded: Int?
        while let part = try await parts.next() {
            if let dropped = discarded {
                switch part {
                case .body(let buffer):
                    discarded = dropped + buffer.readableBytes
                    if dropped + buffer.readableBytes > Self.discardLimit { return }
                    continue
                case .end: return
                case .head: return
                }
            }
            switch part {
            case .head(let requestHead):
                head = requestHead
                body = []
                if let length = requestHead.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                    try await self.refuseTooLarge(requestHead, peer: peer, limit: limit, to: outbound)
                    discarded = 0
                }
            case .body(var buffer):
                guard let requestHead = head else { continue }
                if body.count + buffer.readableBytes > limit {
                    try await self.refuseTooLarge(requestHead, peer: peer, limit: limit, to: outbound)
                    discarded = body.count + buffer.readableBytes
                    body = []
                    continue
                }
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let requestHead = head else { continue }
                head = nil
                let keepAlive = requestHead.isKeepAlive
                let started = ContinuousClock.now
                guard var request = APIRouter.parse(method: requestHead.method, uri: requestHead.uri, headers: requestHead.headers) else {
                    try await self.answer(
                        .error(.badRequest, code: "bad_request", message: "unparseable request target"), to: requestHead, peer: peer,
                        started: started, keepAlive: false, outbound: outbound)
                    return
                }
                request.body = body
                request.peerUID = peer?.uid
                body = []
                let response: APIResponse
                if self.admits(peer) {
                    response = await self.router.respond(to: request)
                } else {
                    response = .error(
                        .forbidden, code: "forbidden",
                        message: "uid \(peer.map { String($0.uid) } ?? "unknown") is not in allowed_uids of the daemon's config")
                }
                if case .alertStream(let stream) = response {
                    self.logRequest(requestHead, status: 200, peer: peer, started: started)
                    try await self.stream(stream, to: outbound)
                    return
                }
                try await self.answer(response, to: requestHead, peer: peer, started: started, keepAlive: keepAlive, outbound: outbound)
                if !keepAlive { return }
            }
        }
    }

    func answer(
        _ response: APIResponse, to head: HTTPRequestHead, peer: PeerCredentials?, started: ContinuousClock.Instant, keepAlive: Bool,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        if case .body(let status, _, _) = response { self.logRequest(head, status: Int(status.code), peer: peer, started: started) }
        try await Self.write(response, keepAlive: keepAlive, to: outbound)
    }

    /// Bytes of a refused body read and dropped at most before the connection is closed anyway.
    static let discardLimit = 64 << 20

    /// 413 before reading a body over `max_article_bytes`; the connection is closed once the body ends.
    func refuseTooLarge(
        _ head: HTTPRequestHead, peer: PeerCredentials?, limit: Int, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        try await self.answer(
            .error(.payloadTooLarge, code: "too_large", message: "request body over max_article_bytes (\(limit) bytes)"), to: head, peer: peer,
            started: .now, keepAlive: false, outbound: outbound)
    }

    /// Each request with the peer's uid and pid (SO_PEERCRED).
    func logRequest(_ head: HTTPRequestHead, status: Int, peer: PeerCredentials?, started: ContinuousClock.Instant) {
        self.context.metrics.countRequest(status: status)
        let elapsed = ContinuousClock.now - started
        self.logger.info(
            "request",
            metadata: [
                "http.method": "\(head.method)", "http.target": "\(head.uri)", "http.status": "\(status)",
                "peer.uid": "\(peer.map { String($0.uid) } ?? "-")", "peer.pid": "\(peer.map { String($0.pid) } ?? "-")",
                "duration_ms": "\(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)",
            ])
    }

    static func write(
        _ response: APIResponse, keepAlive: Bool, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        guard case .body(let status, let contentType, let body) = response else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        // One write of the three parts: one hop to the event loop instead of three.
        try await outbound.write(contentsOf: [
            .head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)),
            .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil),
        ])
    }

    /// Streams alerts: the backlog after the requested sequence from the read model, then live
    /// alerts; a sequence number is never sent twice, so a resume with `Last-Event-ID` has no gap
    /// and no repeat.
    func stream(_ request: APIResponse.StreamRequest, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        let subscription = self.context.hub.subscribe()
        defer { self.context.hub.unsubscribe(subscription.id) }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: request.format == .sse ? "text/event-stream" : "application/x-ndjson")
        headers.add(name: "Cache-Control", value: "no-cache")
        headers.add(name: "Connection", value: "close")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
        if request.format == .sse {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: ": frontline alert stream\n\n"))))
        }
        var last = request.after
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func send(_ alert: Alert) async throws {
            guard alert.seq > last else { return }
            last = alert.seq
            guard request.filter.isEmpty || request.filter.matches(alert, lexicon: self.context.lexicon) else { return }
            let json = String(decoding: try encoder.encode(alert), as: UTF8.self)
            let text = request.format == .sse ? "id: \(alert.seq)\nevent: \(alert.kind.rawValue)\ndata: \(json)\n\n" : json + "\n"
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
        }
        for alert in try self.context.backlog(after: last) { try await send(alert) }
        // Heartbeats keep an idle stream open through proxies and tell a client the daemon lives.
        let heartbeat = ByteBuffer(string: request.format == .sse ? ": heartbeat\n\n" : "\n")
        let interval = Duration.seconds(self.context.configuration.streamHeartbeatSeconds)
        let hub = self.context.hub
        let beats = Task {
            do {
                while true {
                    try await Task.sleep(for: interval)
                    try await outbound.write(.body(.byteBuffer(heartbeat)))
                }
            } catch {
                // Cancelled, or the client is gone: end the subscription so this stream ends too.
                hub.unsubscribe(subscription.id)
            }
        }
        defer { beats.cancel() }
        for await alert in subscription.alerts { try await send(alert) }
        try await outbound.write(.end(nil))
    }
}
