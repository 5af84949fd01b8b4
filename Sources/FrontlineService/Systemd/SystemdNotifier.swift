import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager about the daemon's state with `sd_notify(3)`. Without
/// `$NOTIFY_SOCKET` every call is a no-op, so the daemon runs the same outside systemd.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Sends `state` (newline-separated `KEY=value` assignments); returns whether it was sent.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }

    public func ready(status: String) { self.notify("READY=1\nSTATUS=\(status)") }
    public func status(_ status: String) { self.notify("STATUS=\(status)") }
    public func stopping() { self.notify("STOPPING=1\nSTATUS=stopping") }
    public func watchdog() { self.notify("WATCHDOG=1") }

    /// The watchdog interval systemd asked for (`WATCHDOG_USEC`), if it asked this process.
    public func watchdogMicroseconds() -> UInt64? {
        var usec: UInt64 = 0
        return sd_watchdog_enabled(0, &usec) > 0 ? usec : nil
    }
}

extension SystemdNotifier {
    /// The listening socket systemd passed (`LISTEN_FDS`, preferring the one named `query`), if any.
    /// The environment variables are unset so children do not inherit them.
    public func inheritedListener() -> Int32? {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        guard count > 0 else { return nil }
        var chosen = SD_LISTEN_FDS_START
        if let names {
            for index in 0..<Int(count) {
                if let name = names[index], String(cString: name) == "query" { chosen = SD_LISTEN_FDS_START + Int32(index) }
                free(names[index])
            }
            free(names)
        }
        return chosen
    }
}
