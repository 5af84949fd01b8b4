import ArgumentParser
import Foundation
import FrontlineCore

/// `frontlinectl since 24h`: a readable digest of what changed in a period.
struct Since: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What changed in a period: new, contested and corroborated claims by country and place.",
        discussion: """
            PERIOD is a duration back from now (90m, 24h, 7d, 2w) or a time (2026-11-21T08:00:00Z). \
            A claim is listed when it was recorded or changed in the period: new (first seen in it), \
            contested or corroborated (an older claim that is so now), or updated (another source, or \
            an analyst's correction). Same as GET /v1/claims?since=PERIOD.
            """)
    @OptionGroup var options: ClientOptions
    @Argument(help: "A duration (24h, 7d) or a time (ISO 8601).") var period: String

    func run() throws {
        let escaped = self.period.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self.period
        var claims: [Claim] = []
        var since = ""
        var cursor: String?
        struct Page: Decodable {
            var claims: [Claim]
            var nextCursor: String?
            var changedSince: String?
            enum CodingKeys: String, CodingKey {
                case claims
                case nextCursor = "next_cursor"
                case changedSince = "changed_since"
            }
        }
        repeat {
            let body = try fetch(self.options, "/v1/claims?since=\(escaped)&limit=1000" + (cursor.map { "&cursor=\($0)" } ?? ""))
            let page = try JSONDecoder().decode(Page.self, from: body)
            guard let changed = page.changedSince else {
                FileHandle.standardError.write(Data("frontlinectl: '\(self.period)' is a date; give a period like 24h or a time like 2026-11-21T08:00:00Z\n".utf8))
                throw ExitCode(1)
            }
            since = changed
            claims += page.claims
            cursor = page.nextCursor
        } while cursor != nil
        let digest = ChangeDigest(claims: claims, since: since)
        if self.options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = digest.countries.flatMap { country in
                country.places.flatMap { place in
                    place.lines.map { DigestLine(change: $0.change.rawValue, country: country.code, place: place.name, claim: $0.claim) }
                }
            }
            return print(String(decoding: try encoder.encode(DigestJSON(since: since, claims: lines)), as: UTF8.self))
        }
        print(Self.render(digest))
    }

    struct DigestLine: Encodable {
        var change: String
        var country: String?
        var place: String
        var claim: Claim
    }

    struct DigestJSON: Encodable {
        var since: String
        var claims: [DigestLine]
    }

    static func render(_ digest: ChangeDigest) -> String {
        let counts = ChangeDigest.Change.allCases.map { "\(digest.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        var lines = ["Since \(digest.since): \(counts)"]
        if digest.countries.isEmpty { lines.append("Nothing new.") }
        for country in digest.countries {
            lines.append("")
            lines.append(country.code ?? "No resolved place")
            for place in country.places {
                lines.append("  \(place.name)")
                let rows = place.lines.map { line -> [String] in
                    let claim = line.claim
                    let outlets = Array(Set(claim.sources.compactMap(\.outlet))).sorted()
                    let sources = "\(claim.sources.count) source\(claim.sources.count == 1 ? "" : "s")" + (outlets.isEmpty ? "" : " (\(outlets.joined(separator: ", ")))")
                    return ["   ", line.change.rawValue, claim.eventDate ?? "undated", claim.summary, sources, claim.id]
                }
                lines.append(ClaimTable.table(header: nil, rows: rows))
            }
        }
        return lines.joined(separator: "\n")
    }
}
