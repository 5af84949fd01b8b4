import Foundation

/// The map page (`GET /v1/map`): one self-contained HTML document, its outline and claims inline,
/// no network access. Claims are points at their resolved places (areas anchored on a place are
/// rings around it), coloured by claimant, with a date slider that shows the claims up to a date.
///
/// Pure: the HTML is built from claims, gazetteer entries and the outline's JSON text.
public enum ClaimMap {
    /// One marker: a claim at one of its places (or around an area's anchor).
    struct Point: Encodable {
        var lon: Double
        var lat: Double
        var claim: String
        var claimant: String
        var color: String
        var date: String
        var kind: String
        var status: String
        var place: String
        var area: Bool
        var summary: String
    }

    /// Claimant colours, in order of first appearance (distinct on the pale land and sea).
    static let palette = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#000000"]

    /// - Parameters:
    ///   - anchors: gazetteer entries by id, to place areas anchored on a known place.
    ///   - outline: the outline JSON (`scripts/make-outline`), or nil to draw points only.
    public static func html(claims: [Claim], anchors: [String: GazetteerEntry], outline: String?, title: String) throws -> String {
        var colors: [String: String] = [:]
        var points: [Point] = []
        for claim in claims where !claim.isCorrectedAway {
            let claimant = claim.claimant?.name ?? "unknown actor"
            let color = colors[claimant] ?? Self.palette[colors.count % Self.palette.count]
            colors[claimant] = color
            let date = claim.eventDate ?? String(claim.firstSeen.prefix(10))
            func point(_ lon: Double, _ lat: Double, _ place: String, area: Bool) -> Point {
                Point(
                    lon: lon, lat: lat, claim: claim.id, claimant: claimant, color: color, date: date, kind: claim.kind.rawValue,
                    status: claim.status.rawValue, place: place, area: area, summary: claim.summary)
            }
            var placed: Set<String> = []
            for place in claim.places {
                guard let lat = place.lat, let lon = place.lon else { continue }
                points.append(point(lon, lat, place.name, area: false))
                if let id = place.gazetteerID { placed.insert(id) }
            }
            for area in claim.areas {
                guard let id = area.anchorID, !placed.contains(id), let entry = anchors[id], entry.feature != "country" else { continue }
                points.append(point(entry.lon, entry.lat, area.text, area: true))
                placed.insert(id)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Inline JSON must not close the script element.
        let pointsJSON = String(decoding: try encoder.encode(points), as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
        let outlineJSON = (outline ?? "null").replacingOccurrences(of: "</", with: "<\\/")
        let titleText = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        // The points last: the only text that comes from articles.
        return MapPage.template
            .replacingOccurrences(of: "@OUTLINE@", with: outlineJSON)
            .replacingOccurrences(of: "@TITLE@", with: titleText)
            .replacingOccurrences(of: "@POINTS@", with: pointsJSON)
    }
}
