import Foundation
import FrontlineService
import Testing

/// Query clients and stream subscribers hammer the socket while files are ingested: no request
/// fails, and every subscriber receives every alert exactly once, in log order. How much ingest
/// slows under this load is a benchmark's question, not asserted here. `make stress` runs the
/// issue's scale (500 clients, 50 subscribers, 1,000 files); `make test` a fifth of it.
@Suite(.serialized) struct APILoadTests {
    static var stress: Bool { ProcessInfo.processInfo.environment["FRONTLINE_STRESS"] != nil }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var requests = 0
        private(set) var failures: [String] = []
        func record(_ failure: String?) {
            self.lock.lock()
            self.requests += 1
            if let failure, self.failures.count < 20 { self.failures.append(failure) }
            self.lock.unlock()
        }
    }

    @Test func clientsAndSubscribersDuringABurst() throws {
        let (clients, subscribers, files) = Self.stress ? (500, 50, 1000) : (100, 10, 200)
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.configure(["log_level": "\"warning\""])
        try daemon.start()

        let streams = (0..<subscribers).map { index in
            StreamCollector(client: daemon.client, target: index % 2 == 0 ? "/v1/alerts/stream" : "/v1/alerts/stream?format=ndjson")
        }
        try waitUntil("\(subscribers) subscribers") { (try daemon.status()["subscribers"] as? Int) == subscribers }

        let tally = Tally()
        let done = Flag()
        // The client threads stop however the test ends: a wait that times out must not leave
        // them hammering a removed daemon's socket for the rest of the run.
        defer { done.set() }
        let targets = ["/v1/status", "/v1/claims?limit=20", "/v1/alerts?after=0&limit=50", "/v1/articles?limit=10", "/metrics", "/v1/claims.geojson?limit=50"]
        let client = daemon.client
        let threads = (0..<clients).map { index in
            let thread = Thread {
                var turn = index
                repeat {
                    let target = targets[turn % targets.count]
                    turn += 1
                    do {
                        let response = try client.request("GET", target)
                        tally.record(response.status == 200 ? nil : "\(target): \(response.status) \(response.text.prefix(120))")
                    } catch {
                        tally.record("\(target): \(error)")
                    }
                } while !done.isSet
            }
            thread.stackSize = 256 << 10
            thread.start()
            return thread
        }

        let base = 1_000_000
        for marker in 0..<files {
            try daemon.drop(text: sentinelArticle(base + marker), as: "load-\(marker).txt")
        }
        try waitUntil("\(files) outcomes", timeout: Self.stress ? 600 : 240) { try daemon.outcomes() == files }
        try waitUntil("every alert on every stream", timeout: 120) {
            streams.allSatisfy { Self.alertSeqs($0.received).count >= files }
        }
        done.set()
        try waitUntil("the client threads to finish", timeout: 60) { threads.allSatisfy(\.isFinished) }

        #expect(tally.failures.isEmpty, "\(tally.failures)")
        #expect(tally.requests >= clients)
        #expect(try daemon.counter("alerts") == files)
        for stream in streams {
            let seqs = Self.alertSeqs(stream.received)
            #expect(seqs.count == files, "no alert lost or repeated")
            #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
        }
        #expect(try daemon.status()["subscribers"] as? Int == subscribers, "nobody was dropped")
    }

    /// Log sequences of the alerts a stream delivered: SSE `id:` lines, or NDJSON objects' `seq`.
    static func alertSeqs(_ lines: [String]) -> [Int] {
        lines.compactMap { line in
            if line.hasPrefix("id: ") { return Int(line.dropFirst(4)) }
            if line.hasPrefix("{") { return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int }
            return nil
        }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { self.lock.lock(); defer { self.lock.unlock() }; return self.value }
        func set() { self.lock.lock(); self.value = true; self.lock.unlock() }
    }
}
