public import FrontlineCore

/// Somewhere alerts are delivered: the journal, the stream, a hook.
public protocol AlertSink: Sendable {
    /// Delivers one alert; a failure is logged by the caller and never stops ingest.
    func deliver(_ alert: Alert) async throws
}
