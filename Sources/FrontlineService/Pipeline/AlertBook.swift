import FrontlineCore

/// What the log says about alerts still owed a delivery: those raised and not yet handed to the
/// journal (the outbox), and those queued for the hook and not yet run. Kept the same way at
/// replay and live, so a snapshot of it is what replaying the log would give.
struct AlertBook: Sendable, Equatable {
    /// Alerts raised and maybe not done with, in log order (with their sequence numbers).
    private(set) var raised: [Alert] = []
    private(set) var delivered: Set<String> = []
    private(set) var hookQueued: Set<String> = []
    private(set) var hookDone: Set<String> = []
    private var keptAtLastPrune = 0

    init() {}

    init(raised: [Alert], delivered: Set<String>, hookQueued: Set<String>, hookDone: Set<String>) {
        self.raised = raised
        self.delivered = delivered
        self.hookQueued = hookQueued
        self.hookDone = hookDone
    }

    /// Whether an alert goes to the journal and the hook at all: raised live and of a journaled kind.
    static func needsDelivery(_ alert: Alert) -> Bool {
        alert.kind.isJournaled && !alert.backfill
    }

    mutating func note(_ event: LogEvent, seq: UInt64) {
        switch event {
        case .alertRaised(var alert):
            alert.seq = seq
            self.raised.append(alert)
        case .alertDelivered(let delivery) where delivery.target == "hook":
            self.hookQueued.formUnion(delivery.queued)
            self.hookDone.formUnion(delivery.alerts + delivery.filtered)
        case .alertDelivered(let delivery):
            self.delivered.formUnion(delivery.alerts + delivery.filtered)
        default:
            break
        }
    }

    /// Alerts raised and never delivered to the journal, in log order.
    var outbox: [Alert] {
        self.raised.filter { !self.delivered.contains($0.alertID) && Self.needsDelivery($0) }
    }

    /// Alerts queued for the hook and not yet run, in log order.
    var hookBacklog: [Alert] {
        self.raised.filter { self.hookQueued.contains($0.alertID) && !self.hookDone.contains($0.alertID) }
    }

    /// Every alert id the hook took (queued, run or kept back by a rule).
    var hookKnown: Set<String> { self.hookQueued.union(self.hookDone) }

    /// Drops the alerts done with: delivered to the journal (or never meant for it) and not
    /// waiting for the hook. Delivery and hook queueing are recorded in one batch, so an alert
    /// done with never comes back.
    mutating func prune() {
        self.raised.removeAll { alert in
            (self.delivered.contains(alert.alertID) || !Self.needsDelivery(alert))
                && (!self.hookQueued.contains(alert.alertID) || self.hookDone.contains(alert.alertID))
        }
        self.delivered.formIntersection(self.raised.map(\.alertID))
        self.keptAtLastPrune = self.raised.count
    }

    /// Prunes once the alerts kept have doubled since the last prune (amortised, for the live book).
    mutating func pruneWhenGrown() {
        if self.raised.count >= 2 * self.keptAtLastPrune + 1_024 { self.prune() }
    }

    static func == (lhs: AlertBook, rhs: AlertBook) -> Bool {
        lhs.raised == rhs.raised && lhs.delivered == rhs.delivered && lhs.hookQueued == rhs.hookQueued && lhs.hookDone == rhs.hookDone
    }
}
