import Foundation

/// Where an alert goes besides the stream, which every subscriber filters for itself.
public enum AlertTarget: String, Sendable, Hashable, Codable, CaseIterable {
    case journal
    case hook
}

/// One `[[alert_rule]]` table, or the filters of an alert stream (`?actor=&place=&country=&kind=&min_sources=&within_km=`).
///
/// Every condition given must hold (an empty list holds for any alert); within a list any value
/// may match. Actors and places are matched by the lexicon's aliases and the gazetteer's spellings,
/// so `actor = "Hashd al-Shaabi"` matches claims of the Popular Mobilisation Forces.
public struct AlertRule: Sendable, Hashable {
    public var name: String
    /// Claimants: lexicon ids, names or aliases.
    public var actors: [String] = []
    /// Places named by the claim (or anchoring its area): names, spellings or gazetteer ids.
    public var places: [String] = []
    /// With `places`: any resolved place of the claim within this many km of one of them matches.
    public var withinKm: Double?
    /// ISO 3166 country codes of the claim's resolved places (`IQ`, `SY`).
    public var countries: [String] = []
    /// Alert kinds (`claim.new`…) or claim kinds (`captured`…).
    public var kinds: [String] = []
    /// At least this many independent sources.
    public var minIndependentSources: Int = 0
    /// What the rule lets alerts reach (rules only); both by default.
    public var targets: Set<AlertTarget> = Set(AlertTarget.allCases)

    public init(name: String) {
        self.name = name
    }

    /// Every value `kinds` accepts.
    public static let kindNames: [String] = AlertKind.allCases.map(\.rawValue) + ClaimKind.allCases.map(\.rawValue)

    public var isEmpty: Bool {
        self.actors.isEmpty && self.places.isEmpty && self.countries.isEmpty && self.kinds.isEmpty && self.minIndependentSources == 0
    }

    public func matches(_ alert: Alert, lexicon: Lexicon) -> Bool {
        let claim = alert.claim
        if !self.kinds.isEmpty, !self.kinds.contains(where: { $0 == alert.kind.rawValue || $0 == claim.kind.rawValue }) {
            return false
        }
        if claim.independentSources < self.minIndependentSources { return false }
        if !self.actors.isEmpty, !self.actors.contains(where: { Self.names(claim.claimant, actor: $0, lexicon: lexicon) }) {
            return false
        }
        if !self.countries.isEmpty {
            let countries = Set(claim.places.compactMap { $0.country?.uppercased() })
            if !self.countries.contains(where: { countries.contains($0.uppercased()) }) { return false }
        }
        if !self.places.isEmpty, !self.places.contains(where: { self.isNear(claim, place: $0, lexicon: lexicon) }) {
            return false
        }
        return true
    }

    static func names(_ actor: ActorRef?, actor wanted: String, lexicon: Lexicon) -> Bool {
        guard let actor else { return false }
        let lowered = wanted.lowercased()
        if actor.id?.lowercased() == lowered || actor.name.lowercased() == lowered { return true }
        guard let id = actor.id else { return false }
        return lexicon.actorID(named: wanted) == id
    }

    func isNear(_ claim: Claim, place wanted: String, lexicon: Lexicon) -> Bool {
        let lowered = wanted.lowercased()
        let id = lexicon.gazetteer[wanted] != nil ? wanted : lexicon.placeID(named: wanted)
        let names = claim.places.flatMap { [$0.name, $0.mention] } + claim.areas.compactMap(\.anchor)
        if names.contains(where: { $0.lowercased() == lowered }) { return true }
        if let id, claim.places.contains(where: { $0.gazetteerID == id }) || claim.areas.contains(where: { $0.anchorID == id }) {
            return true
        }
        guard let radius = self.withinKm, let id, let center = lexicon.gazetteer[id] else { return false }
        return claim.places.contains { place in
            guard let lat = place.lat, let lon = place.lon else { return false }
            return Self.kilometres(center.lat, center.lon, lat, lon) <= radius
        }
    }

    /// Great-circle distance (haversine, mean Earth radius).
    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6371.0 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}

extension Array where Element == AlertRule {
    /// Whether an alert reaches `target`: with no rules, every alert does; otherwise one rule for
    /// that target must match.
    public func admit(_ alert: Alert, to target: AlertTarget, lexicon: Lexicon) -> Bool {
        self.isEmpty || self.contains { $0.targets.contains(target) && $0.matches(alert, lexicon: lexicon) }
    }
}
