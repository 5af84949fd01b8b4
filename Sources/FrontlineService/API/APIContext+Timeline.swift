import Foundation
import FrontlineCore

extension APIContext {
    /// `GET /v1/places/{name-or-id}/timeline`: every claim about the place, oldest first, and who
    /// holds it now according to the latest uncontested claim. Names resolve through the
    /// gazetteer's spellings (Kojo, Kocho); a name the gazetteer does not know matches claims that
    /// use it as written.
    func timeline(_ name: String) throws -> APIResponse {
        let lexicon = self.lexicon
        let placeID = lexicon.gazetteer[name] != nil ? name : lexicon.placeID(named: name)
        let entry = placeID.flatMap { lexicon.gazetteer[$0] }
        // The name as asked, the gazetteer id and its display name: claims key areas by their anchor's name.
        let keys = [name] + [placeID, entry?.name].compactMap { $0 }
        let decoder = JSONDecoder()
        let claims = try self.projection.claimsAbout(keys: keys).compactMap {
            try? decoder.decode(Claim.self, from: Data($0.utf8))
        }
        if claims.isEmpty && placeID == nil {
            throw APIError.notFound(
                "no claims about '\(name)' and no gazetteer entry of that name; try another spelling, or list places with GET /v1/claims")
        }
        let display = entry?.name ?? name
        let timeline = PlaceTimeline(place: display, gazetteerID: placeID, claims: claims)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .json(String(decoding: try encoder.encode(timeline), as: UTF8.self))
    }
}
