/// Every claim about one place, oldest first, ending with who holds it now according to the
/// latest uncontested claim of a change of control, and how sure that is.
///
/// Pure: built from claims (as the read model stores them), so the daemon's API and any offline
/// tool answer the same.
public struct PlaceTimeline: Sendable, Hashable, Codable {
    /// One claim, as a line of the timeline.
    public struct Entry: Sendable, Hashable, Codable {
        public var claimID: String
        public var kind: ClaimKind
        public var claimant: String?
        public var opponent: String?
        /// The event date, or the day the claim was first seen when the text gives none.
        public var date: String
        public var dateIsFirstSeen: Bool
        public var status: ClaimStatus
        public var sources: Int
        public var independentSources: Int
        public var outlets: [String]
        public var summary: String
        /// `place` when the claim names the place itself, `area` when it is about an area anchored
        /// on it ("villages west of Mosul"). Only `place` claims decide who holds it.
        public var scope: String
        /// An analyst confirmed the claim (retracted claims show as `status: retracted`).
        public var confirmed: Bool

        enum CodingKeys: String, CodingKey {
            case claimID = "claim_id"
            case kind, claimant, opponent, date, status, sources, outlets, summary, scope, confirmed
            case dateIsFirstSeen = "date_is_first_seen"
            case independentSources = "independent_sources"
        }
    }

    /// Who holds the place now, according to whom.
    public struct Holder: Sendable, Hashable, Codable {
        /// The actor in control; nil when the deciding claim is a withdrawal naming no one who took over.
        public var actor: String?
        public var since: String
        public var claimID: String
        public var outlets: [String]
        public var independentSources: Int
        /// Whether a later claim contests the place (a denial, or a rival claim of control).
        public var contested: Bool
        /// `confirmed` (an analyst confirmed the deciding claim), `high` (3+ independent sources,
        /// uncontested), `medium` (2, uncontested), `low` otherwise.
        public var confidence: String
        /// The reason in words, for people.
        public var basis: String

        enum CodingKeys: String, CodingKey {
            case actor, since, outlets, contested, confidence, basis
            case claimID = "claim_id"
            case independentSources = "independent_sources"
        }
    }

    public var place: String
    public var gazetteerID: String?
    public var entries: [Entry]
    public var holder: Holder?

    enum CodingKeys: String, CodingKey {
        case place, entries, holder
        case gazetteerID = "gazetteer_id"
    }

    /// `gazetteer_id` and `holder` are always present, `null` when unknown.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.place, forKey: .place)
        try container.encode(self.gazetteerID, forKey: .gazetteerID)
        try container.encode(self.entries, forKey: .entries)
        try container.encode(self.holder, forKey: .holder)
    }

    /// Builds the timeline of `place` from the claims about it (in any order). Withdrawn claims
    /// (no source supports them any more), retracted ones and claims about an area near the place
    /// are listed but never decide the holder; claims merged into another are left out (the other
    /// one lists their sources). A claim an analyst confirmed decides the holder even when contested.
    public init(place: String, gazetteerID: String?, claims: [Claim]) {
        self.place = place
        self.gazetteerID = gazetteerID
        let ordered = claims.filter { $0.status != .merged }.sorted { left, right in
            let (l, r) = (Self.date(of: left), Self.date(of: right))
            if l.date != r.date { return l.date < r.date }
            if left.firstSeen != right.firstSeen { return left.firstSeen < right.firstSeen }
            return left.id < right.id
        }
        let names = place.lowercased()
        let namesPlace = { (claim: Claim) in
            claim.places.contains { ref in
                (gazetteerID != nil && ref.gazetteerID == gazetteerID) || ref.name.lowercased() == names
                    || ref.mention.lowercased() == names
            }
        }
        self.entries = ordered.map { claim in
            let (date, firstSeen) = Self.date(of: claim)
            return Entry(
                claimID: claim.id, kind: claim.kind, claimant: claim.claimant?.name, opponent: claim.opponent?.name, date: date,
                dateIsFirstSeen: firstSeen, status: claim.status, sources: claim.sources.count,
                independentSources: claim.independentSources, outlets: Self.outlets(of: claim), summary: claim.summary,
                scope: namesPlace(claim) ? "place" : "area", confirmed: claim.isConfirmed)
        }
        self.holder = Self.holder(from: ordered.filter(namesPlace))
    }

    static func date(of claim: Claim) -> (date: String, firstSeen: Bool) {
        if let event = claim.eventDate { return (event, false) }
        return (String(claim.firstSeen.prefix(10)), true)
    }

    static func outlets(of claim: Claim) -> [String] {
        var seen: [String] = []
        for source in claim.sources {
            let outlet = source.outlet ?? source.file
            if !seen.contains(outlet) { seen.append(outlet) }
        }
        return seen
    }

    static func holder(from ordered: [Claim]) -> Holder? {
        let standing = ordered.filter { $0.status != .withdrawn && !$0.isCorrectedAway }
        guard let index = standing.lastIndex(where: { $0.kind.changesControl && ($0.status != .contested || $0.isConfirmed) })
        else { return nil }
        let deciding = standing[index]
        let later = standing[(index + 1)...]
        let contested = later.contains { $0.kind == .contested || ($0.kind.changesControl && $0.status == .contested) }
        let actor: String? =
            switch deciding.kind {
            case .withdrew: deciding.opponent?.name
            default: deciding.claimant?.name
            }
        let independent = deciding.independentSources
        let confidence = deciding.isConfirmed ? "confirmed" : contested ? "low" : independent >= 3 ? "high" : independent == 2 ? "medium" : "low"
        let date = Self.date(of: deciding)
        let outlets = Self.outlets(of: deciding)
        var basis = "\(deciding.summary) (\(date.firstSeen ? "first reported" : "dated") \(date.date)"
        basis += ", \(independent) independent source\(independent == 1 ? "" : "s"): \(outlets.joined(separator: ", ")))"
        if deciding.kind == .withdrew && actor == nil { basis += "; no one is said to have taken over" }
        if contested { basis += "; contested by a later claim" }
        if deciding.isConfirmed, let confirmation = deciding.corrections.last(where: { $0.action == .confirm }) {
            basis += "; confirmed by \(confirmation.user ?? "uid \(confirmation.uid)"): \(confirmation.reason)"
        }
        return Holder(
            actor: actor, since: date.date, claimID: deciding.id, outlets: outlets, independentSources: independent,
            contested: contested, confidence: confidence, basis: basis)
    }
}
