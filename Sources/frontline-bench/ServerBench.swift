import Foundation
import FrontlineCore
import FrontlineService
import FrontlineStore
import SystemPackage

/// The daemon on big logs: start-up recovery of a 1M-record log, and queries on a read model of
/// 1M claims under a steady request rate.
enum ServerBench {
    static func recovery(template: LogTemplate, bin: String, root: String, work: String, records: Int) throws -> [Figure] {
        let daemon = try DaemonRun(bin: bin, root: root, work: work)
        let built = try LogBench.append(template: template, directory: daemon.state + "/log", records: records, unique: true)
        let megabytes = Double(built.head.bytes) / 1e6
        let rebuild = try daemon.start()
        // A graceful stop writes the ingest snapshot; the start after it reads it.
        let stopping = Stopwatch.now()
        daemon.stop()
        let stopSeconds = Stopwatch.seconds(since: stopping)
        let snapshotPath = daemon.state + "/ingest.snapshot"
        let snapshotBytes = (try? FileManager.default.attributesOfItem(atPath: snapshotPath)[.size] as? Int) ?? 0
        let recovery = try daemon.start()
        let rss = Stopwatch.statusKB(pid: daemon.pid, field: "VmRSS") ?? 0
        let claims = (try daemon.status()["counters"] as? [String: Any])?["claims"] as? Int ?? 0
        daemon.stop()
        // As after a crash before any graceful stop: no snapshot, the whole log replayed.
        try? FileManager.default.removeItem(atPath: snapshotPath)
        let replay = try daemon.start()
        let replayRSS = Stopwatch.statusKB(pid: daemon.pid, field: "VmRSS") ?? 0
        daemon.stop()
        return [
            Figure("log: append of distinct records (log built for recovery)", "\(Figure.format(Double(built.head.records) / built.seconds)) records/s",
                   note: "\(built.head.records) records, \(Figure.format(megabytes)) MB, ids rewritten per replica"),
            .atMost("recovery: start-up on a \(built.head.records)-record log", recovery, 5, unit: "s",
                    note: "after a graceful stop: start → /v1/status answers, ingest state read from the snapshot (\(snapshotBytes / 1_000_000) MB), read model current; \(claims) claims, RSS after \(rss / 1024) MB"),
            Figure("recovery: graceful stop, snapshot written", String(format: "%.1f s", stopSeconds), note: "SIGTERM → exit, writing \(snapshotBytes / 1_000_000) MB"),
            Figure("recovery: start-up replaying the whole log", String(format: "%.1f s", replay),
                   note: "no snapshot (a crash before any graceful stop, or one refused); RSS after \(replayRSS / 1024) MB"),
            Figure("recovery: first start, read model rebuilt", String(format: "%.1f s", rebuild), note: "the same log with no index.sqlite"),
        ]
    }

    static func query(template: LogTemplate, bin: String, root: String, work: String, claims: Int, rate: Double, seconds: Double) throws -> [Figure] {
        let daemon = try DaemonRun(bin: bin, root: root, work: work)
        // Each claim's last update in the template (its final state), so every record written
        // is a distinct claim and `claims` records make a read model of `claims` claims.
        var finals: [String: (type: String, payload: [UInt8])] = [:]
        var places: Set<String> = []
        for batch in template.batches {
            for record in batch where record.type == "claim.updated" {
                guard case .claimUpdated(let update) = try LogEvent(type: record.type, payload: record.payload) else { continue }
                finals[update.claim.id] = record
                for place in update.claim.places { places.insert(place.name) }
            }
        }
        guard !places.isEmpty else { throw BenchFailure("the template has no claim with a place") }
        let records = finals.sorted { $0.key < $1.key }.map(\.value)
        let (log, _, _) = try EventLog.open(directory: FilePath(daemon.state + "/log"))
        var written = 0
        var replica = 0
        var last: LogCommit?
        while written < claims {
            let batch = records.prefix(claims - written).map { LogTemplate.rewrite($0, replica: replica) }
            last = try log.submit(encoded: batch, timeMillis: 1_790_000_000_000)
            written += batch.count
            replica += 1
        }
        try last?.waitDurable()
        log.close()
        let rebuild = try daemon.start(timeout: 1800)
        let count = (try daemon.status()["counters"] as? [String: Any])?["claims"] as? Int ?? 0
        let targets = places.sorted().map { "/v1/claims?place=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }
        let load = LoadGenerator(client: daemon.client, rate: rate, threads: 8, targets: targets)
        Thread.sleep(forTimeInterval: seconds)
        let result = load.stop()
        let stop = Stopwatch.time { daemon.stop() }
        let snapshot = (try? FileManager.default.attributesOfItem(atPath: daemon.state + "/ingest.snapshot")[.size] as? Int) ?? 0
        let millis = { (percentile: Double) in Double(result.histogram.valueAtPercentile(percentile)) / 1000 }
        return [
            .atMost("query: GET /v1/claims?place= p99", millis(99), 5, unit: "ms",
                    note: "\(result.requests) requests at \(Int(rate))/s over \(places.count) places, \(result.failures) failed; p50 \(Figure.format(millis(50))) ms, p99.9 \(Figure.format(millis(99.9))) ms, max \(Figure.format(Double(result.histogram.max) / 1000)) ms; read model of \(count) claims"),
            Figure("query: read model of \(count) claims built from the log", String(format: "%.1f s", rebuild), note: "first start of the daemon on a log of \(written) claim records"),
            Figure("query: graceful stop with \(count) claims", String(format: "%.1f s", stop),
                   note: "SIGTERM → exit, writing the ingest snapshot (\(snapshot / 1_000_000) MB); the unit allows 30 s (TimeoutStopSec)"),
        ]
    }

    /// The burst again while 50 subscribers hold alert streams and `clients` clients each send a
    /// request a second.
    static func underLoad(bin: String, root: String, work: String, corpus: String, baseline: IngestBench.Burst, clients: Int, subscribers: Int) throws -> [Figure] {
        let daemon = try DaemonRun(bin: bin, root: root, work: work)
        try daemon.start()
        let streams = (0..<subscribers).map { _ in StreamWatcher(client: daemon.client) }
        try DaemonRun.waitUntil("\(subscribers) alert streams to open", timeout: 60) { streams.allSatisfy(\.isOpen) }
        let load = LoadGenerator(client: daemon.client, rate: Double(clients), threads: 16,
                                 targets: ["/v1/claims?limit=20", "/v1/status", "/v1/claims?place=Aleppo", "/v1/claims?kind=captured&limit=10"])
        let burst = try IngestBench.burst(daemon: daemon, files: corpus + "/burst", limit: baseline.files)
        let result = load.stop()
        daemon.stop()
        let drop = (1 - baseline.seconds / burst.seconds) * 100
        return [
            .atMost("ingest under API load: throughput drop", max(drop, 0), 20, unit: "%",
                    note: "\(Figure.format(Double(burst.files) / burst.seconds)) files/s against \(Figure.format(Double(baseline.files) / baseline.seconds)) alone; \(clients) clients at 1 request/s each (\(result.requests) requests, \(result.failures) failed, p99 \(Figure.format(Double(result.histogram.valueAtPercentile(99)) / 1000)) ms) and \(subscribers) SSE subscribers"),
        ]
    }
}
