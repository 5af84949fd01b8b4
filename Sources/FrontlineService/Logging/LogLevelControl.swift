public import Logging
import Synchronization

/// The daemon's diagnostics level, shared by every logger so a reload (SIGHUP) can change it.
public final class LogLevelControl: Sendable {
    private let level: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    public var current: Logger.Level {
        get { self.level.withLock { $0 } }
        set { self.level.withLock { $0 = newValue } }
    }
}

/// Wraps a handler so its level follows a ``LogLevelControl`` unless set on this logger itself.
public struct ControlledLevelLogHandler: LogHandler {
    var inner: any LogHandler
    let control: LogLevelControl
    var override: Logger.Level?

    public init(_ inner: any LogHandler, control: LogLevelControl) {
        var inner = inner
        inner.logLevel = .trace
        self.inner = inner
        self.control = control
    }

    public var logLevel: Logger.Level {
        get { self.override ?? self.control.current }
        set { self.override = newValue }
    }

    public var metadata: Logger.Metadata {
        get { self.inner.metadata }
        set { self.inner.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { self.inner.metadataProvider }
        set { self.inner.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.inner[metadataKey: key] }
        set { self.inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        self.inner.log(event: event)
    }
}
