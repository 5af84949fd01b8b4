/// A gazetteer entry (GeoNames-style).
public struct GazetteerEntry: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var lat: Double
    public var lon: Double
    public var country: String
    /// `city`, `town`, `village`, `district`, `region`, `country`…
    public var feature: String
    public var alternates: [String]
}

/// A place named in a claim: the mention as written, resolved against the gazetteer when possible.
public struct PlaceRef: Sendable, Hashable, Codable {
    public var name: String
    public var mention: String
    public var gazetteerID: String?
    public var lat: Double?
    public var lon: Double?
    public var country: String?

    public init(
        name: String, mention: String, gazetteerID: String? = nil, lat: Double? = nil, lon: Double? = nil,
        country: String? = nil
    ) {
        self.name = name
        self.mention = mention
        self.gazetteerID = gazetteerID
        self.lat = lat
        self.lon = lon
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case name, mention, lat, lon, country
        case gazetteerID = "gazetteer_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.mention, forKey: .mention)
        try container.encode(self.gazetteerID, forKey: .gazetteerID)
        try container.encode(self.lat, forKey: .lat)
        try container.encode(self.lon, forKey: .lon)
        try container.encode(self.country, forKey: .country)
    }

    /// Two mentions name the same place when they share this key.
    public var key: String { self.gazetteerID ?? "name:" + Tokenizer.tokenize(self.name).map(\.text).joined(separator: " ") }
}

/// A vague area ("several villages on the border with Syria", "north of Baaj"), anchored to a
/// known place where the text gives one.
public struct Area: Sendable, Hashable, Codable {
    public var text: String
    /// The place the area is described from, as named in the gazetteer when resolved.
    public var anchor: String?
    public var anchorID: String?
    /// Compass direction from the anchor (`N`, `SW`…), or `nil`.
    public var direction: String?
    /// `border` for "on the border with", `near` for "near"/"around", `nil` with a direction.
    public var relation: String?
    /// What the area is made of ("villages", "territory"), singular, or `nil`.
    public var feature: String?

    public init(
        text: String, anchor: String?, anchorID: String?, direction: String?, relation: String?, feature: String?
    ) {
        self.text = text
        self.anchor = anchor
        self.anchorID = anchorID
        self.direction = direction
        self.relation = relation
        self.feature = feature
    }

    enum CodingKeys: String, CodingKey {
        case text, anchor, direction, relation, feature
        case anchorID = "anchor_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.text, forKey: .text)
        try container.encode(self.anchor, forKey: .anchor)
        try container.encode(self.anchorID, forKey: .anchorID)
        try container.encode(self.direction, forKey: .direction)
        try container.encode(self.relation, forKey: .relation)
        try container.encode(self.feature, forKey: .feature)
    }

    /// An area described from a place ("north of Baaj"); "a hilltop" alone is not: it can be the
    /// same area as another only within one story.
    public var isAnchored: Bool { self.anchor != nil || self.anchorID != nil }

    /// Two vague areas are the same when anchor, direction, relation and feature agree
    /// ("several villages on the border with Syria" = "a group of villages on the border with Syria").
    public var key: String {
        let anchorKey = self.anchorID ?? (self.anchor.map { Tokenizer.tokenize($0).map(\.text).joined(separator: " ") } ?? "-")
        return "area:\(anchorKey)|\(self.direction ?? "-")|\(self.relation ?? "-")|\(self.feature ?? "-")"
    }
}
