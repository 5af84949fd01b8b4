import FrontlineCore
import Testing

/// The "what changed" digest as values: how each claim is marked, and the grouping by country and place.
@Suite struct ChangeDigestTests {
    static func claim(_ id: String, firstSeen: String, status: ClaimStatus, place: PlaceRef?) -> Claim {
        let areas = place == nil ? [Area(text: "villages on the border with Syria", anchor: "Syria", anchorID: "sy", direction: nil, relation: nil, feature: "village")] : []
        return Claim(
            id: id, kind: .captured, claimant: ActorRef(id: "pmf", name: "Popular Mobilisation Forces"), opponent: nil,
            places: place.map { [$0] } ?? [], areas: areas, eventDate: nil, firstSeen: firstSeen, attributedTo: nil, hedged: false,
            status: status, sources: [], independentSources: 1, evidence: [], extractor: "test")
    }

    @Test func claimsAreMarkedAndGrouped() {
        let kojo = PlaceRef(name: "Kojo", mention: "Kocho", gazetteerID: "iq-kojo", country: "IQ")
        let baaj = PlaceRef(name: "Baaj", mention: "Baaj", gazetteerID: "iq-baaj", country: "IQ")
        let raqqa = PlaceRef(name: "Raqqa", mention: "Raqqa", gazetteerID: "sy-raqqa", country: "SY")
        let since = "2026-11-20T12:00:00.000Z"
        let digest = ChangeDigest(
            claims: [
                Self.claim("c1", firstSeen: "2026-11-21T08:00:00.000Z", status: .contested, place: kojo),
                Self.claim("c2", firstSeen: "2026-11-19T08:00:00.000Z", status: .contested, place: kojo),
                Self.claim("c3", firstSeen: "2026-11-19T08:00:00.000Z", status: .corroborated, place: raqqa),
                Self.claim("c4", firstSeen: "2026-11-19T08:00:00.000Z", status: .new, place: baaj),
                Self.claim("c5", firstSeen: "2026-11-20T12:00:00.000Z", status: .new, place: nil),
            ], since: since)
        #expect(digest.counts == [.new: 2, .contested: 1, .corroborated: 1, .updated: 1])
        #expect(digest.countries.map(\.code) == ["IQ", "SY", nil])
        #expect(digest.countries[0].places.map(\.name) == ["Baaj", "Kojo"])
        #expect(digest.countries[0].places[1].lines.map(\.claim.id) == ["c1", "c2"])
        #expect(digest.countries[0].places[1].lines.map(\.change) == [.new, .contested])
        #expect(digest.countries[0].places[0].lines.map(\.change) == [.updated])
        #expect(digest.countries[2].places.map(\.name) == ["villages on the border with Syria"])
    }
}
