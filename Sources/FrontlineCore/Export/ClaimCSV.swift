import Foundation

/// Claims as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break), one row per claim, for spreadsheets.
public enum ClaimCSV {
    public static let header = [
        "claim_id", "kind", "claimant", "opponent", "places", "areas", "event_date", "first_seen", "status",
        "independent_sources", "sources", "attributed_to", "hedged", "evidence",
    ]

    public static func encode(_ claims: [Claim]) -> String {
        var out = self.row(self.header)
        for claim in claims {
            out += self.row([
                claim.id, claim.kind.rawValue, claim.claimant?.name ?? "", claim.opponent?.name ?? "",
                claim.places.map(\.name).joined(separator: "; "), claim.areas.map(\.text).joined(separator: "; "),
                claim.eventDate ?? "", claim.firstSeen, claim.status.rawValue, String(claim.independentSources),
                String(claim.sources.count), claim.attributedTo ?? "", claim.hedged ? "true" : "false",
                claim.evidence.first?.sentence ?? "",
            ])
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(self.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
