import Foundation
import FrontlineService
import Histogram

/// An open-loop HTTP load over the Unix socket: `threads` threads share `rate` requests per
/// second, each request on a new connection (as curl and frontlinectl make them), and each
/// request's latency counts from when it was due, so a stall is not hidden by sending less
/// (no coordinated omission).
final class LoadGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [UInt64] = []
    private var failures = 0
    private var stopping = false
    private var running = 0

    init(client: APIClient, rate: Double, threads: Int, targets: [String]) {
        let interval = UInt64(1e9 / rate * Double(threads))
        for thread in 0..<threads {
            self.lock.withLock { self.running += 1 }
            Thread { [self] in
                var due = Stopwatch.now() + UInt64(thread) * interval / UInt64(threads)
                var index = thread
                var mine: [UInt64] = []
                var failed = 0
                while !self.lock.withLock({ self.stopping }) {
                    let now = Stopwatch.now()
                    if now < due { usleep(UInt32(min(2000, (due - now) / 1000))); continue }
                    let response = try? client.request("GET", targets[index % targets.count])
                    if response?.status != 200 { failed += 1 }
                    mine.append((Stopwatch.now() - due) / 1000)
                    due += interval
                    index += threads
                }
                self.lock.withLock {
                    self.latencies += mine
                    self.failures += failed
                    self.running -= 1
                }
            }.start()
        }
    }

    /// Stops the threads and returns the latencies (µs) and the number of failed requests.
    func stop() -> (histogram: Histogram<UInt64>, requests: Int, failures: Int) {
        self.lock.withLock { self.stopping = true }
        while self.lock.withLock({ self.running }) > 0 { usleep(1000) }
        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
        for value in self.latencies { histogram.record(value) }
        return (histogram, self.latencies.count, self.failures)
    }
}
