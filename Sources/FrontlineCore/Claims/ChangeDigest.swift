/// "What changed" over a period (`frontlinectl since 24h`): the claims recorded or changed since a
/// moment, each marked new, contested, corroborated or updated, grouped by country and place.
///
/// Pure: built from claims as the API returns them and the moment the period starts.
public struct ChangeDigest: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable, CaseIterable {
        /// First seen in the period.
        case new
        /// Older, and contested now (a denial or a rival claim came in the period).
        case contested
        /// Older, and corroborated now (another independent source came in the period).
        case corroborated
        /// Older, with another source, a correction or a relink in the period.
        case updated
    }

    public struct Line: Sendable, Hashable {
        public var change: Change
        public var claim: Claim
    }

    public struct Place: Sendable, Hashable {
        public var name: String
        public var lines: [Line]
    }

    public struct Country: Sendable, Hashable {
        /// ISO code, or nil for claims about no resolved place ("villages on the border").
        public var code: String?
        public var places: [Place]
    }

    public var since: String
    public var countries: [Country]
    public var counts: [Change: Int]

    /// - Parameter since: the period's start, ISO 8601 like the claims' `first_seen`.
    public init(claims: [Claim], since: String) {
        self.since = since
        var counts: [Change: Int] = [:]
        var grouped: [String?: [String: [Line]]] = [:]
        for claim in claims {
            let change: Change =
                claim.firstSeen >= since ? .new
                : claim.status == .contested ? .contested
                : claim.status == .corroborated ? .corroborated : .updated
            counts[change, default: 0] += 1
            let (country, place) = Self.home(of: claim)
            grouped[country, default: [:]][place, default: []].append(Line(change: change, claim: claim))
        }
        self.counts = counts
        // Countries by code (unplaced last), places by name, lines by change then event date.
        let order = Dictionary(uniqueKeysWithValues: Change.allCases.enumerated().map { ($1, $0) })
        self.countries = grouped.keys.sorted { ($0 == nil ? 1 : 0, $0 ?? "") < ($1 == nil ? 1 : 0, $1 ?? "") }.map { code in
            let places = grouped[code]!.keys.sorted().map { name in
                Place(
                    name: name,
                    lines: grouped[code]![name]!.sorted {
                        (order[$0.change]!, $0.claim.eventDate ?? "", $0.claim.id) < (order[$1.change]!, $1.claim.eventDate ?? "", $1.claim.id)
                    })
            }
            return Country(code: code, places: places)
        }
    }

    /// Where a claim is listed: its first resolved place, else its first named place, else its first area.
    static func home(of claim: Claim) -> (country: String?, place: String) {
        if let place = claim.places.first(where: { $0.country != nil }) ?? claim.places.first {
            return (place.country, place.name)
        }
        return (nil, claim.areas.first?.text ?? "an unnamed place")
    }
}
