/// Scores extracted claims against a gold file, the way users judge them (../shared/data/README.md):
/// a claim is found when claimant (any alias; for a withdrawal the side that left also counts),
/// kind (captured and recaptured as one class) and at least one place or area agree with a gold
/// claim of the same article. A claim drawn from a gold background sentence counts neither way but
/// is reported. Field figures (kinds, places, dates, attributions) compare the matched pairs:
/// precision over what the extractor stated, recall over what the gold states.
public struct GoldEvaluation: Sendable {
    public struct Finding: Sendable, Hashable, Codable {
        public var file: String
        /// `found`, `spurious`, `missed` or `background`.
        public var verdict: String
        public var claim: String
        public var evidence: String
    }

    public var claims = DetectionScore()
    public var kinds = DetectionScore()
    public var places = DetectionScore()
    public var dates = DetectionScore()
    public var attributions = DetectionScore()
    public var articles = 0
    public var fromBackground = 0
    public var findings: [Finding] = []

    let lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Scores one article's extracted claims against its gold.
    public mutating func record(_ gold: GoldArticle, claims mentions: [ClaimMention]) {
        self.articles += 1
        var unmatchedGold = Array(gold.claims.indices)
        for mention in mentions {
            if let index = unmatchedGold.first(where: { self.agrees(mention, gold.claims[$0]) }) {
                unmatchedGold.removeAll { $0 == index }
                self.claims.truePositives += 1
                self.scoreFields(mention, gold.claims[index])
                self.findings.append(Finding(file: gold.file, verdict: "found", claim: mention.summaryLine, evidence: mention.evidence[0].sentence))
            } else if self.isBackground(mention, gold) {
                self.fromBackground += 1
                self.findings.append(Finding(file: gold.file, verdict: "background", claim: mention.summaryLine, evidence: mention.evidence[0].sentence))
            } else if gold.claims.contains(where: { self.agrees(mention, $0) }) {
                // A second mention of a gold claim already found: the same claim told twice.
                continue
            } else {
                self.claims.falsePositives += 1
                self.kinds.falsePositives += 1
                self.places.falsePositives += mention.places.count + mention.areas.count
                if mention.eventDate != nil { self.dates.falsePositives += 1 }
                if mention.attributedTo != nil { self.attributions.falsePositives += 1 }
                self.findings.append(Finding(file: gold.file, verdict: "spurious", claim: mention.summaryLine, evidence: mention.evidence[0].sentence))
            }
        }
        for index in unmatchedGold {
            let claim = gold.claims[index]
            self.claims.falseNegatives += 1
            self.kinds.falseNegatives += 1
            self.places.falseNegatives += claim.places.count
            if claim.date != nil { self.dates.falseNegatives += 1 }
            if claim.attributedTo != nil { self.attributions.falseNegatives += 1 }
            self.findings.append(
                Finding(file: gold.file, verdict: "missed",
                    claim: "\(claim.action): \(claim.claimant ?? "?") — \(claim.places.joined(separator: "; "))", evidence: claim.evidence))
        }
    }

    mutating func scoreFields(_ mention: ClaimMention, _ gold: GoldArticle.Claim) {
        if mention.kind == gold.kind {
            self.kinds.truePositives += 1
        } else {
            self.kinds.falsePositives += 1
            self.kinds.falseNegatives += 1
        }
        let stated = mention.places.map(\.name) + mention.areas.map(\.text)
        let foundGold = gold.places.filter { place in stated.contains { Self.placesAgree($0, place) } }.count
        let rightStated = stated.filter { place in gold.places.contains { Self.placesAgree(place, $0) } }.count
        self.places.truePositives += foundGold
        self.places.falseNegatives += gold.places.count - foundGold
        self.places.falsePositives += stated.count - rightStated
        Self.scoreOptional(mention.eventDate, gold.date, into: &self.dates) { $0 == $1 }
        let lexicon = self.lexicon
        Self.scoreOptional(mention.attributedTo, gold.attributedTo, into: &self.attributions) { stated, expected in
            Self.speakersAgree(stated, expected, lexicon: lexicon)
        }
    }

    static func scoreOptional(_ stated: String?, _ expected: String?, into score: inout DetectionScore, agree: (String, String) -> Bool) {
        switch (stated, expected) {
        case (let stated?, let expected?):
            if agree(stated, expected) {
                score.truePositives += 1
            } else {
                score.falsePositives += 1
                score.falseNegatives += 1
            }
        case (.some, nil): score.falsePositives += 1
        case (nil, .some): score.falseNegatives += 1
        case (nil, nil): break
        }
    }

    /// Claimant, kind class and one place agree.
    func agrees(_ mention: ClaimMention, _ gold: GoldArticle.Claim) -> Bool {
        guard let kind = gold.kind, kind.identityClass == mention.kind.identityClass else { return false }
        let sides = kind == .withdrew ? [gold.claimant, gold.loser] : [gold.claimant]
        guard let claimant = mention.claimant,
            sides.contains(where: { $0.map { self.actorsAgree(claimant, $0) } ?? false })
        else { return false }
        let stated = mention.places.map(\.name) + mention.places.map(\.mention) + mention.areas.map(\.text)
            + mention.areas.compactMap(\.anchor)
        return gold.places.contains { place in stated.contains { Self.placesAgree($0, place) } }
    }

    func actorsAgree(_ actor: ActorRef, _ gold: String) -> Bool {
        if let id = actor.id, let goldID = self.lexicon.actorID(named: gold) { return id == goldID }
        return Self.textsOverlap(actor.name, gold)
    }

    /// Two attributions agree when they name the same lexicon actor or share their words.
    static func speakersAgree(_ stated: String, _ gold: String, lexicon: Lexicon) -> Bool {
        if let statedID = lexicon.actorID(named: stated), let goldID = lexicon.actorID(named: gold), statedID == goldID { return true }
        return Self.textsOverlap(stated, gold)
    }

    /// A place agrees when one name's words appear, in order, within the other's.
    static func placesAgree(_ stated: String, _ gold: String) -> Bool {
        Self.textsOverlap(stated, gold)
    }

    static func textsOverlap(_ a: String, _ b: String) -> Bool {
        let left = Self.words(a)
        let right = Self.words(b)
        guard !left.isEmpty, !right.isEmpty else { return false }
        return Self.contains(left, right) || Self.contains(right, left)
    }

    static func words(_ text: String) -> [String] {
        Tokenizer.tokenize(text).filter(\.isWord).map(\.text).filter { !["the", "a", "an", "al"].contains($0) }
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    /// The mention's first evidence sentence is one the gold calls background.
    func isBackground(_ mention: ClaimMention, _ gold: GoldArticle) -> Bool {
        let sentence = Self.words(mention.evidence[0].sentence)
        return (gold.backgroundMentions ?? []).contains { Self.contains(Self.words($0), sentence) || Self.contains(sentence, Self.words($0)) }
    }
}
