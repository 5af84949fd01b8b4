import FrontlineCore
import Foundation
import TOMLKit

#if canImport(Glibc)
import Glibc
#endif

/// The analyst's desk keys of `frontline.toml`:
///
/// | key | type | default | meaning |
/// |---|---|---|---|
/// | `editors` | array of uids or user names | none | who may `POST /v1/claims/{id}/corrections` |
/// | `alert_command` | array of strings | none | program run once per alert (Alert JSON on stdin) |
/// | `alert_command_timeout` | number (seconds) | 10 | a run taking longer is killed and retried |
/// | `[[alert_rule]]` | tables | none | what reaches the journal and the hook (see ``AlertRule``) |
extension DaemonConfiguration {
    static let ruleKeys: Set<String> = ["name", "actor", "place", "within_km", "country", "kind", "min_sources", "to"]

    mutating func readDeskKeys(_ table: TOMLTable, text: String, file: String) throws(ConfigurationError) {
        func fail(_ key: String, _ reason: String) -> ConfigurationError {
            ConfigurationError(file: file, line: Self.line(of: key, in: text), reason: reason)
        }
        if let value = table["editors"] {
            guard let array = value.array else { throw fail("editors", "'editors' must be an array of user ids or names, like [1000, \"alice\"]") }
            var uids: [UInt32] = []
            for item in array {
                if let number = item.int, number >= 0, number <= Int(UInt32.max) {
                    uids.append(UInt32(number))
                } else if let name = item.string, let uid = Self.uid(ofUser: name) {
                    uids.append(uid)
                } else {
                    throw fail("editors", "'editors' holds \(item.debugDescription), which is neither a user id nor a known user name")
                }
            }
            self.editors = uids
        }
        if let value = table["alert_command"] {
            let words = value.array?.compactMap(\.string) ?? value.string.map { [$0] }
            guard let words, !words.isEmpty, words.count == (value.array?.count ?? 1), words[0].hasPrefix("/") else {
                throw fail("alert_command", "'alert_command' must be an array of strings starting with an absolute path, like [\"/usr/local/bin/notify-desk\", \"--channel\", \"iraq\"]")
            }
            self.alertCommand = words
        }
        if let value = table["alert_command_timeout"] {
            guard let seconds = value.double ?? value.int.map(Double.init), seconds > 0, seconds <= 3600 else {
                throw fail("alert_command_timeout", "'alert_command_timeout' must be a number of seconds, more than 0 and at most 3600")
            }
            self.alertCommandTimeout = seconds
        }
        if let value = table["alert_rule"] {
            guard let array = value.array else { throw fail("alert_rule", "alert rules are [[alert_rule]] tables") }
            self.alertRules = try array.enumerated().map { (index, item) throws(ConfigurationError) in
                guard let rule = item.table else { throw fail("alert_rule", "alert rules are [[alert_rule]] tables") }
                return try Self.rule(rule, number: index + 1, fail: fail)
            }
        }
    }

    static func rule(
        _ table: TOMLTable, number: Int, fail: (String, String) -> ConfigurationError
    ) throws(ConfigurationError) -> AlertRule {
        let label = "alert_rule #\(number)"
        for key in table.keys where !Self.ruleKeys.contains(key) {
            throw fail("alert_rule", "\(label): unknown key '\(key)' (known: \(Self.ruleKeys.sorted().joined(separator: ", ")))")
        }
        func strings(_ key: String) throws(ConfigurationError) -> [String] {
            guard let value = table[key] else { return [] }
            if let text = value.string { return [text] }
            guard let array = value.array, case let items = array.compactMap(\.string), items.count == array.count else {
                throw fail("alert_rule", "\(label): '\(key)' must be a string or an array of strings")
            }
            return items
        }
        var rule = AlertRule(name: table["name"]?.string ?? label)
        rule.actors = try strings("actor")
        rule.places = try strings("place")
        rule.countries = try strings("country")
        rule.kinds = try strings("kind")
        for kind in rule.kinds where !AlertRule.kindNames.contains(kind) {
            throw fail("alert_rule", "\(label): kind '\(kind)' is not one of \(AlertRule.kindNames.joined(separator: ", "))")
        }
        if let value = table["within_km"] {
            guard let km = value.double ?? value.int.map(Double.init), km > 0, !rule.places.isEmpty else {
                throw fail("alert_rule", "\(label): 'within_km' must be a positive number, with 'place' to measure from")
            }
            rule.withinKm = km
        }
        if let value = table["min_sources"] {
            guard let count = value.int, count >= 1 else { throw fail("alert_rule", "\(label): 'min_sources' must be an integer ≥ 1") }
            rule.minIndependentSources = count
        }
        let targets = try strings("to")
        if !targets.isEmpty {
            rule.targets = []
            for target in targets {
                guard let value = AlertTarget(rawValue: target) else {
                    throw fail("alert_rule", "\(label): 'to' takes \"journal\" and \"hook\", not '\(target)'")
                }
                rule.targets.insert(value)
            }
        }
        return rule
    }

    /// A user's uid from the system's user database (`getpwnam_r`).
    static func uid(ofUser name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// A uid's user name, when the system knows it (`getpwuid_r`).
    public static func userName(of uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}
