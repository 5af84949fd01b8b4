import Foundation
import FrontlineStore

/// `GET /metrics` in the Prometheus text format (version 0.0.4).
extension APIContext {
    func prometheus() throws -> APIResponse {
        let counters = try self.projection.counters()
        let breakdown = try self.projection.breakdown()
        let head = self.log.head
        let commits = self.log.statistics
        let snapshot = self.metrics.snapshot
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        metric(
            "frontline_articles_total", "counter", "Inbox files by outcome.",
            [
                ("{outcome=\"processed\"}", "\(counters.articlesAccepted)"), ("{outcome=\"duplicate\"}", "\(counters.articlesDuplicate)"),
                ("{outcome=\"rejected\"}", "\(counters.articlesRejected)"),
            ])
        metric(
            "frontline_claims", "gauge", "Claims by kind and status.",
            breakdown.claims.map { ("{kind=\"\($0.kind)\",status=\"\($0.status)\"}", "\($0.count)") })
        metric("frontline_alerts_total", "counter", "Alerts raised, by kind.", breakdown.alerts.map { ("{kind=\"\($0.kind)\"}", "\($0.count)") })
        var cumulative: [(String, String)] = zip(DaemonMetrics.latencyBuckets, snapshot.latencyCounts).map { bound, count in
            ("{le=\"\(Self.number(bound))\"}", "\(count)")
        }
        cumulative.append(("{le=\"+Inf\"}", "\(snapshot.latencyCount)"))
        out += "# HELP frontline_ingest_latency_seconds From taking an inbox file to its outcome durable, projected and alerted.\n"
        out += "# TYPE frontline_ingest_latency_seconds histogram\n"
        for (labels, value) in cumulative { out += "frontline_ingest_latency_seconds_bucket\(labels) \(value)\n" }
        out += "frontline_ingest_latency_seconds_sum \(Self.number(snapshot.latencySum))\n"
        out += "frontline_ingest_latency_seconds_count \(snapshot.latencyCount)\n"
        metric("frontline_log_records", "gauge", "Records in the event log.", [("", "\(head.records)")])
        metric("frontline_log_bytes", "gauge", "Bytes in the event log.", [("", "\(head.bytes)")])
        metric("frontline_log_fsyncs_total", "counter", "fsync calls on the event log since start.", [("", "\(commits.fsyncs)")])
        metric(
            "frontline_log_fsync_seconds_total", "counter", "Time spent in event log fsync since start.",
            [("", Self.number(Double(commits.syncNanoseconds) / 1e9))])
        metric("frontline_log_batches_total", "counter", "Batches committed since start (group commit).", [("", "\(commits.batches)")])
        metric("frontline_stream_subscribers", "gauge", "Connected alert stream subscribers.", [("", "\(self.hub.subscriberCount)")])
        metric(
            "frontline_stream_subscribers_dropped_total", "counter", "Subscribers dropped for falling too far behind.",
            [("", "\(self.hub.droppedCount)")])
        metric(
            "frontline_http_requests_total", "counter", "API requests answered, by status class.",
            snapshot.requests.sorted { $0.key < $1.key }.map { ("{code=\"\($0.key)\"}", "\($0.value)") })
        let hook = self.hook?.statistics ?? AlertHook.Statistics()
        metric("frontline_hook_queued", "gauge", "Alerts waiting for alert_command (the hook's outbox).", [("", "\(hook.queued)")])
        metric(
            "frontline_hook_runs_total", "counter", "alert_command runs since start, by result.",
            [("{result=\"ok\"}", "\(hook.delivered)"), ("{result=\"failed\"}", "\(hook.failedRuns)")])
        metric("frontline_hook_skipped_total", "counter", "Queued alerts not run because the claim was retracted meanwhile.", [("", "\(hook.skipped)")])
        metric("frontline_uptime_seconds", "gauge", "Seconds since the daemon started.", [("", "\(Int(Date().timeIntervalSince(self.startedAt)))")])
        return .body(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(out.utf8))
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
