/// Extracts territorial claims from an article with readable rules over the lexicon.
///
/// Per sentence: find triggers; decide voice (active, passive, perfect); reject negated, modal,
/// intended and background statements (kept as context); read the claimant, the opponent, the
/// places and vague areas in the trigger's object, the date and the attribution. A second pass
/// attaches follow-up sentences ("The villages taken by X include Kojo", "the target of the
/// operation was Y") to the claim they elaborate, so evidence lists every sentence used.
public struct ClaimExtractor: Sendable {
    public static let version = "frontline 0.1"

    public var lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// The tag every claim carries: extractor and lexicon version.
    public var tag: String { "\(Self.version) / lexicon \(self.lexicon.version)" }

    /// How many sentences back a follow-up sentence may reach for the claim it elaborates.
    static let elaborationReach = 6

    enum Finding {
        case claim(ClaimMention)
        case context(String)
        case elaboration(Elaboration)
    }

    struct Elaboration {
        enum Target { case control(agent: String), offensive }
        var target: Target
        var places: [PlaceRef]
        var areas: [Area]
        var attributedTo: String?
        var evidence: Evidence
    }

    public func extract(article: Article) -> ExtractionResult {
        guard article.language == "en" else { return ExtractionResult(claims: [], context: []) }
        // Rules read the cleaned body; evidence points into the stored text through the body's map.
        let body = article.readableBody
        let text = Array(body.text.utf8)
        let stored = Array(article.text.utf8)
        let tokens = Tokenizer.tokenize(body.text)
        let sentences = SentenceSplitter.split(tokens)
        let published = article.published.flatMap(CalendarDate.init(iso:))

        var claims: [(sentence: Int, mention: ClaimMention)] = []
        var context: [ContextNote] = []
        for sentence in sentences where sentence.isTerminated {
            let triggers = self.triggers(in: sentence.tokens)
            // A sentence with no trigger can only add places or a speaker to a claim of the few
            // sentences before it; with no such claim it can add nothing, so it is not analysed.
            guard !triggers.isEmpty || (claims.last.map { $0.sentence >= sentence.index - Self.elaborationReach } ?? false) else {
                continue
            }
            let analysis = SentenceAnalysis(sentence: sentence, lexicon: self.lexicon, text: text)
            let start = body.map.originalStart(sentence.start)
            let end = max(start, min(body.map.originalEnd(sentence.end), stored.count))
            let evidence = Evidence(
                article: article.id, sentence: String(decoding: stored[start..<end], as: UTF8.self), start: start, end: end)
            for finding in self.analyze(analysis, triggers: triggers, evidence: evidence, published: published) {
                switch finding {
                case .claim(let mention):
                    claims.append((sentence.index, mention))
                case .context(let reason):
                    if !context.contains(where: { $0.start == evidence.start && $0.reason == reason }) {
                        context.append(
                            ContextNote(sentence: evidence.sentence, reason: reason, start: evidence.start, end: evidence.end))
                    }
                case .elaboration(let elaboration):
                    self.attach(elaboration, at: sentence.index, to: &claims)
                }
            }
        }
        var result: [ClaimMention] = []
        for (_, mention) in claims {
            if mention.places.isEmpty && mention.areas.isEmpty {
                let first = mention.evidence[0]
                context.append(ContextNote(sentence: first.sentence, reason: "no place named", start: first.start, end: first.end))
                continue
            }
            result.append(mention)
        }
        return ExtractionResult(claims: result, context: context)
    }

    func attach(_ elaboration: Elaboration, at sentenceIndex: Int, to claims: inout [(sentence: Int, mention: ClaimMention)]) {
        guard !elaboration.places.isEmpty || !elaboration.areas.isEmpty || elaboration.attributedTo != nil else { return }
        let reach = sentenceIndex - Self.elaborationReach
        guard
            let target = claims.lastIndex(where: { entry in
                guard entry.sentence >= reach, entry.sentence < sentenceIndex else { return false }
                switch elaboration.target {
                case .control(let agent):
                    return entry.mention.kind.identityClass == "control" && entry.mention.claimant?.key == agent
                case .offensive:
                    return entry.mention.kind == .offensive && entry.sentence >= sentenceIndex - 2
                }
            })
        else { return }
        var mention = claims[target].mention
        for place in elaboration.places where !mention.places.contains(where: { $0.key == place.key }) {
            mention.places.append(place)
        }
        for area in elaboration.areas where !mention.areas.contains(where: { $0.key == area.key }) {
            mention.areas.append(area)
        }
        if mention.attributedTo == nil, let speaker = elaboration.attributedTo { mention.attributedTo = speaker }
        mention.evidence.append(elaboration.evidence)
        claims[target].mention = mention
    }

    /// The trigger phrases of a sentence (the nouns an offensive verb governs are not triggers alone).
    func triggers(in tokens: ArraySlice<Token>) -> [PhraseMatcher<Trigger>.Match] {
        self.lexicon.triggerMatcher.matches(in: tokens) { trigger, _ in trigger.frame != .offensiveNoun }
    }

    func analyze(
        _ analysis: SentenceAnalysis, triggers matches: [PhraseMatcher<Trigger>.Match], evidence: Evidence, published: CalendarDate?
    ) -> [Finding] {
        var findings: [Finding] = []
        if let target = self.targetElaboration(analysis, evidence: evidence) { findings.append(target) }
        let background = analysis.background(published: published)
        let transient = analysis.tellsATransientCapture
        for match in matches {
            guard let finding = self.read(match, in: analysis, evidence: evidence, published: published) else { continue }
            if case .claim = finding, let background { findings.append(.context(background)); continue }
            if case .claim(let mention) = finding, transient, mention.kind.identityClass == "control" {
                findings.append(.context("held only briefly"))
                continue
            }
            findings.append(finding)
        }
        return findings
    }
}
