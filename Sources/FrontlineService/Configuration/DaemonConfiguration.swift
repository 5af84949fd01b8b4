public import FrontlineCore

/// Everything `frontlined` can be told, with the defaults of DESIGN.md "Files on disk".
/// `+ConfigReader` documents every key of `frontline.toml`.
public struct DaemonConfiguration: Sendable, Hashable {
    /// What to do with an inbox file once its outcome is durable.
    public enum FileDisposition: String, Sendable, Hashable {
        case move, keep, delete
    }

    public var inbox: String = "/var/lib/frontline/inbox"
    public var stateDirectory: String = "/var/lib/frontline"
    public var socketPath: String = "/run/frontline/frontline.sock"
    /// Permission bits of a socket the daemon binds itself.
    public var socketMode: UInt16 = 0o660
    /// Group owning the socket; `nil` keeps the daemon's group.
    public var socketGroup: String?
    /// Directory of the lexicon files; `nil` searches the default places.
    public var lexiconDirectory: String?
    public var logLevel: String = "info"
    public var maxArticleBytes: Int = 10 << 20
    public var processed: FileDisposition = .move
    public var rejected: FileDisposition = .move
    public var dateWindowDays: Int = 7
    public var backfillHorizonDays: Int = 30
    /// Seconds between safety-net rescans of the inbox (hard links raise no close-write event).
    public var rescanIntervalSeconds: Int = 300
    /// Write alerts to the systemd journal.
    public var journalAlerts: Bool = true
    /// Records between signed checkpoints (`STATE/checkpoints/`); 0 writes them only at start and stop.
    public var checkpointInterval: Int = 1000
    /// User ids the API answers besides root and the daemon's own; `nil`: whoever can open the socket.
    public var allowedUIDs: [UInt32]?
    /// Accept articles over `POST /v1/articles`.
    public var allowPost: Bool = true
    /// Seconds between heartbeat comments on an idle alert stream.
    public var streamHeartbeatSeconds: Int = 15
    /// Uids that may correct claims (`POST /v1/claims/{id}/corrections`); nobody when empty.
    public var editors: [UInt32] = []
    /// Program and arguments run once per alert (`alert_command`); `nil`: no hook.
    public var alertCommand: [String]?
    /// Seconds before a hook run is killed and counted as failed.
    public var alertCommandTimeout: Double = 10
    /// `[[alert_rule]]`: what reaches the journal and the hook; empty lets every alert through.
    public var alertRules: [AlertRule] = []

    public init() {}

    /// The claim ledger's settings from this configuration (daemon and `frontlinectl reprocess`).
    public var ledgerConfiguration: ClaimLedger.Configuration {
        var configuration = ClaimLedger.Configuration()
        configuration.dateWindowDays = self.dateWindowDays
        configuration.backfillHorizonDays = self.backfillHorizonDays
        return configuration
    }

    public var processedDirectory: String { self.inbox + "/processed" }
    public var rejectedDirectory: String { self.inbox + "/rejected" }
}

/// A configuration that cannot be used: the file, line if known, and the reason.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line = self.line { return "\(self.file):\(line): \(self.reason)" }
        return "\(self.file): \(self.reason)"
    }
}
