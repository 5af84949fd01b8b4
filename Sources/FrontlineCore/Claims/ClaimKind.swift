/// What a claim says happened to a place.
public enum ClaimKind: String, Sendable, Hashable, Codable, CaseIterable {
    case captured
    case recaptured
    case withdrew
    case contested
    case offensive

    /// A claim that control of a place changed hands (not an offensive, not a denial).
    public var changesControl: Bool { self == .captured || self == .recaptured || self == .withdrew }

    /// Kinds that count as one for claim identity: taking and retaking are one class.
    public var identityClass: String {
        switch self {
        case .captured, .recaptured: return "control"
        case .withdrew: return "withdrew"
        case .contested: return "contested"
        case .offensive: return "offensive"
        }
    }
}

/// A claim's standing across its sources.
public enum ClaimStatus: String, Sendable, Hashable, Codable {
    case new
    case corroborated
    case contested
    /// No source supports it any more: `frontlinectl reprocess` no longer finds it in any article
    /// that gave it (kept in the log and the read model so its history stays visible).
    case withdrawn
    /// An analyst retracted it (`frontlinectl correct ID retract`): kept with its history, never
    /// alerted again.
    case retracted
    /// An analyst merged it into another claim (`merged_into`).
    case merged
}

/// One span of article text a claim rests on.
public struct Evidence: Sendable, Hashable, Codable {
    public var article: String
    public var sentence: String
    /// UTF-8 byte offsets into the stored article text.
    public var start: Int
    public var end: Int

    public init(article: String, sentence: String, start: Int, end: Int) {
        self.article = article
        self.sentence = sentence
        self.start = start
        self.end = end
    }
}
