/// What an alert announces.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable {
    case claimNew = "claim.new"
    case claimContested = "claim.contested"
    case offensiveNew = "offensive.new"
    case claimCorroborated = "claim.corroborated"

    /// Journal priority (INTERFACE.md): notice for new and contested claims, info otherwise.
    public var priority: Int {
        switch self {
        case .claimNew, .claimContested: return 5
        case .offensiveNew, .claimCorroborated: return 6
        }
    }

    /// Fixed journal MESSAGE_ID per kind (documented in systemd/frontline.catalog).
    public var messageID: String {
        switch self {
        case .claimNew: return "6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e01"
        case .claimContested: return "6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e02"
        case .offensiveNew: return "6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e03"
        case .claimCorroborated: return "6f1c2a4e8b3d4c7a9e0f1a2b3c4d5e04"
        }
    }

    /// Whether the kind goes to the journal and the hook (corroborations go to the stream only).
    public var isJournaled: Bool { self != .claimCorroborated }
}

/// An alert: raised once, recorded in the log, delivered at least once under a stable id.
public struct Alert: Sendable, Hashable, Codable {
    public var alertID: String
    public var kind: AlertKind
    /// Log sequence of the alert's record; 0 until the record is appended.
    public var seq: UInt64
    public var raisedAt: String
    public var backfill: Bool
    public var claim: Claim
    public var summary: String
    /// The article whose arrival raised the alert.
    public var article: String

    public init(
        alertID: String, kind: AlertKind, seq: UInt64, raisedAt: String, backfill: Bool, claim: Claim, summary: String,
        article: String
    ) {
        self.alertID = alertID
        self.kind = kind
        self.seq = seq
        self.raisedAt = raisedAt
        self.backfill = backfill
        self.claim = claim
        self.summary = summary
        self.article = article
    }

    enum CodingKeys: String, CodingKey {
        case kind, seq, backfill, claim, summary, article
        case alertID = "alert_id"
        case raisedAt = "raised_at"
    }
}
