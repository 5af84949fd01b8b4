/// What an analyst does to a claim (INTERFACE.md `POST /v1/claims/{id}/corrections`).
public enum CorrectionAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The claim is wrong: it stays in the log and the read model, marked `retracted`, and never alerts again.
    case retract
    /// The claim is right: it counts for the place's holder even when contested; a confirm after a
    /// retract puts the claim back.
    case confirm
    /// The claim is the same event as `target`: its sources and evidence move there.
    case mergeInto = "merge_into"
    /// The claim joined different events: the named source articles (by default, every story but
    /// the first) become claims of their own.
    case split
}

/// One correction, as every claim it touched keeps it in its history.
public struct ClaimCorrection: Sendable, Hashable, Codable {
    /// The correction's id (`cr_…`), the same in every claim it touched.
    public var id: String
    public var action: CorrectionAction
    /// The claim the analyst corrected.
    public var claim: String
    /// `merge_into`: the claim merged into. `split`: on a claim split off, the claim it came from.
    public var target: String?
    public var reason: String
    /// The peer's uid (`SO_PEERCRED`) and, when the system knows it, its user name.
    public var uid: UInt32
    public var user: String?
    public var at: String

    public init(
        id: String, action: CorrectionAction, claim: String, target: String?, reason: String, uid: UInt32, user: String?,
        at: String
    ) {
        self.id = id
        self.action = action
        self.claim = claim
        self.target = target
        self.reason = reason
        self.uid = uid
        self.user = user
        self.at = at
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.id, forKey: .id)
        try c.encode(self.action, forKey: .action)
        try c.encode(self.claim, forKey: .claim)
        try c.encode(self.target, forKey: .target)
        try c.encode(self.reason, forKey: .reason)
        try c.encode(self.uid, forKey: .uid)
        try c.encode(self.user, forKey: .user)
        try c.encode(self.at, forKey: .at)
    }
}

/// An analyst's request, as the API and `frontlinectl correct` take it.
public struct CorrectionRequest: Sendable, Hashable {
    public var claim: String
    public var action: CorrectionAction
    /// `merge_into`: the claim to merge into.
    public var target: String?
    /// `split`: the source articles to split off into one new claim; empty splits every story but the first.
    public var articles: [String]
    public var reason: String
    public var uid: UInt32
    public var user: String?

    public init(
        claim: String, action: CorrectionAction, target: String? = nil, articles: [String] = [], reason: String, uid: UInt32,
        user: String? = nil
    ) {
        self.claim = claim
        self.action = action
        self.target = target
        self.articles = articles
        self.reason = reason
        self.uid = uid
        self.user = user
    }
}

/// A correction as the log records it (`claim.corrected`): who, why, and every claim it changed,
/// as they stand after it, so replay sets them without deciding anything again.
public struct CorrectionRecord: Sendable, Hashable, Codable {
    public var correction: ClaimCorrection
    /// `split`: the source articles moved out (empty for the other actions).
    public var articles: [String]
    public var claims: [Claim]

    public init(correction: ClaimCorrection, articles: [String], claims: [Claim]) {
        self.correction = correction
        self.articles = articles
        self.claims = claims
    }
}

/// Why a correction cannot be made; `isUnknownClaim` maps to 404, the rest to 409/400.
public enum CorrectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownClaim(String)
    case invalid(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .unknownClaim(let id): return "no claim \(id); list claims with `frontlinectl claims`"
        case .invalid(let message), .conflict(let message): return message
        }
    }
}
