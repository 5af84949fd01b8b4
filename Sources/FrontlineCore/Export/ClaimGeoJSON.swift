import Foundation

/// Claims as a GeoJSON FeatureCollection (RFC 7946): one Point feature per place of a claim that
/// the gazetteer resolved, so QGIS and friends load it as is. Unresolved places, and claims an
/// analyst retracted or merged into another, are left out.
public enum ClaimGeoJSON {
    struct FeatureCollection: Encodable {
        let type = "FeatureCollection"
        var features: [Feature]
    }

    struct Feature: Encodable {
        let type = "Feature"
        var id: String
        var geometry: Point
        var properties: Properties
    }

    struct Point: Encodable {
        let type = "Point"
        /// Longitude, latitude (GeoJSON order).
        var coordinates: [Double]
    }

    struct Properties: Encodable {
        var claimID: String
        var kind: String
        var claimant: String?
        var opponent: String?
        var place: String
        var gazetteerID: String?
        var country: String?
        var eventDate: String?
        var firstSeen: String
        var status: String
        var independentSources: Int
        var sources: Int
        var summary: String
        var evidence: String?

        enum CodingKeys: String, CodingKey {
            case kind, claimant, opponent, place, country, status, sources, summary, evidence
            case claimID = "claim_id"
            case gazetteerID = "gazetteer_id"
            case eventDate = "event_date"
            case firstSeen = "first_seen"
            case independentSources = "independent_sources"
        }

        // Unknown values are null, not missing (INTERFACE.md).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.claimID, forKey: .claimID)
            try c.encode(self.kind, forKey: .kind)
            try c.encode(self.claimant, forKey: .claimant)
            try c.encode(self.opponent, forKey: .opponent)
            try c.encode(self.place, forKey: .place)
            try c.encode(self.gazetteerID, forKey: .gazetteerID)
            try c.encode(self.country, forKey: .country)
            try c.encode(self.eventDate, forKey: .eventDate)
            try c.encode(self.firstSeen, forKey: .firstSeen)
            try c.encode(self.status, forKey: .status)
            try c.encode(self.independentSources, forKey: .independentSources)
            try c.encode(self.sources, forKey: .sources)
            try c.encode(self.summary, forKey: .summary)
            try c.encode(self.evidence, forKey: .evidence)
        }
    }

    /// The FeatureCollection's JSON.
    public static func encode(_ claims: [Claim]) throws -> Data {
        var features: [Feature] = []
        for claim in claims where !claim.isCorrectedAway {
            for (index, place) in claim.places.enumerated() {
                guard let lat = place.lat, let lon = place.lon else { continue }
                features.append(
                    Feature(
                        id: "\(claim.id)#\(index)", geometry: Point(coordinates: [lon, lat]),
                        properties: Properties(
                            claimID: claim.id, kind: claim.kind.rawValue, claimant: claim.claimant?.name,
                            opponent: claim.opponent?.name, place: place.name, gazetteerID: place.gazetteerID,
                            country: place.country, eventDate: claim.eventDate, firstSeen: claim.firstSeen,
                            status: claim.status.rawValue, independentSources: claim.independentSources,
                            sources: claim.sources.count, summary: claim.summary, evidence: claim.evidence.first?.sentence)))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(FeatureCollection(features: features))
    }
}
