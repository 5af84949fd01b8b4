/// A labelled snippet of a detection test set (CASE 2021 style: id, text, label).
public struct LabelledSnippet: Sendable, Hashable {
    public var id: String
    public var text: String
    public var label: String

    public init(id: String, text: String, label: String) {
        self.id = id
        self.text = text
        self.label = label
    }

    /// Reads a TSV of `id<TAB>text<TAB>label` rows (split as the lexicon's tables are); a first
    /// row naming the columns is skipped.
    /// - Throws: ``EvaluationError`` naming the line of the first row without three fields.
    public static func parseTSV(_ contents: String, file: String) throws(EvaluationError) -> [LabelledSnippet] {
        var snippets: [LabelledSnippet] = []
        for row in TSVTable(name: file, text: contents).rows {
            guard row.fields.count >= 3 else {
                throw EvaluationError(file: file, line: row.line, reason: "expected id<TAB>text<TAB>label, found \(row.fields.count) field(s)")
            }
            if row.line == 1, row[0].lowercased() == "id" { continue }
            snippets.append(LabelledSnippet(id: row[0], text: row[1], label: row.fields[row.fields.count - 1]))
        }
        return snippets
    }
}

/// A bad row in an evaluation file.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { "\(self.file):\(self.line): \(self.reason); fix the row or remove it" }
}

/// Snippet-level detection of a change of territorial control: a snippet is detected when the
/// extractor finds a captured, recaptured or withdrew claim in it (an offensive or a denial is not
/// a change of control).
public struct SnippetEvaluation: Sendable {
    /// Labels of the CASE 2021 / ACLED sub-event types that are a change of territorial control.
    public static let controlLabels: Set<String> = ["GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"]

    public struct Outcome: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var expected: Bool
        public var detected: Bool
        /// What was found: `kind: claimant — places` per claim.
        public var claims: [String]
    }

    public var score = DetectionScore()
    public var outcomes: [Outcome] = []
    /// Detections per label, to see which negatives are hard.
    public var detectedByLabel: [String: Int] = [:]
    public var countByLabel: [String: Int] = [:]

    public init() {}

    /// A snippet as an article: the whole text is its body, with no title, outlet or date. A
    /// fragment without final punctuation is closed with a full stop, as the rules read only
    /// whole sentences.
    public static func article(for snippet: LabelledSnippet) -> Article {
        var text = snippet.text.trimmingSpaces()
        if let last = text.last, !".!?\"'”’)".contains(last) { text += "." }
        return Article(id: "snippet-\(snippet.id)", file: snippet.id, text: text)
    }

    public mutating func record(_ snippet: LabelledSnippet, claims: [ClaimMention]) {
        let control = claims.filter { $0.kind.changesControl }
        let expected = Self.controlLabels.contains(snippet.label)
        let detected = !control.isEmpty
        self.score.count(predicted: detected, actual: expected)
        self.countByLabel[snippet.label, default: 0] += 1
        if detected { self.detectedByLabel[snippet.label, default: 0] += 1 }
        self.outcomes.append(
            Outcome(id: snippet.id, label: snippet.label, expected: expected, detected: detected, claims: control.map(\.summaryLine)))
    }
}

extension ClaimMention {
    /// One line for reports: `kind: claimant — places`.
    public var summaryLine: String {
        let places = (self.places.map(\.name) + self.areas.map(\.text)).joined(separator: "; ")
        return "\(self.kind.rawValue): \(self.claimant?.name ?? "?") — \(places)"
    }
}
