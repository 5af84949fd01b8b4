import Foundation
import TOMLKit

extension DaemonConfiguration {
    /// Reads `frontline.toml`. Keys (all optional; see Config/frontline.toml for the commented file):
    ///
    /// | key | type | default | meaning |
    /// |---|---|---|---|
    /// | `inbox` | string | `/var/lib/frontline/inbox` | folder watched for articles |
    /// | `state_dir` | string | `/var/lib/frontline` | log, article texts, read model |
    /// | `socket` | string | `/run/frontline/frontline.sock` | query API socket |
    /// | `socket_mode` | string (octal) | `"0660"` | mode of a self-bound socket |
    /// | `socket_group` | string | daemon's group | group of a self-bound socket |
    /// | `lexicon_dir` | string | search | lexicon folder |
    /// | `log_level` | string | `info` | trace, debug, info, notice, warning, error, critical |
    /// | `max_article_bytes` | integer | 10485760 | larger files are rejected unread |
    /// | `processed` / `rejected` | string | `move` | move, keep or delete the inbox file |
    /// | `date_window_days` | integer | 7 | mentions further apart are different events |
    /// | `backfill_horizon_days` | integer | 30 | older claims raise no journal alert |
    /// | `rescan_interval_seconds` | integer | 300 | safety-net inbox rescan |
    /// | `journal_alerts` | bool | true | write alerts to the journal |
    /// | `checkpoint_interval` | integer | 1000 | records between signed checkpoints (0: only at start and stop) |
    /// | `allowed_uids` | array of integers | everyone the socket's mode lets in | uids the API answers (root and the daemon's own always) |
    /// | `allow_post` | bool | true | accept `POST /v1/articles` |
    /// | `stream_heartbeat_seconds` | integer | 15 | comment line sent to idle alert streams |
    ///
    /// `editors`, `alert_command`, `alert_command_timeout` and `[[alert_rule]]`: see `+Desk`.
    public init(tomlText: String, file: String) throws(ConfigurationError) {
        self.init()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: tomlText)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file, line: Int(error.source.begin.line), reason: error.description)
        } catch {
            throw ConfigurationError(file: file, reason: "\(error)")
        }
        let known: Set<String> = [
            "inbox", "state_dir", "socket", "socket_mode", "socket_group", "lexicon_dir", "log_level",
            "max_article_bytes", "processed", "rejected", "date_window_days", "backfill_horizon_days",
            "rescan_interval_seconds", "journal_alerts", "checkpoint_interval", "alert_command", "alert_command_timeout", "alert_rule",
            "editors", "allowed_uids", "allow_post", "stream_heartbeat_seconds",
        ]
        for key in table.keys where !known.contains(key) {
            throw ConfigurationError(file: file, line: Self.line(of: key, in: tomlText), reason: "unknown key '\(key)'")
        }
        func string(_ key: String) throws(ConfigurationError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                throw ConfigurationError(file: file, line: Self.line(of: key, in: tomlText), reason: "'\(key)' must be a string")
            }
            return text
        }
        func integer(_ key: String, minimum: Int) throws(ConfigurationError) -> Int? {
            guard let value = table[key] else { return nil }
            guard let number = value.int, number >= minimum else {
                throw ConfigurationError(
                    file: file, line: Self.line(of: key, in: tomlText), reason: "'\(key)' must be an integer ≥ \(minimum)")
            }
            return number
        }
        func disposition(_ key: String) throws(ConfigurationError) -> FileDisposition? {
            guard let text = try string(key) else { return nil }
            guard let value = FileDisposition(rawValue: text) else {
                throw ConfigurationError(
                    file: file, line: Self.line(of: key, in: tomlText), reason: "'\(key)' must be move, keep or delete")
            }
            return value
        }
        if let value = try string("inbox") { self.inbox = value }
        if let value = try string("state_dir") { self.stateDirectory = value }
        if let value = try string("socket") { self.socketPath = value }
        if let value = try string("socket_mode") {
            guard let mode = UInt16(value, radix: 8), mode <= 0o777 else {
                throw ConfigurationError(file: file, line: Self.line(of: "socket_mode", in: tomlText), reason: "'socket_mode' must be octal, like \"0660\"")
            }
            self.socketMode = mode
        }
        if let value = try string("socket_group") { self.socketGroup = value }
        if let value = try string("lexicon_dir") { self.lexiconDirectory = value }
        if let value = try string("log_level") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value) else {
                throw ConfigurationError(file: file, line: Self.line(of: "log_level", in: tomlText), reason: "'log_level' must be one of \(levels.joined(separator: ", "))")
            }
            self.logLevel = value
        }
        if let value = try integer("max_article_bytes", minimum: 1) { self.maxArticleBytes = value }
        if let value = try disposition("processed") { self.processed = value }
        if let value = try disposition("rejected") { self.rejected = value }
        if let value = try integer("date_window_days", minimum: 0) { self.dateWindowDays = value }
        if let value = try integer("backfill_horizon_days", minimum: 0) { self.backfillHorizonDays = value }
        if let value = try integer("checkpoint_interval", minimum: 0) { self.checkpointInterval = value }
        if let value = try integer("rescan_interval_seconds", minimum: 1) { self.rescanIntervalSeconds = value }
        func flag(_ key: String) throws(ConfigurationError) -> Bool? {
            guard let value = table[key] else { return nil }
            guard let flag = value.bool else {
                throw ConfigurationError(file: file, line: Self.line(of: key, in: tomlText), reason: "'\(key)' must be true or false")
            }
            return flag
        }
        if let value = try flag("journal_alerts") { self.journalAlerts = value }
        if let value = try flag("allow_post") { self.allowPost = value }
        if let value = try integer("stream_heartbeat_seconds", minimum: 1) { self.streamHeartbeatSeconds = value }
        if let value = table["allowed_uids"] {
            guard let array = value.array, let uids = Optional(array.compactMap { $0.int }), uids.count == array.count,
                uids.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) })
            else {
                throw ConfigurationError(
                    file: file, line: Self.line(of: "allowed_uids", in: tomlText), reason: "'allowed_uids' must be an array of user ids, like [1000, 1001]")
            }
            self.allowedUIDs = uids.map { UInt32($0) }
        }
        try self.readDeskKeys(table, text: tomlText, file: file)
    }

    /// Reads and parses a configuration file.
    public static func load(file: String) throws(ConfigurationError) -> DaemonConfiguration {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ConfigurationError(file: file, reason: "cannot read the configuration file (does it exist and is it readable?)")
        }
        return try DaemonConfiguration(tomlText: text, file: file)
    }

    static func line(of key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") || trimmed.hasPrefix("[\(key)]")
                || trimmed.hasPrefix("[[\(key)]]")
            {
                return index + 1
            }
        }
        return nil
    }
}
