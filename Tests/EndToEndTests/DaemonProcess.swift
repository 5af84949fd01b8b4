import Foundation
import FrontlineStore
import SystemPackage
import FrontlineService

/// Paths of the project and of the binaries `swift build` made next to the test bundle.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binDirectory: URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            root.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("frontlined").path) }
            ?? root.appendingPathComponent(".build/debug")
    }

    static var frontlined: String { binDirectory.appendingPathComponent("frontlined").path }
    static var frontlinectl: String { binDirectory.appendingPathComponent("frontlinectl").path }
    static var seeds: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

struct TimeoutError: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(self.what)" }
}

/// Polls `condition` until it holds or the deadline passes (no fixed sleeps).
func waitUntil(_ what: String, timeout: Double = 30, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? condition()) == true { return }
        usleep(20_000)
    }
    if try condition() { return }
    throw TimeoutError(what: what)
}

/// A real `frontlined` on a temporary inbox, state directory and socket.
final class DaemonProcess {
    let work: URL
    let inbox: URL
    let state: URL
    let socket: String
    let process = Process()
    /// The daemon's stdout and stderr go to a file, never to a pipe nobody drains: a pipe's 64 KiB
    /// fill up with log lines after a few hundred articles and the daemon blocks writing to it.
    let outputPath: String
    var environment: [String: String] = [:]
    /// The configuration file passed with --config (the shipped one unless a test writes its own).
    var config = Project.root.appendingPathComponent("Config/frontline.toml")
    /// Run the daemon as this user and group (through setpriv; the test must be root).
    var user: (uid: UInt32, gid: UInt32)?

    init(work: URL? = nil) throws {
        // sun_path holds ~108 bytes: keep the socket path short.
        self.work = work ?? URL(fileURLWithPath: "/tmp/fle2e-\(UUID().uuidString.prefix(8))")
        self.inbox = self.work.appendingPathComponent("inbox")
        self.state = self.work.appendingPathComponent("state")
        self.socket = self.work.appendingPathComponent("s.sock").path
        self.outputPath = self.work.appendingPathComponent("frontlined-\(UUID().uuidString.prefix(8)).out").path
        try FileManager.default.createDirectory(at: self.inbox, withIntermediateDirectories: true)
    }

    var client: APIClient { APIClient(socketPath: self.socket) }

    func start(extraEnvironment: [String: String] = [:]) throws {
        self.process.executableURL = URL(fileURLWithPath: Project.frontlined)
        self.process.arguments = [
            "--config", self.config.path,
            "--inbox", self.inbox.path, "--state-dir", self.state.path, "--socket", self.socket,
        ]
        if let user = self.user {
            try FileManager.default.createDirectory(at: self.state, withIntermediateDirectories: true)
            for path in [self.work.path, self.inbox.path, self.state.path] { chown(path, user.uid, user.gid) }
            self.process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            self.process.arguments = ["--reuid=\(user.uid)", "--regid=\(user.gid)", "--clear-groups", "--", Project.frontlined] + self.process.arguments!
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "LISTEN_FDS")
        for (key, value) in extraEnvironment { environment[key] = value }
        self.process.environment = environment
        if !FileManager.default.fileExists(atPath: self.outputPath) {
            _ = FileManager.default.createFile(atPath: self.outputPath, contents: nil)
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: self.outputPath))
        try output.seekToEnd()
        self.process.standardError = output
        self.process.standardOutput = output
        try self.process.run()
        try waitUntil("frontlined to answer on \(self.socket)") { try self.client.request("GET", "/v1/status").status == 200 }
    }

    /// SIGTERM and wait for the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard self.process.isRunning else { return self.process.terminationStatus }
        self.process.terminate()
        self.process.waitUntilExit()
        return self.process.terminationStatus
    }

    func status() throws -> [String: Any] {
        let response = try self.client.request("GET", "/v1/status")
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    func counter(_ name: String) throws -> Int {
        ((try self.status()["counters"] as? [String: Any])?[name] as? Int) ?? -1
    }

    func outcomes() throws -> Int {
        try self.counter("articles_accepted") + self.counter("articles_duplicate") + self.counter("articles_rejected")
    }

    /// Drops a file the way the writer contract asks: a temporary name, then a rename.
    func drop(_ source: URL, as name: String? = nil) throws {
        let final = self.inbox.appendingPathComponent(name ?? source.lastPathComponent)
        let temporary = self.inbox.appendingPathComponent(".\(final.lastPathComponent).tmp")
        try FileManager.default.copyItem(at: source, to: temporary)
        try FileManager.default.moveItem(at: temporary, to: final)
    }

    /// Writes a configuration file into the work directory: the shipped one with `overrides`
    /// (`key = value` lines replacing the shipped keys) and `tables` at the end, and uses it.
    func configure(_ overrides: [String: String], tables: String = "") throws {
        var lines = try String(contentsOf: self.config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (key, value) in overrides {
            if let index = lines.firstIndex(where: { $0.hasPrefix(key + " =") }) { lines[index] = "\(key) = \(value)" } else { lines.append("\(key) = \(value)") }
        }
        let file = self.work.appendingPathComponent("frontline.toml")
        try (lines.joined(separator: "\n") + "\n" + tables).write(to: file, atomically: true, encoding: .utf8)
        self.config = file
    }

    /// Every outcome record of the log, by the file name it records (the daemon may be stopped).
    func outcomeRecords() throws -> [String: [String]] {
        let (records, _, _) = try EventLog.readAll(directory: FilePath(self.state.path).appending("log"))
        var outcomes: [String: [String]] = [:]
        for stored in records {
            switch try stored.event() {
            case .articleAccepted(let article): outcomes[article.file, default: []].append("accepted \(article.language) \(article.encoding ?? "-") \(article.format ?? "-")")
            case .articleDuplicate(let duplicate): outcomes[duplicate.file, default: []].append("duplicate")
            case .articleRejected(let rejected): outcomes[rejected.file, default: []].append("rejected: \(rejected.reason)")
            default: break
            }
        }
        return outcomes
    }

    /// Writes `data` outside the inbox (`work/staging/NAME`), ready to be renamed or linked in.
    func stage(_ data: Data, as name: String) throws -> URL {
        let staging = self.work.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let url = staging.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// rename(2)s `url` into the inbox as `name`; whether it succeeded.
    func renameIn(_ url: URL, as name: String) -> Bool {
        rename(url.path, self.inbox.appendingPathComponent(name).path) == 0
    }

    func drop(text: String, as name: String) throws {
        let temporary = self.inbox.appendingPathComponent(".\(name).tmp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(at: temporary, to: self.inbox.appendingPathComponent(name))
    }

    /// Drops a file and waits until it has an outcome.
    func dropAndWait(_ source: URL, as name: String? = nil) throws {
        let before = try self.outcomes()
        try self.drop(source, as: name)
        try waitUntil("an outcome for \(name ?? source.lastPathComponent)") { try self.outcomes() > before }
    }

    var log: String {
        (try? String(contentsOfFile: self.outputPath, encoding: .utf8)) ?? ""
    }

    func remove() {
        self.stop()
        try? FileManager.default.removeItem(at: self.work)
    }

    deinit {
        if self.process.isRunning {
            self.process.terminate()
            self.process.waitUntilExit()
        }
    }
}

/// Collects lines of the alert stream on a background thread.
final class StreamCollector: @unchecked Sendable {
    private let thread: Thread

    init(client: APIClient, target: String, headers: [String: String] = [:]) {
        let box = LinesBox()
        self.thread = Thread {
            try? client.stream(target, headers: headers) { line in
                box.append(line)
                return !box.stopped
            }
        }
        self.box = box
        self.thread.start()
    }

    private let box: LinesBox

    var received: [String] { self.box.lines }

    /// Ends the stream at its next line (a heartbeat at the latest).
    func stop() { self.box.stop() }

    final class LinesBox: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String] = []
        func append(_ line: String) { self.lock.lock(); self.storage.append(line); self.lock.unlock() }
        var lines: [String] { self.lock.lock(); defer { self.lock.unlock() }; return self.storage }
        private var stopFlag = false
        func stop() { self.lock.lock(); self.stopFlag = true; self.lock.unlock() }
        var stopped: Bool { self.lock.lock(); defer { self.lock.unlock() }; return self.stopFlag }
    }
}

/// A synthetic article with one capture claim nobody else makes: a sentinel whose alert proves
/// everything dropped before it has been handled (the stream is in log order).
func sentinelArticle(_ marker: Int) -> String {
    """
    Sentinel report \(marker)

    May 2, 2024

    KHERSON (Reuters) - Ukrainian forces said on Monday they had recaptured the village of \(sentinelPlace(marker)) from Russian forces after a week of fighting.

    \(filler(marker))
    """
}

/// Neutral lowercase words in an order fixed by the marker, enough of them that two sentinels
/// share few word shingles: they are distinct stories, not copies or rewrites of one another.
func filler(_ marker: Int) -> String {
    let words = [
        "market", "bread", "rain", "road", "school", "river", "winter", "price", "teacher", "bus", "garden", "harvest",
        "meeting", "library", "bridge", "festival", "weather", "water", "power", "street", "choir", "bakery", "tram",
        "orchard", "museum", "ferry", "clinic", "stadium", "harbour", "village", "kettle", "lantern",
    ]
    var state = UInt64(marker)
    var sentences: [String] = []
    // 360 words against the ~25 of the shared template: an estimated similarity (64 MinHash
    // values) stays far below the 0.12 that makes a rewrite.
    for _ in 0..<30 {
        var sentence: [String] = []
        for _ in 0..<12 {
            // SplitMix64: nearby markers give unrelated sequences.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            sentence.append(words[Int(z % UInt64(words.count))])
        }
        sentences.append("the " + sentence.joined(separator: " ") + ".")
    }
    return sentences.joined(separator: " ")
}

/// A place name of letters only, one per marker ("Sentinelkab"): digits would be split off by
/// the tokenizer and every sentinel would name the same place (and merge into one claim).
func sentinelPlace(_ marker: Int) -> String {
    var letters = ""
    var rest = marker
    repeat {
        letters.append(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(rest % 26))))
        rest /= 26
    } while rest > 0
    return "Sentinelka" + letters
}


/// Runs a command to completion and returns its exit status and output (stderr too unless dropped).
func runCommand(
    _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    includeStandardError: Bool = true
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = includeStandardError ? pipe : FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}
