import FrontlineCore
import FrontlineService
import Logging
import Testing

/// A stalled stream subscriber is dropped once it is `bufferLimit` alerts behind; broadcasting
/// never waits for it, and a subscriber that keeps reading gets every alert.
@Suite struct AlertHubTests {
    static func alert(_ seq: UInt64) -> Alert {
        let claim = Claim(
            id: "c_\(seq)", kind: .captured, claimant: nil, opponent: nil, places: [], areas: [], eventDate: nil,
            firstSeen: "2026-11-21T00:00:00Z", attributedTo: nil, hedged: false, status: .new, sources: [], independentSources: 0,
            evidence: [], extractor: "test")
        return Alert(alertID: "al_\(seq)", kind: .claimNew, seq: seq, raisedAt: "2026-11-21T00:00:00Z", backfill: false, claim: claim, summary: "", article: "")
    }

    @Test func aStalledSubscriberIsDroppedAndOthersGetEverything() async throws {
        let hub = AlertHub(journal: nil, logger: Logger(label: "test"), bufferLimit: 8)
        let stalled = hub.subscribe()
        let reader = hub.subscribe()
        let progress = Progress()
        let received = Task {
            var seqs: [UInt64] = []
            for await alert in reader.alerts {
                seqs.append(alert.seq)
                await progress.set(seqs.count)
                if seqs.count == 100 { break }
            }
            return seqs
        }
        for seq in 1...100 {
            hub.broadcast([Self.alert(UInt64(seq))])
            // The reader keeps up, as a live client does (a condition, not a sleep); the stalled
            // one never reads.
            if seq % 4 == 0 {
                while await progress.count < seq { await Task.yield() }
            }
        }
        let seqs = await received.value
        #expect(seqs == Array(1...100))
        #expect(hub.droppedCount == 1)
        // The stalled subscription ended after the alerts it had buffered.
        var buffered = 0
        for await _ in stalled.alerts { buffered += 1 }
        #expect(buffered == 8)
    }
}

actor Progress {
    private(set) var count = 0
    func set(_ value: Int) { self.count = value }
}
