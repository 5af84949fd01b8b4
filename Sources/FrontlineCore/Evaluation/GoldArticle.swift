import Foundation

/// One article of a gold file (`seeds-gold.jsonl` format): what a careful analyst reads in it.
public struct GoldArticle: Sendable, Hashable, Codable {
    public struct Claim: Sendable, Hashable, Codable {
        public var claimant: String?
        public var loser: String?
        public var places: [String]
        /// `captured`, `recaptured`, `withdrew`, `contested` or `offensive_launched`.
        public var action: String
        public var date: String?
        public var attributedTo: String?
        public var hedged: Bool?
        public var evidence: String
        public var evidenceMore: [String]?
        public var event: String?

        enum CodingKeys: String, CodingKey {
            case claimant, loser, places, action, date, hedged, evidence, event
            case attributedTo = "attributed_to", evidenceMore = "evidence_more"
        }

        /// The gold action as a claim kind (`offensive_launched` → `offensive`).
        public var kind: ClaimKind? {
            ClaimKind(rawValue: self.action == "offensive_launched" ? "offensive" : self.action)
        }
    }

    public var file: String
    public var outlet: String?
    public var published: String?
    public var cluster: String?
    public var copyOf: String?
    public var derivedFrom: String?
    public var claims: [Claim]
    public var backgroundMentions: [String]?
    public var notes: String?

    enum CodingKeys: String, CodingKey {
        case file, outlet, published, cluster, claims, notes
        case copyOf = "copy_of", derivedFrom = "derived_from", backgroundMentions = "background_mentions"
    }

    /// Reads a JSON Lines gold file; blank lines are skipped.
    /// - Throws: ``EvaluationError`` naming the line that is not a gold article.
    public static func parseJSONLines(_ contents: String, file: String) throws(EvaluationError) -> [GoldArticle] {
        var articles: [GoldArticle] = []
        for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
            do {
                articles.append(try JSONDecoder().decode(GoldArticle.self, from: Data(line.utf8)))
            } catch {
                throw EvaluationError(file: file, line: index + 1, reason: "not a gold article (\(error))")
            }
        }
        return articles
    }
}
