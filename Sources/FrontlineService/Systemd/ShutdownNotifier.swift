public import ServiceLifecycle

/// A service that waits for graceful shutdown and tells systemd `STOPPING=1` at once.
public struct ShutdownNotifier: Service {
    let notifier: SystemdNotifier
    let onShutdown: @Sendable () async -> Void

    public init(notifier: SystemdNotifier, onShutdown: @escaping @Sendable () async -> Void = {}) {
        self.notifier = notifier
        self.onShutdown = onShutdown
    }

    public func run() async throws {
        try? await gracefulShutdown()
        self.notifier.stopping()
        await self.onShutdown()
    }
}
