import Foundation
import FrontlineCore

/// One line of a gold file (../shared/data/README.md describes the format).
struct GoldArticle: Decodable {
    struct GoldClaim: Decodable {
        var claimant: String
        var loser: String?
        var places: [String]
        var action: String
        var date: String?
        var attributedTo: String?
        var hedged: Bool?
        var evidence: String
        var event: String?

        enum CodingKeys: String, CodingKey {
            case claimant, loser, places, action, date, hedged, evidence, event
            case attributedTo = "attributed_to"
        }

        var kind: ClaimKind {
            self.action == "offensive_launched" ? .offensive : ClaimKind(rawValue: self.action) ?? .captured
        }
    }

    var file: String
    var outlet: String?
    var published: String?
    var copyOf: String?
    var derivedFrom: String?
    var claims: [GoldClaim]
    var backgroundMentions: [String]

    enum CodingKeys: String, CodingKey {
        case file, outlet, published, claims
        case copyOf = "copy_of"
        case derivedFrom = "derived_from"
        case backgroundMentions = "background_mentions"
    }

    static func load(_ url: URL) throws -> [GoldArticle] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(GoldArticle.self, from: Data($0.utf8))
        }
    }
}

/// Folds text for loose comparison: tokens, no apostrophes or determiners.
func fold(_ text: String) -> [String] {
    Tokenizer.tokenize(text).filter(\.isWord).map { $0.text.replacingOccurrences(of: "'", with: "") }
        .filter { !["the", "a", "an", "of", "s"].contains($0) }
}
