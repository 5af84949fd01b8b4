/// Reading one trigger match according to its frame and voice.
extension ClaimExtractor {
    enum Voice { case active, passive }

    /// Words before an -ing trigger that make it a done deed; a `gerund-after` trigger takes only
    /// the prepositions.
    static let gerundOpeners: Set<String> = ["after", "by", ",", "and"]
    static let stateGerundOpeners: Set<String> = ["after", "by"]

    /// A trigger match read as a claim, or, under a denial ("X denied that Y had taken P"), as a
    /// `contested` claim by the speaker who denies it, against the actor it denies.
    func read(
        _ match: PhraseMatcher<Trigger>.Match, in analysis: SentenceAnalysis, evidence: Evidence,
        published: CalendarDate?
    ) -> Finding? {
        guard let denialAt = analysis.denial(before: match.range.lowerBound) else {
            return self.readAsserted(match, in: analysis, evidence: evidence, published: published)
        }
        guard case .claim(var mention)? = self.readAsserted(match, in: analysis, evidence: evidence, published: published)
        else { return .context("denied") }
        guard let denier = analysis.subject(before: denialAt) else { return .context("denied, by no one named") }
        mention.opponent = mention.claimant?.key == denier.actor.key ? nil : mention.claimant
        mention.kind = .contested
        mention.claimant = denier.actor
        mention.attributedTo = denier.actor.name
        mention.hedged = false
        return .claim(mention)
    }

    func readAsserted(
        _ match: PhraseMatcher<Trigger>.Match, in analysis: SentenceAnalysis, evidence: Evidence,
        published: CalendarDate?
    ) -> Finding? {
        let start = match.range.lowerBound
        let end = match.range.upperBound
        let previous = analysis.word(start - 1)
        let previous2 = analysis.word(start - 2)
        // An auxiliary is a word of its own, never part of an actor's name ("IS fighters captured").
        let auxiliaries = [start - 1, start - 2].filter { !analysis.isInActor($0) }.compactMap { analysis.word($0) }
        let isPerfect = auxiliaries.contains { self.lexicon.isCue(.perfect, $0) }
        let isPassiveAux = auxiliaries.contains { self.lexicon.isCue(.passive, $0) }
        let followedByBy = analysis.word(end) == "by"

        var notClaim: Finding?
        for trigger in match.values {
            if trigger.frame == .offensive, let noun = analysis.offensiveNoun(endingBefore: start) {
                // "an operation launched on Friday to seize X", "the offensive that began on Sunday".
                return self.readOffensiveNamedFirst(
                    match.range, noun: noun, in: analysis, evidence: evidence, published: published)
            }
            let voice: Voice
            if trigger.form == .infinitive {
                // "managed to retake X", "were able to seize X"; "vowed to retake X" is an aim.
                guard analysis.accomplishment(endingBefore: start - 1) != nil else { continue }
                voice = .active
            } else if trigger.form.isGerund {
                // Only a done deed: "after seizing X", "by retaking X", ", capturing X".
                let done = trigger.form == .gerund ? Self.gerundOpeners : Self.stateGerundOpeners
                guard let previous, !isPassiveAux,
                    done.contains(previous) || (trigger.form == .gerund && analysis.endsAClause(before: start))
                else { continue }
                voice = .active
            } else if trigger.frame == .fell || trigger.form == .progressive {
                voice = .active
            } else if isPassiveAux || (followedByBy && !isPerfect) {
                voice = .passive
            } else if trigger.form == .participle && !isPerfect {
                continue
            } else {
                voice = .active
            }
            if previous != "after" || !trigger.form.isGerund, let reason = analysis.modality(before: start) { return .context(reason) }
            if voice == .passive {
                return self.readPassive(trigger, match.range, in: analysis, evidence: evidence, published: published)
            }
            let subject: SentenceAnalysis.Subject?
            if trigger.form.isGerund, let previous, !Self.gerundOpeners.contains(previous) {
                // With its comma lost, the -ing clause's subject is the nearest actor that is no
                // object ("Syrian Kurds fighting the Islamic State group made advances seizing…"
                // has none it can name).
                subject = analysis.nearestUngovernedActor(before: start).map {
                    SentenceAnalysis.Subject(actor: $0.actor, range: $0.range, attributed: false)
                }
            } else if trigger.form.isGerund {
                subject = analysis.mainSubject(before: start, objectEnd: analysis.scopeEnd(from: end)).map {
                    SentenceAnalysis.Subject(actor: $0.actor, range: $0.range, attributed: false)
                }
            } else if previous == "having" {
                // "with Iraqi forces having retaken X": the actor right before "having".
                subject = analysis.actor(endingAt: start - 1, from: analysis.clauseStart(before: start - 1)).map {
                    SentenceAnalysis.Subject(actor: $0.actor, range: $0.range, attributed: false)
                }
            } else {
                subject = analysis.subject(before: start)
            }
            var mention = ClaimMention(
                kind: trigger.kind, claimant: nil, opponent: nil, places: [], areas: [], eventDate: nil,
                attributedTo: nil, hedged: false, evidence: [evidence], extractor: self.tag)
            if let subject {
                mention.claimant = subject.actor
                mention.hedged = subject.attributed
                mention.attributedTo = subject.attributed ? subject.actor.name : nil
            }
            var objectRange: Range<Int>
            var namesEnd: Int?
            var allowBare = true
            switch trigger.frame {
            case .offensiveNoun:
                continue
            case .fell:
                guard analysis.word(end) == "to" || trigger.phrase.hasSuffix("of") else { continue }
                let agentStart = analysis.word(end) == "to" ? end + 1 : end
                guard let agent = analysis.actor(in: agentStart..<analysis.scopeEnd(from: agentStart)) else { continue }
                mention.claimant = agent.actor
                mention.hedged = false
                mention.attributedTo = nil
                objectRange = analysis.clauseStart(before: start)..<start
            case .direct:
                guard subject != nil else { continue }
                objectRange = end..<analysis.scopeEnd(from: end)
                let from = objectRange.first(where: { analysis.word($0) == "from" })
                if let from {
                    mention.opponent = analysis.actor(in: (from + 1)..<objectRange.upperBound)?.actor
                }
                namesEnd = from
                let ownObject = objectRange.lowerBound..<(from ?? objectRange.upperBound)
                guard analysis.objectIsTerritory(ownObject, rule: trigger.object) else {
                    notClaim = .context("the object is not a place")
                    continue
                }
                allowBare = trigger.object != .place || analysis.headFollowsQuantifier(ownObject)
            case .expel:
                guard let (prep, objectStart) = analysis.expulsionSource(after: end, within: 10) else { continue }
                if prep == analysis.skippingAdjuncts(from: end) {
                    // Nothing driven out between verb and "from": a headline's passive ("Rebels
                    // pushed from Kasba"), the subject lost the place; "drove from" is travel.
                    guard trigger.form != .past, !trigger.form.isGerund, let subject else { continue }
                    let loser = SentenceAnalysis.ActorSpan(range: subject.range, actor: subject.actor)
                    return self.readPassiveExpulsion(
                        trigger, match.range, loser: loser, agent: nil, in: analysis, evidence: evidence, published: published)
                }
                guard let expelled = analysis.actor(in: end..<prep) else {
                    // "drove them out of": a pronoun stands for the force; "forced thousands of
                    // residents from their homes" drove out people, not a force.
                    guard analysis.hasObjectPronoun(in: end..<prep) else {
                        notClaim = .context("what was driven out is not a force")
                        continue
                    }
                    guard subject != nil else { continue }
                    objectRange = objectStart..<analysis.scopeEnd(from: objectStart)
                    break
                }
                mention.opponent = expelled.actor
                if subject == nil {
                    // "Heavy shelling forced the rebels out of Kasba": no actor drove them out, but
                    // the side driven out left the place.
                    guard !trigger.form.isGerund else { continue }
                    mention.kind = .withdrew
                    mention.claimant = expelled.actor
                    mention.opponent = nil
                }
                objectRange = objectStart..<analysis.scopeEnd(from: objectStart)
            case .withdraw:
                guard subject != nil else { continue }
                let scope = analysis.scopeEnd(from: end)
                var objectStart = end
                let next = analysis.skippingAdjuncts(from: end)
                if analysis.word(next) == "from" || analysis.word(next) == "of" {
                    objectStart = next + 1
                } else if analysis.word(next) == "out", analysis.word(next + 1) == "of" {
                    objectStart = next + 2
                } else if let from = (end..<min(scope, end + 6)).first(where: { analysis.word($0) == "from" }) {
                    // "withdrew its troops from X"; "withdrew fighter planes from its airbase" moves
                    // equipment, not a force off ground.
                    guard (end..<from).contains(where: { self.lexicon.isCue(.actorNoun, analysis.tokens[$0].text) }) else {
                        notClaim = .context("what was withdrawn is not a force")
                        continue
                    }
                    objectStart = from + 1
                } else if end < scope, !analysis.objectIsTerritory(end..<scope, rule: .named) {
                    // "surrendered to the army": people gave up, no place was left.
                    notClaim = .context("the object is not a place")
                    continue
                }
                objectRange = objectStart..<analysis.scopeEnd(from: objectStart)
                if let antecedent = analysis.antecedentPlace(forObjectAt: objectStart, verbAt: start) {
                    // "…the town of Bashiqa after the Peshmerga withdrew from it", "X, from which Y withdrew".
                    mention.places = [antecedent.place]
                }
            case .offensive:
                guard let noun = analysis.offensiveNoun(after: end), let subject else { continue }
                objectRange = noun.upperBound..<analysis.scopeEnd(from: noun.upperBound)
                if let opponent = analysis.actors(in: objectRange).first(where: { $0.actor.key != subject.actor.key }) {
                    mention.opponent = opponent.actor
                }
                allowBare = analysis.offensiveNamesItsTarget(at: noun.upperBound)
            }
            let antecedent = mention.places
            self.fillLocation(&mention, from: objectRange, in: analysis, allowBare: allowBare, namesEnd: namesEnd)
            if mention.places.isEmpty, mention.areas.isEmpty { mention.places = antecedent }
            self.fillAttribution(&mention, in: analysis)
            mention.eventDate = analysis.eventDate(near: start, published: published)?.description
            return .claim(mention)
        }
        return notClaim
    }

    /// An offensive named before its verb: "an operation launched on Friday to seize X", "the
    /// offensive that began on Sunday against X", "an assault launched by X on Y". The claimant is
    /// the agent after "by", else the owner inside the noun phrase ("a government offensive that
    /// began"), else, when the noun follows "in" ("X fought on in an offensive that began…"), the
    /// sentence's first actor; otherwise unknown ("X retaliated to an offensive that began…").
    func readOffensiveNamedFirst(
        _ range: Range<Int>, noun: Range<Int>, in analysis: SentenceAnalysis, evidence: Evidence, published: CalendarDate?
    ) -> Finding? {
        if let reason = analysis.modality(before: noun.lowerBound) { return .context(reason) }
        var objectStart = analysis.skippingAdjuncts(from: range.upperBound)
        var claimant: SentenceAnalysis.ActorSpan?
        if analysis.word(objectStart) == "by", let agent = analysis.agent(after: objectStart) {
            claimant = agent
            objectStart = analysis.skippingAdjuncts(from: agent.range.upperBound)
        } else if let owner = analysis.owner(ofNounAt: noun.lowerBound) {
            claimant = owner
        } else if analysis.word(analysis.nounPhraseStart(before: noun.lowerBound) - 1) == "in" {
            claimant = analysis.firstActor(in: analysis.tokens.startIndex..<noun.lowerBound)
        }
        guard SentenceAnalysis.offensiveAimOpeners.contains(analysis.word(objectStart) ?? "") else {
            return .context("an offensive named with no aim or target")
        }
        let objectRange = objectStart..<analysis.scopeEnd(from: objectStart)
        var mention = ClaimMention(
            kind: .offensive, claimant: claimant?.actor, opponent: nil, places: [], areas: [], eventDate: nil,
            attributedTo: nil, hedged: false, evidence: [evidence], extractor: self.tag)
        mention.opponent = analysis.actors(in: objectRange).first(where: { $0.actor.key != claimant?.actor.key })?.actor
        self.fillLocation(
            &mention, from: objectRange, in: analysis, allowBare: analysis.offensiveNamesItsTarget(at: objectStart))
        self.fillAttribution(&mention, in: analysis)
        mention.eventDate = analysis.eventDate(near: range.lowerBound, published: published)?.description
        return .claim(mention)
    }

    /// Passive voice: "Kojo was captured by X" is a claim by X; "The villages taken by X include
    /// Kojo" elaborates an earlier claim by X; an agentless passive is context.
    func readPassive(
        _ trigger: Trigger, _ range: Range<Int>, in analysis: SentenceAnalysis, evidence: Evidence,
        published: CalendarDate?
    ) -> Finding? {
        let end = range.upperBound
        var agent: SentenceAnalysis.ActorSpan?
        if let by = (end..<min(end + 3, analysis.tokens.endIndex)).first(where: { analysis.word($0) == "by" }) {
            agent = analysis.agent(after: by)
        }
        var subjectStart = analysis.clauseStart(before: range.lowerBound)
        var auxStart = range.lowerBound
        while auxStart - 1 >= subjectStart,
            let word = analysis.word(auxStart - 1), !analysis.isInActor(auxStart - 1),
            self.lexicon.isCue(.passive, word) || self.lexicon.isCue(.perfect, word) || word.hasSuffix("ly")
        {
            auxStart -= 1
        }
        if auxStart - subjectStart > 10 { subjectStart = auxStart - 10 }
        let subjectRange = subjectStart..<auxStart
        // Known places, and names marked as places ("the Ramouseh area").
        let subjectPlaces = analysis.places(in: subjectRange) + analysis.namedPlaces(in: subjectRange, allowBare: false)
        let subjectIsArea = subjectRange.contains { self.lexicon.cueLength(.feature, in: analysis.tokens, at: $0) != nil }

        let isFinite = (auxStart..<range.lowerBound).contains { analysis.word($0).map { self.lexicon.isCue(.passive, $0) } ?? false }
        if trigger.frame == .expel, isFinite, let loser = analysis.actor(endingAt: subjectRange.upperBound, from: subjectRange.lowerBound),
            let expulsion = self.readPassiveExpulsion(
                trigger, range, loser: loser, agent: agent, in: analysis, evidence: evidence, published: published)
        {
            return expulsion
        }
        if subjectPlaces.isEmpty, subjectIsArea, !isFinite, let agent {
            // Follow-up: places after "include", areas after "located north of".
            let afterAgent = agent.range.upperBound
            var places: [PlaceRef] = []
            if let include = (afterAgent..<analysis.tokens.endIndex).first(where: {
                self.lexicon.cueLength(.include, in: analysis.tokens, at: $0) != nil
            }) {
                places = analysis.places(in: (include + 1)..<analysis.scopeEnd(from: include + 1)).map(\.place)
            }
            let areas = analysis.areas(in: afterAgent..<analysis.tokens.endIndex).map(\.area)
            return .elaboration(
                Elaboration(
                    target: .control(agent: agent.actor.key), places: places, areas: areas, attributedTo: nil,
                    evidence: evidence))
        }
        guard trigger.frame != .offensive else { return nil }
        // The passive's subject must be territory: "property seized by X" is not a claim.
        if isFinite {
            guard let head = analysis.objectHead(from: subjectRange.lowerBound, before: subjectRange.upperBound),
                analysis.objectIsTerritory(head..<subjectRange.upperBound, rule: .named)
            else { return .context("the object is not a place") }
        } else {
            // "the Ramouseh area recently seized by rebels": the noun before the verb's adverbs.
            let noun = auxStart - 1
            guard noun >= analysis.tokens.startIndex else { return nil }
            guard analysis.places.contains(where: { $0.range.upperBound == auxStart })
                || self.lexicon.cueLength(.feature, in: analysis.tokens, at: noun) != nil
                || analysis.namedPlaces(in: noun..<range.lowerBound, allowBare: true).first != nil
            else { return .context("the object is not a place") }
        }
        if agent == nil {
            // "Marka was recaptured on Tuesday": a named place changed hands; who took it is not
            // said, so the claimant stays unknown rather than guessed.
            guard isFinite, trigger.frame == .direct, trigger.kind.changesControl,
                let head = analysis.objectHead(from: subjectRange.lowerBound, before: subjectRange.upperBound),
                analysis.places.contains(where: { $0.range.lowerBound == head })
                    || analysis.namedPlaces(in: head..<subjectRange.upperBound, allowBare: true).first?.range.lowerBound == head
            else {
                return subjectPlaces.isEmpty ? nil : .context("passive without an agent")
            }
        }
        var mention = ClaimMention(
            kind: trigger.kind, claimant: agent?.actor, opponent: nil, places: [], areas: [], eventDate: nil,
            attributedTo: nil, hedged: false, evidence: [evidence], extractor: self.tag)
        if analysis.word(end) == "from" {
            mention.opponent = analysis.actor(in: (end + 1)..<analysis.scopeEnd(from: end + 1))?.actor
        }
        self.fillLocation(&mention, from: subjectRange, in: analysis, allowBare: trigger.object != .place)
        self.fillAttribution(&mention, in: analysis)
        mention.eventDate = analysis.eventDate(near: range.lowerBound, published: published)?.description
        return .claim(mention)
    }

    /// "IS was driven out of Mosul by Iraqi forces", "the militants were pushed back from the hills":
    /// the subject lost the place; the agent, when named (before or after the place), took it, and
    /// with no agent the claim is the subject's withdrawal.
    func readPassiveExpulsion(
        _ trigger: Trigger, _ range: Range<Int>, loser: SentenceAnalysis.ActorSpan, agent: SentenceAnalysis.ActorSpan?,
        in analysis: SentenceAnalysis, evidence: Evidence, published: CalendarDate?
    ) -> Finding? {
        guard let (_, objectStart) = analysis.expulsionSource(after: range.upperBound, within: 4) else { return nil }
        // "did not say the extremists had been pushed out": what governs the subject counts too.
        if let reason = analysis.modality(before: loser.range.lowerBound) { return .context(reason) }
        var objectEnd = analysis.scopeEnd(from: objectStart)
        var agent = agent
        if let by = (objectStart..<objectEnd).first(where: { analysis.word($0) == "by" }) {
            agent = agent ?? analysis.agent(after: by)
            objectEnd = by
        }
        // With no one named who drove it out, the claim is the loser's: it lost the place.
        var mention = ClaimMention(
            kind: agent == nil ? .withdrew : trigger.kind, claimant: agent?.actor ?? loser.actor,
            opponent: agent == nil ? nil : loser.actor, places: [], areas: [], eventDate: nil,
            attributedTo: nil, hedged: false, evidence: [evidence], extractor: self.tag)
        if mention.claimant?.key == mention.opponent?.key { mention.opponent = nil }
        self.fillLocation(&mention, from: objectStart..<objectEnd, in: analysis, allowBare: true)
        self.fillAttribution(&mention, in: analysis)
        mention.eventDate = analysis.eventDate(near: range.lowerBound, published: published)?.description
        return .claim(mention)
    }

    /// "Spokesman Karim al-Nouri said the target of the operation was the Qairawan and Baaj areas".
    func targetElaboration(_ analysis: SentenceAnalysis, evidence: Evidence) -> Finding? {
        for index in analysis.tokens.indices {
            guard self.lexicon.cueLength(.target, in: analysis.tokens, at: index) != nil,
                analysis.word(index + 1) == "of", analysis.word(index + 2) == "the",
                analysis.offensiveNounMatch(at: index + 3) != nil,
                let verb = analysis.word(index + 4), ["was", "is", "were", "are"].contains(verb)
            else { continue }
            let objectStart = index + 5
            let objectRange = objectStart..<analysis.scopeEnd(from: objectStart)
            let places = analysis.places(in: objectRange).map(\.place)
            var speaker: String?
            let first = analysis.tokens.startIndex
            if self.lexicon.cueLength(.speaker, in: analysis.tokens, at: first) != nil,
                let said = analysis.tokens.indices.first(where: { self.lexicon.cueLength(.attribution, in: analysis.tokens, at: $0) != nil }),
                said < index
            {
                speaker = analysis.source(first..<said)
                if let firstLetter = speaker?.first, firstLetter.isUppercase {
                    speaker = firstLetter.lowercased() + speaker!.dropFirst()
                }
            }
            return .elaboration(
                Elaboration(target: .offensive, places: places, areas: [], attributedTo: speaker, evidence: evidence))
        }
        return nil
    }

    /// Places and areas in the trigger's object; a place that anchors an area is not itself claimed.
    /// Names the gazetteer lacks count when the text marks them as places (`allowBare`: also a
    /// bare capitalised name), and only before `namesEnd` (the opponent follows "from").
    func fillLocation(
        _ mention: inout ClaimMention, from range: Range<Int>, in analysis: SentenceAnalysis, allowBare: Bool,
        namesEnd: Int? = nil
    ) {
        let areas = analysis.areas(in: range)
        mention.areas = areas.map(\.area)
        let anchorRanges = areas.map(\.anchor)
        var spans = analysis.places(in: range)
        let nameRange = range.lowerBound..<max(range.lowerBound, min(namesEnd ?? range.upperBound, range.upperBound))
        var named = analysis.namedPlaces(in: nameRange, allowBare: allowBare)
        if !allowBare {
            // "two camps in Marka": a name after a locative "in" is a place even where a bare name
            // alone would not be.
            for index in nameRange where analysis.word(index) == "in" {
                if let located = analysis.namedPlaces(in: (index + 1)..<nameRange.upperBound, allowBare: true).first,
                    located.range.lowerBound == index + 1
                {
                    named.append(located)
                }
            }
        }
        for named in named where !spans.contains(where: { $0.range.overlaps(named.range) }) {
            spans.append(named)
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        mention.places = spans.filter { place in
            !anchorRanges.contains { $0.overlaps(place.range) } && place.place.gazetteerID.map {
                self.lexicon.gazetteer[$0]?.feature != "country"
            } ?? true
        }.map(\.place)
        guard mention.kind != .offensive else { return }  // an offensive's target is named, not "the town"
        let placeRanges = spans.map(\.range)
        for area in analysis.featureAreas(in: nameRange, after: anchorRanges + placeRanges)
        where !mention.areas.contains(where: { $0.text == area.text }) {
            mention.areas.append(area)
        }
    }

    /// "according to X" names who makes the claim and marks it as reported, not verified.
    func fillAttribution(_ mention: inout ClaimMention, in analysis: SentenceAnalysis) {
        guard mention.attributedTo == nil else { return }
        for index in analysis.tokens.indices {
            guard let length = self.lexicon.cueLength(.according, in: analysis.tokens, at: index) else { continue }
            let start = index + length
            let end = analysis.scopeEnd(from: start)
            if let actor = analysis.actor(in: start..<end) {
                mention.attributedTo = actor.actor.name
            } else if end > start {
                mention.attributedTo = analysis.source(start..<min(end, start + 6))
            }
            mention.hedged = true
            return
        }
        if let speaker = self.trailingSpeaker(in: analysis) {
            mention.attributedTo = speaker
            mention.hedged = true
        }
    }

    /// The speaker of a sentence that ends in its reporting verb: "…, the Syrian Observatory for
    /// Human Rights said.", "… a monitor said on Sunday." A capitalised name before the verb, else
    /// a short common noun phrase ("a monitor", "officials").
    func trailingSpeaker(in analysis: SentenceAnalysis) -> String? {
        let tokens = analysis.tokens
        let words = tokens.indices.filter { tokens[$0].kind != .punctuation }
        guard let said = words.suffix(5).last(where: { self.lexicon.isCue(.attribution, tokens[$0].text) }) else { return nil }
        // Only a date or "in a statement" may follow the verb.
        let after = words.filter { $0 > said }
        guard after.allSatisfy({ index in
            let text = tokens[index].text
            return ["on", "in", "a", "statement", "late", "early", "last", "this"].contains(text)
                || CalendarDate.weekdayNames[text] != nil || self.lexicon.isCue(.time, text) || tokens[index].kind == .number
        }) else { return nil }
        var start = said
        while start - 1 >= tokens.startIndex, said - start < 8 {
            let previous = tokens[start - 1]
            let connector = ["for", "of", "al", "-"].contains(previous.text) && start - 2 >= tokens.startIndex && tokens[start - 2].isCapitalized
            guard previous.isCapitalized || connector else { break }
            start -= 1
        }
        if start < said {
            let run = start..<said
            return analysis.actor(in: run)?.actor.name ?? analysis.source(run)
        }
        // "a monitor said", "military sources said".
        guard said - 1 >= tokens.startIndex, tokens[said - 1].isWord else { return nil }
        var phrase = (said - 1)..<said
        // "the interior ministry said": back to a determiner within three words.
        if let determiner = ((said - 4)..<(said - 1)).reversed().first(where: { ["a", "the", "an"].contains(analysis.word($0) ?? "") }),
            ((determiner + 1)..<said).allSatisfy({ tokens[$0].isWord })
        {
            phrase = determiner..<said
        }
        guard !self.lexicon.isCue(.pronoun, tokens[said - 1].text), !["he", "she", "it", "they", "we", "who"].contains(tokens[said - 1].text) else {
            return nil
        }
        return analysis.source(phrase)
    }
}
