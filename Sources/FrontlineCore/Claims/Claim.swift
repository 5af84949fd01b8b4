/// One article supporting a claim.
public struct ClaimSource: Sendable, Hashable, Codable {
    public var article: String
    public var file: String
    public var outlet: String?
    public var published: String?
    public var syndicatedFrom: String?
    public var derivedFrom: String?

    public init(
        article: String, file: String, outlet: String?, published: String?, syndicatedFrom: String?,
        derivedFrom: String?
    ) {
        self.article = article
        self.file = file
        self.outlet = outlet
        self.published = published
        self.syndicatedFrom = syndicatedFrom
        self.derivedFrom = derivedFrom
    }

    enum CodingKeys: String, CodingKey {
        case article, file, outlet, published
        case syndicatedFrom = "syndicated_from"
        case derivedFrom = "derived_from"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.article, forKey: .article)
        try c.encode(self.file, forKey: .file)
        try c.encode(self.outlet, forKey: .outlet)
        try c.encode(self.published, forKey: .published)
        try c.encode(self.syndicatedFrom, forKey: .syndicatedFrom)
        try c.encode(self.derivedFrom, forKey: .derivedFrom)
    }
}

/// The merged, deduplicated event that many mentions support (INTERFACE.md's Claim).
public struct Claim: Sendable, Hashable, Codable {
    public var id: String
    public var kind: ClaimKind
    public var claimant: ActorRef?
    public var opponent: ActorRef?
    public var places: [PlaceRef]
    public var areas: [Area]
    public var eventDate: String?
    public var firstSeen: String
    public var attributedTo: String?
    public var hedged: Bool
    public var status: ClaimStatus
    public var sources: [ClaimSource]
    public var independentSources: Int
    public var evidence: [Evidence]
    public var extractor: String
    /// Claims that contest this one: a denial, or another actor claiming the same place in the
    /// date window (each lists the other). Empty unless `status` is `contested`.
    public var contestedBy: [String] = []
    /// Analysts' corrections of this claim, oldest first (`POST /v1/claims/{id}/corrections`).
    public var corrections: [ClaimCorrection] = []
    /// The claim an analyst merged this one into (its sources and evidence went there); `status`
    /// is then `merged`, and later mentions of this claim go to that one.
    public var mergedInto: String?

    public init(
        id: String, kind: ClaimKind, claimant: ActorRef?, opponent: ActorRef?, places: [PlaceRef], areas: [Area],
        eventDate: String?, firstSeen: String, attributedTo: String?, hedged: Bool, status: ClaimStatus,
        sources: [ClaimSource], independentSources: Int, evidence: [Evidence], extractor: String
    ) {
        self.id = id
        self.kind = kind
        self.claimant = claimant
        self.opponent = opponent
        self.places = places
        self.areas = areas
        self.eventDate = eventDate
        self.firstSeen = firstSeen
        self.attributedTo = attributedTo
        self.hedged = hedged
        self.status = status
        self.sources = sources
        self.independentSources = independentSources
        self.evidence = evidence
        self.extractor = extractor
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, claimant, opponent, places, area, areas, hedged, status, sources, evidence, extractor
        case eventDate = "event_date"
        case firstSeen = "first_seen"
        case attributedTo = "attributed_to"
        case independentSources = "independent_sources"
        case contestedBy = "contested_by"
        case corrections
        case mergedInto = "merged_into"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.contestedBy = try c.decodeIfPresent([String].self, forKey: .contestedBy) ?? []
        self.corrections = try c.decodeIfPresent([ClaimCorrection].self, forKey: .corrections) ?? []
        self.mergedInto = try c.decodeIfPresent(String.self, forKey: .mergedInto)
        self.id = try c.decode(String.self, forKey: .id)
        self.kind = try c.decode(ClaimKind.self, forKey: .kind)
        self.claimant = try c.decodeIfPresent(ActorRef.self, forKey: .claimant)
        self.opponent = try c.decodeIfPresent(ActorRef.self, forKey: .opponent)
        self.places = try c.decode([PlaceRef].self, forKey: .places)
        self.areas = try c.decodeIfPresent([Area].self, forKey: .areas) ?? []
        self.eventDate = try c.decodeIfPresent(String.self, forKey: .eventDate)
        self.firstSeen = try c.decode(String.self, forKey: .firstSeen)
        self.attributedTo = try c.decodeIfPresent(String.self, forKey: .attributedTo)
        self.hedged = try c.decode(Bool.self, forKey: .hedged)
        self.status = try c.decode(ClaimStatus.self, forKey: .status)
        self.sources = try c.decode([ClaimSource].self, forKey: .sources)
        self.independentSources = try c.decode(Int.self, forKey: .independentSources)
        self.evidence = try c.decode([Evidence].self, forKey: .evidence)
        self.extractor = try c.decode(String.self, forKey: .extractor)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.id, forKey: .id)
        try c.encode(self.kind, forKey: .kind)
        try c.encode(self.claimant, forKey: .claimant)
        try c.encode(self.opponent, forKey: .opponent)
        try c.encode(self.places, forKey: .places)
        try c.encode(self.areas.first, forKey: .area)
        try c.encode(self.areas, forKey: .areas)
        try c.encode(self.eventDate, forKey: .eventDate)
        try c.encode(self.firstSeen, forKey: .firstSeen)
        try c.encode(self.attributedTo, forKey: .attributedTo)
        try c.encode(self.hedged, forKey: .hedged)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.sources, forKey: .sources)
        try c.encode(self.independentSources, forKey: .independentSources)
        try c.encode(self.evidence, forKey: .evidence)
        try c.encode(self.extractor, forKey: .extractor)
        try c.encode(self.contestedBy, forKey: .contestedBy)
        try c.encode(self.corrections, forKey: .corrections)
        try c.encode(self.mergedInto, forKey: .mergedInto)
    }

    /// An analyst confirmed it, and did not retract it since.
    public var isConfirmed: Bool {
        self.corrections.last { $0.action == .retract || $0.action == .confirm }?.action == .confirm
    }

    /// Retracted or merged away by an analyst: it alerts no more, contests nothing and decides no
    /// holder; its mentions still join it, so a repeat of a retracted claim stays retracted.
    public var isCorrectedAway: Bool { self.status == .retracted || self.status == .merged }

    /// Named places and anchored areas: what two claims must share to be about the same ground.
    public var locationKeys: Set<String> {
        Set(self.places.map(\.key)).union(self.areas.filter(\.isAnchored).map(\.key))
    }

    /// A one-line summary for alerts: "Popular Mobilisation Forces say they took Kojo from Islamic State".
    public var summary: String {
        let who = self.claimant?.name ?? "Unknown actor"
        var whereText = self.places.map(\.name)
        whereText += self.areas.filter { area in
            !self.places.contains { $0.gazetteerID != nil && $0.gazetteerID == area.anchorID }
        }.map(\.text)
        let location = whereText.isEmpty ? "an unnamed place" : ClaimText.list(whereText)
        let from = self.opponent.map { " from \($0.name)" } ?? ""
        let verb: String
        switch self.kind {
        case .captured: verb = "took"
        case .recaptured: verb = "took back"
        case .withdrew: verb = "withdrew from"
        case .contested: verb = "contest"
        case .offensive:
            return "\(who) launched an offensive on \(location)\(self.opponent.map { " against \($0.name)" } ?? "")"
        }
        let say = self.hedged ? " say they" : ""
        return "\(who)\(say) \(verb) \(location)\(from)"
    }
}

enum ClaimText {
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
