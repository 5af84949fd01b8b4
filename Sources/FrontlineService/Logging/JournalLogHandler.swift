import CSystemd
import Foundation
public import Logging

/// Writes diagnostics to the systemd journal as structured entries (`sd_journal_sendv`):
/// `MESSAGE` (the message, then its metadata as `key=value` for a plain `journalctl`), `PRIORITY`
/// from the level, `SYSLOG_IDENTIFIER=frontlined`, `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, and every
/// metadata item as its own field, `FRONTLINE_` + the key upper-cased with other characters as `_`
/// (`article.path` → `FRONTLINE_ARTICLE_PATH`), so `journalctl FRONTLINE_ARTICLE_PATH=…` finds it.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = self.metadata
        if let provided = self.metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        if let error = event.error { all["error"] = "\(error)" }
        _ = JournalAlertSink.send(Self.fields(event: event, metadata: all, label: self.label).map { Array("\($0.0)=\($0.1)".utf8) })
    }

    /// The journal fields of one diagnostic, in order.
    static func fields(event: LogEvent, metadata: Logger.Metadata, label: String) -> [(String, String)] {
        let sorted = metadata.sorted { $0.key < $1.key }
        var message = event.message.description
        if !sorted.isEmpty { message += " " + sorted.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
        var fields: [(String, String)] = [
            ("MESSAGE", message),
            ("PRIORITY", String(Self.priority(event.level))),
            ("SYSLOG_IDENTIFIER", "frontlined"),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
            ("FRONTLINE_LOGGER", label),
        ]
        for (key, value) in sorted { fields.append((Self.fieldName(key), "\(value)")) }
        return fields
    }

    /// syslog priorities: critical 2, error 3, warning 4, notice 5, info 6, debug and trace 7.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// A journal field name for a metadata key: upper-case letters, digits and `_` only.
    public static func fieldName(_ key: String) -> String {
        let mapped = key.uppercased().unicodeScalars.map { scalar -> Character in
            (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") ? Character(scalar) : "_"
        }
        return "FRONTLINE_" + String(mapped)
    }

    /// Whether standard error is the journal's stream for this process: systemd sets
    /// `JOURNAL_STREAM=DEVICE:INODE` of the stream it connected, which must match stderr's own.
    public static func standardErrorIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(2, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}

/// How `frontlined` writes diagnostics: structured journal entries when its standard error is the
/// journal (running under systemd), readable lines on standard error otherwise (a terminal).
public enum DiagnosticsLogging {
    /// Bootstraps swift-log once; returns the level control a reload changes.
    public static func bootstrap(level: Logger.Level) -> LogLevelControl {
        let control = LogLevelControl(level)
        let journal = JournalLogHandler.standardErrorIsJournal()
        LoggingSystem.bootstrap { label in
            let handler: any LogHandler = journal ? JournalLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            return ControlledLevelLogHandler(handler, control: control)
        }
        return control
    }
}
