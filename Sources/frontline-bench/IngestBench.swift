import Foundation
import FrontlineService
import Histogram

/// The daemon's ingest: a burst of files, the drop-to-alert latency at a steady rate, and the
/// burst again under API load.
enum IngestBench {
    struct Burst {
        var files: Int
        var seconds: Double
        var peakRSSKB: Int
        var alerts: Int
    }

    /// Stages the files next to the inbox, then renames them all in at once; returns when every
    /// file has its outcome in the read model and every alert raised has reached a stream subscriber.
    static func burst(daemon: DaemonRun, files source: String, limit: Int = .max) throws -> Burst {
        let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted().prefix(limit)
        for name in names {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: daemon.staging + "/" + name)
        }
        let stream = StreamWatcher(client: daemon.client)
        try DaemonRun.waitUntil("the alert stream to open", timeout: 30) { stream.isOpen }
        let before = try daemon.projected()
        let start = Stopwatch.now()
        for name in names {
            guard rename(daemon.staging + "/" + name, daemon.inbox + "/" + name) == 0 else {
                throw BenchFailure("cannot move \(name) into \(daemon.inbox): \(String(cString: strerror(errno)))")
            }
        }
        var alerts = 0
        try DaemonRun.waitUntil("\(names.count) outcomes in the read model", timeout: 600) {
            let now = try daemon.projected()
            alerts = now.alerts - before.alerts
            return now.outcomes - before.outcomes >= names.count && stream.count >= alerts
        }
        let seconds = Stopwatch.seconds(since: start)
        return Burst(files: names.count, seconds: seconds, peakRSSKB: Stopwatch.statusKB(pid: daemon.pid, field: "VmHWM") ?? 0, alerts: alerts)
    }

    static func burstFigures(_ burst: Burst) -> [Figure] {
        [
            .atMost("ingest: burst of \(burst.files) files durable, projected, alerted", burst.seconds, 10, unit: "s",
                    note: "\(Figure.format(Double(burst.files) / burst.seconds)) files/s; \(burst.alerts) alerts reached the stream"),
            .atMost("ingest: daemon peak RSS during the burst", Double(burst.peakRSSKB) / 1024, 150, unit: "MB", note: "VmHWM of frontlined"),
        ]
    }

    /// Drops `count` files that each raise one new-claim alert at `rate` per second and measures
    /// rename-into-inbox → alert received on the SSE stream, in microseconds.
    static func latency(daemon: DaemonRun, files source: String, count: Int, warmup: Int, rate: Double) throws -> [Figure] {
        let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted().prefix(count + warmup)
        guard names.count == count + warmup else { throw BenchFailure("\(source) has \(names.count) files; \(count + warmup) needed") }
        var ids: [String] = []
        for name in names {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: source + "/" + name)))
            ids.append(ArticleID.sha256Hex(bytes))
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: daemon.staging + "/" + name)
        }
        let stream = StreamWatcher(client: daemon.client)
        try DaemonRun.waitUntil("the alert stream to open", timeout: 30) { stream.isOpen }
        var dropped: [UInt64] = []
        let interval = UInt64(1e9 / rate)
        let start = Stopwatch.now()
        for (index, name) in names.enumerated() {
            let due = start + UInt64(index) * interval
            while Stopwatch.now() < due { usleep(UInt32(min(1000, (due - Stopwatch.now()) / 1000))) }
            dropped.append(Stopwatch.now())
            guard rename(daemon.staging + "/" + name, daemon.inbox + "/" + name) == 0 else {
                throw BenchFailure("cannot move \(name) into the inbox: \(String(cString: strerror(errno)))")
            }
        }
        try DaemonRun.waitUntil("an alert for each of the \(names.count) files", timeout: 120) {
            ids.allSatisfy { stream.arrival(of: $0) != nil }
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for index in warmup..<names.count {
            histogram.record((stream.arrival(of: ids[index])! - dropped[index]) / 1000)
        }
        let millis = { (percentile: Double) in Double(histogram.valueAtPercentile(percentile)) / 1000 }
        let spread = "p50 \(Figure.format(millis(50))), p90 \(Figure.format(millis(90))), p99 \(Figure.format(millis(99))), p99.9 \(Figure.format(millis(99.9))), max \(Figure.format(Double(histogram.max) / 1000)) ms"
        return [
            .atMost("latency: drop-to-alert p50", millis(50), 10, unit: "ms", note: "\(count) files at \(Int(rate))/s after \(warmup) warm-up; HDR histogram: \(spread)"),
            .atMost("latency: drop-to-alert p99", millis(99), 50, unit: "ms", note: "rename into the inbox → the alert's SSE event read by a subscriber"),
        ]
    }
}
