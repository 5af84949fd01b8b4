/// What one article says about one event: the extractor's output, before merging.
public struct ClaimMention: Sendable, Hashable, Codable {
    public var kind: ClaimKind
    public var claimant: ActorRef?
    public var opponent: ActorRef?
    public var places: [PlaceRef]
    public var areas: [Area]
    public var eventDate: String?
    public var attributedTo: String?
    public var hedged: Bool
    public var evidence: [Evidence]
    public var extractor: String

    public init(
        kind: ClaimKind, claimant: ActorRef?, opponent: ActorRef?, places: [PlaceRef], areas: [Area],
        eventDate: String?, attributedTo: String?, hedged: Bool, evidence: [Evidence], extractor: String
    ) {
        self.kind = kind
        self.claimant = claimant
        self.opponent = opponent
        self.places = places
        self.areas = areas
        self.eventDate = eventDate
        self.attributedTo = attributedTo
        self.hedged = hedged
        self.evidence = evidence
        self.extractor = extractor
    }

    enum CodingKeys: String, CodingKey {
        case kind, claimant, opponent, places, area, areas, hedged, evidence, extractor
        case eventDate = "event_date"
        case attributedTo = "attributed_to"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decode(ClaimKind.self, forKey: .kind)
        self.claimant = try c.decodeIfPresent(ActorRef.self, forKey: .claimant)
        self.opponent = try c.decodeIfPresent(ActorRef.self, forKey: .opponent)
        self.places = try c.decode([PlaceRef].self, forKey: .places)
        self.areas = try c.decodeIfPresent([Area].self, forKey: .areas) ?? []
        self.eventDate = try c.decodeIfPresent(String.self, forKey: .eventDate)
        self.attributedTo = try c.decodeIfPresent(String.self, forKey: .attributedTo)
        self.hedged = try c.decode(Bool.self, forKey: .hedged)
        self.evidence = try c.decode([Evidence].self, forKey: .evidence)
        self.extractor = try c.decode(String.self, forKey: .extractor)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.kind, forKey: .kind)
        try c.encode(self.claimant, forKey: .claimant)
        try c.encode(self.opponent, forKey: .opponent)
        try c.encode(self.places, forKey: .places)
        try c.encode(self.areas.first, forKey: .area)
        try c.encode(self.areas, forKey: .areas)
        try c.encode(self.eventDate, forKey: .eventDate)
        try c.encode(self.attributedTo, forKey: .attributedTo)
        try c.encode(self.hedged, forKey: .hedged)
        try c.encode(self.evidence, forKey: .evidence)
        try c.encode(self.extractor, forKey: .extractor)
    }

    /// Every place and area key of the mention.
    /// Named places and anchored areas: what two claims must share to be about the same ground.
    public var locationKeys: Set<String> {
        Set(self.places.map(\.key)).union(self.areas.filter(\.isAnchored).map(\.key))
    }
}
