/// A synthetic syndication corpus: each base article with generated reposts, a reworded rewrite
/// and, where the base gives a control claim, a denial of it by the other side.
///
/// - repost: the text word for word, with another outlet's header and footer boilerplate;
/// - reordered: the same, with its paragraphs after the first in another order;
/// - reworded: every occurrence of common words outside the lexicon swapped for a synonym;
/// - denial: a short dispatch a day later in which the other side denies the first control claim.
///
/// Every generated article carries an outlet of its own, so a variant that is not linked to its
/// original would count as independent confirmation and show up in the figures.
public struct SyndicationCorpus: Sendable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case original, repost, reordered, reworded, denial
        public var isVariant: Bool { self == .repost || self == .reordered || self == .reworded }
    }

    public struct Item: Sendable {
        public var article: Article
        public var role: Role
        /// Index of the base article this item was made from.
        public var base: Int
        /// For a denial: the base claim's location keys and claimant key it denies.
        public var denies: (places: Set<String>, claimant: String)?
    }

    public var items: [Item] = []

    /// Word swaps for the reworded variant: common words the lexicon does not use (no actor
    /// words: "regime forces" for "government forces" is an actor-naming question, not a rewrite).
    static let synonyms: [String: String] = [
        "killed": "slain", "people": "persons", "several": "a number of", "also": "additionally",
        "large": "big", "many": "numerous", "dozens": "scores", "residents": "inhabitants",
        "violence": "bloodshed", "conflict": "war", "civilians": "non-combatants",
        "wounded": "injured", "attack": "assault", "bombing": "shelling",
        "about": "around", "more": "further", "other": "additional", "including": "among them",
        "however": "but", "activists": "campaigners",
        "continued": "went on", "reports": "accounts", "situation": "state of affairs", "heavy": "intense",
        "children": "minors", "women": "females", "killing": "slaying",
        "were": "had been", "their": "its", "this": "that", "these": "those",
    ]

    static let boilerplateHeaders = [
        "Share this article on Facebook | Share on Twitter | Email",
        "Skip to main content\n\nMenu | Search | Subscribe",
        "Advertisement\n\nMost read stories this week",
    ]
    static let boilerplateFooters = [
        "All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
        "Follow us on Twitter and Facebook for the latest updates. Sign up for our daily newsletter.",
        "Comments are closed for this story. Read more news from the region on our website.",
    ]

    /// - Parameters:
    ///   - bases: the base articles with their extraction.
    ///   - reader: reads the generated texts as the daemon would read files.
    ///   - seed: the generator's seed; the same seed gives the same corpus.
    public init(bases: [(article: Article, extraction: ExtractionResult)], reader: ArticleReader, seed: UInt64) {
        var random = SplitMix(seed: seed)
        // Byte-identical files are one article, as in the daemon (`duplicate`): each id once.
        var seen: Set<String> = []
        for (index, base) in bases.enumerated() {
            guard seen.insert(base.article.id).inserted else { continue }
            self.items.append(Item(article: base.article, role: .original, base: index))
            let text = base.article.text
            let header = Self.boilerplateHeaders[index % Self.boilerplateHeaders.count]
            let footer = Self.boilerplateFooters[index % Self.boilerplateFooters.count]
            var generated: [(Role, String)] = [
                (.repost, header + "\n\n" + text + "\n\n" + footer),
                (.reordered, Self.reorder(text, random: &random) + "\n\n" + footer),
                (.reworded, Self.reword(text)),
            ]
            var denies: (Set<String>, String)?
            if let denial = Self.denial(of: base.extraction, published: base.article.published) {
                generated.append((.denial, denial.text))
                denies = (denial.places, denial.claimant)
            }
            for (role, text) in generated {
                let bytes = Array(text.utf8)
                let id = Self.hexID(text)
                guard seen.insert(id).inserted, case .success(var article) = reader.read(id: id, file: "\(id).txt", bytes: bytes) else { continue }
                article.outlet = "Synthetic \(role.rawValue) \(index)"
                if article.published == nil { article.published = base.article.published }
                self.items.append(Item(article: article, role: role, base: index, denies: role == .denial ? denies : nil))
            }
        }
    }

    /// The paragraphs after the first, shuffled; a body of one paragraph (FA-KES) is cut into
    /// runs of three sentences first.
    static func reorder(_ text: String, random: inout SplitMix) -> String {
        var paragraphs = text.components(separatedBy: "\n\n")
        if paragraphs.count <= 2, let body = paragraphs.last {
            let sentences = body.components(separatedBy: ". ")
            let runs = stride(from: 0, to: sentences.count, by: 3).map { sentences[$0..<min($0 + 3, sentences.count)].joined(separator: ". ") }
            paragraphs = paragraphs.dropLast() + runs.enumerated().map { $0.offset == runs.count - 1 ? $0.element : $0.element + "." }
        }
        guard paragraphs.count > 2 else { return text }
        var rest = Array(paragraphs.dropFirst())
        random.shuffle(&rest)
        return ([paragraphs[0]] + rest).joined(separator: "\n\n")
    }

    /// Every lower-case word of ``synonyms`` swapped.
    static func reword(_ text: String) -> String {
        var output = ""
        var word = ""
        func flush() {
            output += Self.synonyms[word] ?? word
            word = ""
        }
        for character in text {
            if character.isLetter {
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    struct Denial {
        var text: String
        var places: Set<String>
        var claimant: String
    }

    /// "<Other side> denied that <claimant> had captured <place>.", dated the day after the base.
    static func denial(of extraction: ExtractionResult, published: String?) -> Denial? {
        guard
            let claim = extraction.claims.first(where: { $0.kind.identityClass == "control" && $0.claimant?.id != nil }),
            let claimant = claim.claimant, let place = claim.places.first
        else { return nil }
        let denier = claim.opponent?.name ?? (claimant.id == "islamic-state" ? "The Syrian army" : "Islamic State")
        var dateLine = ""
        if let date = published.flatMap(CalendarDate.init(iso:))?.adding(days: 1) {
            let month = CalendarDate.monthNames.filter { $0.value == date.month }.max { $0.key.count < $1.key.count }
            dateLine = "\(month?.key.capitalized ?? "") \(date.day), \(date.year)\n\n"
        }
        let text = dateLine + "Denial\n\n\(denier) denied that \(claimant.name) had captured \(place.name).\n\nThe statement gave no further details.\n"
        return Denial(text: text, places: [place.key], claimant: claimant.key)
    }

    /// 16 hex digits of the text's FNV-1a hash, written as signatures are.
    static func hexID(_ text: String) -> String {
        MinHashSignature(values: [FNV1a.hash(text)]).hex
    }
}

/// A small seeded generator (splitmix64), so a corpus and an arrival order are reproducible.
public struct SplitMix: Sendable {
    var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        return MinHashSignature.mix(self.state &- 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func shuffle<T>(_ items: inout [T]) {
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, Int(self.next() % UInt64(i + 1)))
        }
    }
}
