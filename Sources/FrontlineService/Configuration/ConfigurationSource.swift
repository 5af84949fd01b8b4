public import FrontlineCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where `frontlined` gets its settings: the config file, then command-line overrides, then the
/// lexicon folder they name. Read at start and again on every reload.
public struct ConfigurationSource: Sendable {
    public var file: String?
    public var inbox: String?
    public var stateDirectory: String?
    public var socket: String?
    public var logLevel: String?

    public init(file: String?, inbox: String? = nil, stateDirectory: String? = nil, socket: String? = nil, logLevel: String? = nil) {
        self.file = file
        self.inbox = inbox
        self.stateDirectory = stateDirectory
        self.socket = socket
        self.logLevel = logLevel
    }

    public struct Loaded: Sendable {
        public var configuration: DaemonConfiguration
        public var lexiconDirectory: String
        public var lexicon: Lexicon
    }

    /// Reads the file (if any), applies the overrides, and reads the lexicon.
    /// - Throws: ``ConfigurationError`` naming the file, line and reason of the first problem.
    public func load() throws(ConfigurationError) -> Loaded {
        var configuration = DaemonConfiguration()
        if let file = self.file { configuration = try DaemonConfiguration.load(file: file) }
        if let inbox = self.inbox { configuration.inbox = inbox }
        if let stateDirectory = self.stateDirectory { configuration.stateDirectory = stateDirectory }
        if let socket = self.socket { configuration.socketPath = socket }
        if let logLevel = self.logLevel { configuration.logLevel = logLevel }
        guard let directory = LexiconLoader.locate(configured: configuration.lexiconDirectory, configFile: self.file) else {
            throw ConfigurationError(
                file: self.file ?? "(defaults)",
                reason: "no lexicon found; set lexicon_dir in the config (searched \(LexiconLoader.searchPaths(configFile: self.file).joined(separator: ", ")))")
        }
        return Loaded(configuration: configuration, lexiconDirectory: directory, lexicon: try LexiconLoader.load(directory: directory))
    }

    /// Checks the file in a throwaway `frontlined --check-config` process before this process parses
    /// it: the TOML parser (toml++) aborts the process on some malformed input, and a reload must never
    /// take the running daemon down. Returns the checker's complaint, or nil when the file is usable.
    public func checkInChildProcess(executable: String = "/proc/self/exe") -> String? {
        guard let file = self.file else { return nil }
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"] {
            environment[key] = nil
        }
        // posix_spawn rather than Foundation's Process: Process needs a CFSocket wake-up pair the
        // hardened unit's sandbox refuses, and this runs inside the daemon.
        guard let run = ChildProcess.run(executable, ["frontlined", "--check-config", "--config", file], environment: environment) else {
            return "\(file): cannot run the configuration check (\(String(cString: strerror(errno))))"
        }
        switch run.termination {
        case .exited(0):
            return nil
        case .signaled(let signal):
            return "\(file): the TOML parser crashed on this file (signal \(signal)); look for a malformed line"
        case .exited(let status):
            let text = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "frontlined: configuration error: ", with: "")
            return text.isEmpty ? "\(file): the configuration check failed (exit \(status))" : text
        }
    }
}
