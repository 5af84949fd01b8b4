import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 against the real daemon while files (20% of them duplicates) are dropped: after the
/// last restart every distinct article is in the log once, every file has one outcome, no claim
/// event has two alert records, every alert was delivered, the log verifies and the read model
/// equals one rebuilt from the log.
@Suite(.serialized) struct CrashLoopTests {
    static var stress: Bool { ProcessInfo.processInfo.environment["FRONTLINE_STRESS"] != nil }

    @Test func killNineLoopLosesAndDuplicatesNothing() throws {
        let kills = Self.stress ? 100 : 20
        let files = Self.stress ? 2000 : 300
        let work = URL(fileURLWithPath: "/tmp/flcrash-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        // Alerts go to the real journal, so "every alert was delivered" needs a journald listening;
        // without one every delivery fails and waits for a restart, which is right but not this test.
        if let reason = Journald.ensureRunning() {
            if getuid() == 0 { Issue.record("the crash loop needs a journald: \(reason)") } else { print("skipped: \(reason)") }
            return
        }
        // File i is a copy of an earlier distinct article every fifth time.
        var contents: [String] = []
        var distinct = 0
        for index in 0..<files {
            if index % 5 == 4 {
                contents.append(sentinelArticle(10_000 + (index * 7919) % distinct))
            } else {
                contents.append(sentinelArticle(10_000 + distinct))
                distinct += 1
            }
        }
        var random = SystemRandomNumberGenerator()
        var next = 0
        for round in 0..<kills {
            let daemon = try DaemonProcess(work: work)
            try daemon.start()
            let chunk = (files - next) / (kills - round)
            for _ in 0..<chunk {
                try daemon.drop(text: contents[next], as: "crash-\(next).txt")
                next += 1
            }
            // Kill at a random moment of the work (this picks the crash point; nothing waits on it).
            usleep(UInt32.random(in: 0...150_000, using: &random))
            kill(daemon.process.processIdentifier, SIGKILL)
            daemon.process.waitUntilExit()
        }
        let daemon = try DaemonProcess(work: work)
        try daemon.start()
        try waitUntil("every file to have an outcome", timeout: 120) {
            let left = try FileManager.default.contentsOfDirectory(atPath: daemon.inbox.path).filter { $0.hasPrefix("crash-") }
            return left.isEmpty
        }
        #expect(daemon.stop() == 0)

        let (records, _, damage) = try EventLog.readAll(directory: FilePath(daemon.state.path).appending("log"))
        #expect(damage == nil)
        var accepted: [String: Int] = [:]
        var outcomesPerFile: [String: Int] = [:]
        var raised: [String: Int] = [:]
        var created = Set<String>()
        var delivered = Set<String>()
        for stored in records {
            switch try stored.event() {
            case .articleAccepted(let article):
                accepted[article.id, default: 0] += 1
                outcomesPerFile[article.file, default: 0] += 1
            case .articleDuplicate(let duplicate): outcomesPerFile[duplicate.file, default: 0] += 1
            case .articleRejected(let rejected): outcomesPerFile[rejected.file, default: 0] += 1
            case .alertRaised(let alert): raised[alert.alertID, default: 0] += 1
            case .alertDelivered(let delivery): delivered.formUnion(delivery.alerts)
            case .claimUpdated(let update): if update.created { created.insert(update.claim.id) }
            default: break
            }
        }
        #expect(accepted.count == distinct, "distinct articles in the log")
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an article accepted twice")
        #expect(outcomesPerFile.count == files, "files with an outcome")
        let repeated = outcomesPerFile.filter { $0.value > 1 }
        #expect(repeated.isEmpty, "files with more than one outcome: \(repeated.keys.sorted().prefix(5))")
        // One claim.new per claim created. (Not one per article: with thousands of articles in the
        // index, a MinHash estimate now and then links two sentinels as a rewrite and their claims
        // merge; that is the merging issue's to fix, not a crash-safety matter.)
        #expect(raised.count == created.count, "one claim.new per claim")
        #expect(created.count > distinct * 9 / 10, "claims: \(created.count) for \(distinct) articles")
        #expect(raised.values.allSatisfy { $0 == 1 }, "an alert raised twice")
        #expect(Set(raised.keys).subtracting(delivered).isEmpty, "alerts never delivered: \(Set(raised.keys).subtracting(delivered).count)")

        let verify = try runCommand(Project.frontlinectl, ["log", "verify", "--state-dir", daemon.state.path])
        #expect(verify.status == 0, "log verify: \(verify.output)")

        let rebuilt = work.appendingPathComponent("rebuilt.sqlite").path
        let projection = try Projection(path: rebuilt)
        try projection.apply(records)
        let live = try Projection(path: daemon.state.appendingPathComponent("index.sqlite").path)
        #expect(try live.dump() == projection.dump())
    }
}
