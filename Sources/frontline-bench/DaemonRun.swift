import Foundation
import FrontlineService

/// A real `frontlined` (the build under test) on a work directory of its own: inbox, state,
/// socket and a config written from the shipped one with a few keys changed.
final class DaemonRun {
    let work: String
    let inbox: String
    let state: String
    let staging: String
    let socket: String
    let config: String
    let bin: String
    private var process: Process?

    var client: APIClient { APIClient(socketPath: self.socket) }
    var pid: Int32 { self.process?.processIdentifier ?? 0 }

    /// - Parameter overrides: `key = value` lines replacing the shipped config's keys.
    init(bin: String, root: String, work: String, overrides: [String: String] = [:]) throws {
        self.bin = bin
        self.work = work
        self.inbox = work + "/inbox"
        self.state = work + "/state"
        self.staging = work + "/staging"
        self.socket = work + "/s.sock"
        self.config = work + "/frontline.toml"
        for directory in [self.inbox, self.state, self.staging] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var settings: [String: String] = [
            "inbox": "\"\(self.inbox)\"", "state_dir": "\"\(self.state)\"", "socket": "\"\(self.socket)\"",
            "journal_alerts": "false", "stream_heartbeat_seconds": "1", "lexicon_dir": "\"\(root)/Config/lexicon\"",
        ]
        settings.merge(overrides) { $1 }
        var lines = try String(contentsOfFile: root + "/Config/frontline.toml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            if let index = lines.firstIndex(where: { $0.hasPrefix(key + " =") }) { lines[index] = "\(key) = \(value)" } else { lines.insert("\(key) = \(value)", at: 0) }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: self.config, atomically: true, encoding: .utf8)
    }

    /// Starts the daemon; returns the seconds until it answers `GET /v1/status`.
    @discardableResult
    func start(timeout: Double = 600) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: self.bin + "/frontlined")
        process.arguments = ["--config", self.config]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "LISTEN_FDS")
        process.environment = environment
        let outputPath = self.work + "/frontlined.out"
        if !FileManager.default.fileExists(atPath: outputPath) { _ = FileManager.default.createFile(atPath: outputPath, contents: nil) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        try output.seekToEnd()
        process.standardOutput = output
        process.standardError = output
        let start = Stopwatch.now()
        try process.run()
        self.process = process
        try Self.waitUntil("frontlined to answer on \(self.socket) (see \(outputPath))", timeout: timeout) {
            guard process.isRunning else { throw BenchFailure("frontlined exited with \(process.terminationStatus); see \(outputPath)") }
            return (try? self.client.request("GET", "/v1/status").status) == 200
        }
        return Stopwatch.seconds(since: start)
    }

    @discardableResult
    func stop() -> Int32 {
        guard let process = self.process, process.isRunning else { return self.process?.terminationStatus ?? 0 }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func status() throws -> [String: Any] {
        let response = try self.client.request("GET", "/v1/status")
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// Outcomes in the read model (accepted + duplicate + rejected) and alerts raised.
    func projected() throws -> (outcomes: Int, alerts: Int) {
        let counters = try self.status()["counters"] as? [String: Any] ?? [:]
        let count = { (name: String) in counters[name] as? Int ?? 0 }
        return (count("articles_accepted") + count("articles_duplicate") + count("articles_rejected"), count("alerts"))
    }

    /// Polls `condition` every 10 ms until it holds or the deadline passes.
    static func waitUntil(_ what: String, timeout: Double, _ condition: () throws -> Bool) throws {
        let deadline = Stopwatch.now() + UInt64(timeout * 1e9)
        while Stopwatch.now() < deadline {
            if try condition() { return }
            usleep(10_000)
        }
        throw BenchFailure("timed out after \(Int(timeout)) s waiting for \(what)")
    }
}

/// A Server-Sent Events subscriber of `/v1/alerts/stream` on its own thread: counts alerts and notes when each article's
/// first alert arrived.
final class StreamWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var arrivals: [String: UInt64] = [:]
    private var alerts = 0
    private var open = false

    var count: Int { self.lock.withLock { self.alerts } }
    var isOpen: Bool { self.lock.withLock { self.open } }
    func arrival(of article: String) -> UInt64? { self.lock.withLock { self.arrivals[article] } }

    init(client: APIClient) {
        let thread = Thread { [self] in
            try? client.stream("/v1/alerts/stream") { line in
                let now = Stopwatch.now()
                self.lock.withLock { self.open = true }
                guard line.hasPrefix("data: "), let data = line.dropFirst(6).data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return true }
                let article = object["article"] as? String ?? ""
                self.lock.withLock {
                    self.alerts += 1
                    if self.arrivals[article] == nil { self.arrivals[article] = now }
                }
                return true
            }
        }
        thread.start()
    }
}
