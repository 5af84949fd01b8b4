import Foundation

/// `since=` as a period of the log rather than an event date: a duration back from now (`90m`,
/// `24h`, `7d`, `2w`, `30s`) or a moment (`2026-11-21T08:00:00Z`).
public enum ChangeWindow {
    /// The start of the window in ms since the epoch, or nil when `text` is neither form.
    public static func startMillis(_ text: String, now: Date) -> Int64? {
        if let unit = text.last, let count = Int64(text.dropLast()), count >= 0 {
            let seconds: Int64? =
                switch unit {
                case "s": 1
                case "m": 60
                case "h": 3600
                case "d": 86_400
                case "w": 604_800
                default: nil
                }
            if let seconds {
                let (product, overflow) = count.multipliedReportingOverflow(by: seconds * 1000)
                return overflow ? nil : Int64(now.timeIntervalSince1970 * 1000) - product
            }
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        return nil
    }

    /// An ms timestamp as ISO 8601 UTC with milliseconds, the form of a claim's `first_seen`.
    public static func iso(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
