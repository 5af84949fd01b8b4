/// Reading a trigger's arguments: its subject, the areas in its object, dates and modality.
extension SentenceAnalysis {
    struct Subject {
        var actor: ActorRef
        var range: Range<Int>
        /// The subject reports the claim itself ("X said it had taken…").
        var attributed: Bool
    }

    static let skippableBeforeVerb: Set<String> = [
        "also", "reportedly", "then", "now", "been", "finally", "later", "earlier", "already", "had", "has", "have", "it",
        "they", "that", "yesterday", "today", "on", "last", "week", "night", "recently", "successfully", "fully",
        "completely", "quickly", "again", "jointly", "allegedly", "apparently", "overnight", "'s", "'ve", "'d", "having",
    ]

    /// Where an `accomplishment` cue ("managed", "were able", "went on") ends right before the "to"
    /// at `to`: the infinitive after it states what was done. Returns the cue's first index and,
    /// for "was/were able", the auxiliary's.
    func accomplishment(endingBefore to: Int) -> Int? {
        guard self.word(to) == "to" else { return nil }
        for start in max(self.tokens.startIndex, to - 2)..<to
        where self.lexicon.cueLength(.accomplishment, in: self.tokens, at: start) == to - start {
            var first = start
            if let aux = self.word(first - 1), self.lexicon.isCue(.passive, aux) { first -= 1 }
            return first
        }
        return nil
    }

    /// Words after which an -ing verb is governed, not a clause of its own: prepositions, the
    /// auxiliaries no cue lists, and verbs that take an -ing object ("began capturing", "accused of
    /// seizing"). Determiners and the `passive`, `perfect` and `modal` cues are read from the lexicon.
    static let gerundGovernors: Set<String> = [
        "of", "for", "to", "at", "in", "on", "into", "about", "without", "before", "from", "against", "with", "than", "as",
        "while", "when", "upon", "like", "toward", "towards", "and", "or",
        "be", "am", "'s", "not", "keep", "kept", "keeps", "stop", "stopped",
        "began", "begin", "begins", "started", "start", "starts", "continue", "continued", "continues", "resumed", "avoid",
        "avoided", "prevent", "prevented", "risk", "risks", "consider", "considered", "considering", "mean", "means",
        "involve", "involved", "involves", "include", "included", "includes", "including", "suggest", "suggested",
    ]

    /// The subject of an -ing clause whose comma was lost: the last actor before `index` that no
    /// verb or preposition governs ("Daesh chased the government forces out but the Syrian army
    /// returned recapturing the city" → "the Syrian army").
    func nearestUngovernedActor(before index: Int) -> ActorSpan? {
        let range = self.tokens.startIndex..<index
        let candidates = (self.actors(in: range) + self.genericActors(in: range)).filter { span in
            !self.isGovernedByVerb(span.range) && !self.isInActor(span.range.lowerBound - 1)
        }
        return candidates.max { ($0.range.upperBound, $0.range.count) < ($1.range.upperBound, $1.range.count) }
    }

    /// The actor phrase at `range` follows a verb or a preposition that governs it ("fighting the
    /// Islamic State group", "backed by the army"), so it is an object, not a subject.
    func isGovernedByVerb(_ range: Range<Int>) -> Bool {
        if self.word(range.lowerBound - 1) == ")" { return true }  // "the Islamic State (IS) group": part of a name before it
        var before = self.indexBeforeArticles(range.lowerBound)
        if let word = self.word(before), word == "and" || word == "or" {
            // "between Kurdish and regime forces": what governs the first conjunct governs both.
            var cursor = before - 1
            while before - cursor <= 3, let token = self.tokens[safe: cursor], token.kind == .word,
                !Self.governingPrepositions.contains(token.text), !Self.clausePrepositions.contains(token.text)
            {
                cursor -= 1
            }
            before = cursor
        }
        guard let token = self.tokens[safe: before], token.kind == .word, !token.isCapitalized else { return false }
        return token.text.hasSuffix("ing") || token.text.hasSuffix("ed") || Self.governingPrepositions.contains(token.text)
            || Self.clausePrepositions.contains(token.text)
    }

    /// The index of the word before `index` and the articles right before it ("on the ISIL
    /// terrorists" → "on").
    func indexBeforeArticles(_ index: Int) -> Int {
        var before = index - 1
        while let word = self.word(before), ["the", "a", "an"].contains(word) { before -= 1 }
        return before
    }

    static let clausePrepositions: Set<String> = ["between", "among", "amid", "including", "like", "than"]

    /// The sentence says its capture was not held ("briefly seized control of X … after overrunning
    /// army barracks"): every control claim in it is part of a raid.
    var tellsATransientCapture: Bool {
        self.tokens.indices.contains { self.lexicon.cueLength(.transient, in: self.tokens, at: $0) != nil }
    }

    /// An -ing verb right after a clause's last word, with its comma lost ("made fresh advances
    /// near Kobane seizing a string of villages", as FA-KES prints it): a done deed of the clause's
    /// subject, like ", seizing". Not after a word that governs it, nor right after an actor ("the
    /// rebels capturing…" is a noun phrase), nor with no clause before it.
    func endsAClause(before index: Int) -> Bool {
        guard index - 3 >= self.tokens.startIndex, let previous = self.tokens[safe: index - 1], previous.kind != .punctuation
        else { return false }
        if Self.gerundGovernors.contains(previous.text) || self.isInActor(index - 1) { return false }
        if self.lexicon.isCue(.actorNoun, previous.text) || self.lexicon.isCue(.perfect, previous.text)
            || self.lexicon.isCue(.passive, previous.text)
            || self.lexicon.isCue(.modal, previous.text) || self.lexicon.isCue(.intent, previous.text)
            || self.lexicon.isCue(.negation, previous.text) || self.lexicon.isCue(.determiner, previous.text)
            || self.lexicon.isCue(.accomplishment, previous.text) || self.lexicon.isCue(.attribution, previous.text)
        {
            return false
        }
        return true
    }

    /// The actor doing the verb at `verbStart`: words before it up to the clause start, skipping
    /// auxiliaries, adverbs, dates, a bracketed aside and a reporting verb ("X said on Sunday it
    /// had…"). A subject set off by an aside ("X, working with Y, retook…") or shared by two verbs
    /// ("X crossed into Y and took Z") is found too.
    func subject(before verbStart: Int) -> Subject? {
        var end = verbStart
        var attributed = false
        var pronoun: Int?
        var cursor = verbStart - 1
        while cursor >= self.tokens.startIndex {
            let token = self.tokens[cursor]
            if !attributed, pronoun == nil, self.lexicon.isCue(.pronoun, token.text) {
                pronoun = cursor
            }
            if Self.skippableBeforeVerb.contains(token.text) || CalendarDate.weekdayNames[token.text] != nil
                || (token.text.hasSuffix("ly") && !token.isCapitalized)
            {
                cursor -= 1
                continue
            }
            if token.text == "since", let before = self.word(cursor - 1), self.lexicon.isCue(.perfect, before) {
                cursor -= 1  // "has since seized"
                continue
            }
            if token.text == "to", let first = self.accomplishment(endingBefore: cursor) {
                cursor = first - 1
                continue
            }
            if token.text == ")", let open = (self.tokens.startIndex..<cursor).last(where: { self.tokens[$0].text == "(" }) {
                cursor = open - 1
                continue
            }
            if !attributed, self.lexicon.cueLength(.attribution, in: self.tokens, at: cursor) != nil {
                attributed = true
                cursor -= 1
                continue
            }
            if !attributed, cursor - 1 >= self.tokens.startIndex,
                let length = self.lexicon.cueLength(.attribution, in: self.tokens, at: cursor - 1), length == 2
            {
                attributed = true
                cursor -= 2
                continue
            }
            break
        }
        end = cursor + 1
        guard end > self.tokens.startIndex else { return nil }
        if self.word(end - 1) == "and" {
            // Two verbs, one subject: the actor that opens the clause, over a parenthesis in it.
            return self.clauseSubject(before: end - 1, overParentheses: true).map { Subject(actor: $0.actor, range: $0.range, attributed: attributed) }
        }
        var start = max(self.clauseStart(before: end), end - 12)
        var hops = 0
        while start == end, hops < 2, start - 1 > self.tokens.startIndex, [",", "-"].contains(self.tokens[start - 1].text) {
            // "Niger and Chadian troops, working with Nigerian forces, recaptured…" and "X - backed
            // by Y - retook…": step over the aside.
            end = start - 1
            let segmentStart = self.clauseStart(before: end)
            start = max(segmentStart, end - 12)
            if self.actor(in: start..<end) == nil {
                end = segmentStart
                start = segmentStart
            }
            hops += 1
        }
        if start < end, let actor = self.actor(in: start..<end) {
            return Subject(actor: actor.actor, range: actor.range, attributed: attributed)
        }
        // "Sources close to the militants said they had taken…": a pronoun subject stands for the
        // nearest actor before it that is not a backer ("backed by Turkey").
        // Only in reported speech, where the reporter is described ("X said they…"); elsewhere the
        // pronoun's antecedent is in an earlier sentence.
        guard let pronoun, attributed else { return nil }
        return self.nearestActor(before: pronoun).map { Subject(actor: $0.actor, range: $0.range, attributed: attributed) }
    }

    /// The last actor before `index` in the sentence, governed by a preposition or not, that is not
    /// the agent of "backed by" or "supported by".
    func nearestActor(before index: Int) -> ActorSpan? {
        let range = self.tokens.startIndex..<index
        let candidates = (self.actors(in: range) + self.genericActors(in: range, governed: true)).filter { span in
            self.word(span.range.lowerBound - 1) != "by"
        }
        return candidates.max { $0.range.upperBound < $1.range.upperBound }
    }

    /// The agent of a passive verb after its "by": a lexicon actor anywhere in the phrase, else the
    /// generic actor right after "by".
    func agent(after by: Int) -> ActorSpan? {
        let window = (by + 1)..<min(self.scopeEnd(from: by + 1), by + 9)
        let named = self.actor(in: window)
        let generic = self.genericActors(in: window, governed: true).first { $0.range.lowerBound <= by + 2 }
        return named?.actor.id != nil ? named : generic ?? named
    }

    /// The first actor of the clause before `index` that is not the object of a preposition.
    func clauseSubject(before index: Int, overParentheses: Bool = false) -> ActorSpan? {
        self.firstActor(in: self.clauseStart(before: index, overParentheses: overParentheses)..<index)
    }

    /// The subject of the sentence's main verb, for a verb that has none of its own ("…, capturing
    /// a village", "after seizing the town"): the first actor of the sentence before `index` that
    /// is not governed by a preposition; for a sentence that opens with the -ing clause ("After
    /// seizing X, rebels…"), the first actor after it.
    func mainSubject(before index: Int, objectEnd: Int) -> ActorSpan? {
        if index - 1 == self.tokens.startIndex {
            return self.firstActor(in: objectEnd..<self.tokens.endIndex)
        }
        return self.firstActor(in: self.tokens.startIndex..<index)
    }

    /// Words that open a relative clause; an actor phrase does not reach back over them.
    static let relativeWords: Set<String> = ["which", "who", "whom", "whose", "that"]
    /// "Also US-backed forces…", "In late September the army…": words that open a sentence or a
    /// date, never part of an actor's name.
    static let sentenceAdverbs: Set<String> = ["also", "meanwhile", "then", "now", "late", "early", "mid", "since"]
    /// "For nearly a week regime troops…": a length of time is not part of the actor's name.
    static let durationNouns: Set<String> = ["week", "weeks", "day", "days", "month", "months", "year", "years", "hours", "decades"]

    /// The actor phrase that ends right at `end` (the subject right before a verb's auxiliary).
    func actor(endingAt end: Int, from start: Int) -> ActorSpan? {
        guard start < end else { return nil }
        let range = start..<end
        if let alias = self.actors(in: range).last(where: { $0.range.upperBound == end }) { return alias }
        return self.genericActors(in: range, governed: true).last { $0.range.upperBound == end }
    }

    static let governingPrepositions: Set<String> = ["by", "of", "with", "against", "from", "to", "for", "on", "at", "in", "into"]

    func firstActor(in range: Range<Int>) -> ActorSpan? {
        guard !range.isEmpty else { return nil }
        let alias = self.actors(in: range).first { span in
            !Self.governingPrepositions.contains(self.word(span.range.lowerBound - 1) ?? "")
        }
        let generic = self.genericActors(in: range).first
        switch (alias, generic) {
        case (let alias?, let generic?): return generic.range.lowerBound < alias.range.lowerBound && !generic.range.overlaps(alias.range) ? generic : alias
        case (let alias?, nil): return alias
        case (nil, let generic?): return generic
        case (nil, nil): return nil
        }
    }

    /// Noun phrases ending in an actor noun ("Turkish-based rebel fighters", "the army units"),
    /// not governed by a preposition (unless `governed`, as for the agent after "by").
    func genericActors(in range: Range<Int>, governed: Bool = false) -> [ActorSpan] {
        var found: [ActorSpan] = []
        for index in range where self.lexicon.isCue(.actorNoun, self.tokens[index].text) {
            if self.word(index + 1).map({ self.lexicon.isCue(.actorNoun, $0) }) == true { continue }
            var start = index
            while start - 1 >= range.lowerBound, index - start < 4 {
                let previous = self.tokens[start - 1]
                guard previous.isWord || previous.text == "'s" else { break }
                if previous.text == "of", self.tokens[start].isCapitalized, start - 2 >= range.lowerBound,
                    self.tokens[start - 2].isCapitalized
                {
                    start -= 1  // "Government of National Accord forces"
                    continue
                }
                if ["the", "a", "an", "its", "their", "his", "her", "and", "or"].contains(previous.text)
                    || Self.relativeWords.contains(previous.text) || Self.durationNouns.contains(previous.text)
                    || self.lexicon.isCue(.time, previous.text) || CalendarDate.weekdayNames[previous.text] != nil
                    || CalendarDate.monthNames[previous.text] != nil || Self.sentenceAdverbs.contains(previous.text)
                    || Self.governingPrepositions.contains(previous.text) || self.lexicon.isCue(.boundary, previous.text)
                    || self.lexicon.isCue(.attribution, previous.text) || self.lexicon.isCue(.modal, previous.text)
                    || self.lexicon.isCue(.intent, previous.text) || self.lexicon.isCue(.reportNoun, previous.text)
                {
                    break
                }
                start -= 1
            }
            if !governed, Self.governingPrepositions.contains(self.word(start - 1) ?? "") || self.word(self.indexBeforeArticles(start)) == "on" {
                continue
            }
            found.append(ActorSpan(range: start..<(index + 1), actor: ActorRef(id: nil, name: self.source(start..<(index + 1)))))
        }
        return found
    }

    /// The actor a noun phrase names: a descriptor over its words, else its first alias that is not
    /// a backer ("backed by Iran"), else a generic actor ("government forces", "Houthi rebels").
    func actor(in window: Range<Int>) -> ActorSpan? {
        guard !window.isEmpty else { return nil }
        let words = Set(self.tokens[window].map(\.text))
        let aliases = self.actors(in: window).filter { span in
            let previous = self.word(span.range.lowerBound - 1)
            return previous != "by" && previous != "of" && previous != "with" && previous != "against"
                && self.word(self.indexBeforeArticles(span.range.lowerBound)) != "on"  // "heavy casualties on the ISIL terrorists"
                && !self.isBacker(span, in: window)
        }
        if let descriptor = self.lexicon.descriptors.first(where: { $0.matches(words) }),
            let entry = self.lexicon.actors[descriptor.actorID]
        {
            // A descriptor names the actor only if no other alias heads the phrase.
            if aliases.allSatisfy({ $0.actor.id == entry.id }) {
                return ActorSpan(range: window, actor: ActorRef(id: entry.id, name: entry.name))
            }
        }
        if let alias = aliases.first { return alias }
        // A generic actor: the phrase ends in an actor noun, or is a short capitalised name.
        var start = window.lowerBound
        while start < window.upperBound {
            if let length = self.lexicon.cueLength(.time, in: self.tokens, at: start) {
                start += length
            } else if ["a", "an", "the", "on", "in", ","].contains(self.tokens[start].text)
                || self.tokens[start].kind == .number  // "1 August 2016 The rebels": a date heading the text
                || CalendarDate.weekdayNames[self.tokens[start].text] != nil
                || CalendarDate.monthNames[self.tokens[start].text] != nil || Self.sentenceAdverbs.contains(self.tokens[start].text)
            {
                start += 1
            } else {
                break
            }
        }
        start = min(start, window.upperBound)
        if let said = (start..<window.upperBound).last(where: { self.lexicon.isCue(.attribution, self.tokens[$0].text) }) {
            // "He said the Kurds have taken…": the actor is after the reporting verb.
            start = said + 1
            while let word = self.word(start), start < window.upperBound,
                ["a", "an", "the", "that"].contains(word) || self.lexicon.isCue(.boundary, word)
            {
                start += 1  // "said as rebels took…", "said that the Kurds…"
            }
            start = min(start, window.upperBound)
        }
        let phrase = start..<window.upperBound
        let hasPreposition = self.tokens[phrase].contains { ["to", "from", "by", "with", "against", "for", "on", "at", "in", "into"].contains($0.text) }
        guard !phrase.isEmpty, phrase.count <= 5, !hasPreposition else {
            // A longer window: the actor phrase nearest its end ("…from which the Government of
            // National Accord forces"), or one its modifier runs to the end ("forces loyal to the
            // government", "militants backed by Ankara").
            // The first actor whose description runs to the end wins over an actor inside that
            // description ("Hizballah fighters backed by Syrian and Iranian forces").
            let generic = self.genericActors(in: window)
            if let modified = generic.first(where: { self.isModified($0, to: window.upperBound) }) {
                let range = modified.range.lowerBound..<window.upperBound
                return ActorSpan(range: range, actor: ActorRef(id: nil, name: self.source(range)))
            }
            return generic.last { $0.range.upperBound == window.upperBound }
        }
        let last = self.tokens[phrase.upperBound - 1]
        if self.lexicon.isCue(.actorNoun, last.text), phrase.allSatisfy({ self.tokens[$0].isWord || self.tokens[$0].text == "'s" }) {
            return ActorSpan(range: phrase, actor: ActorRef(id: nil, name: self.source(phrase)))
        }
        return nil
    }

    /// The actor is named as a backer: a `backer` cue ("backed by", "supported by") comes before it
    /// in the window with only words between ("X backed by Syrian and Iranian forces").
    func isBacker(_ span: ActorSpan, in window: Range<Int>) -> Bool {
        var cursor = span.range.lowerBound - 1
        while cursor > window.lowerBound, self.tokens[cursor].isWord {
            if self.tokens[cursor].text == "by", self.lexicon.cueLength(.backer, in: self.tokens, at: cursor - 1) == 2 {
                return true
            }
            cursor -= 1
        }
        return false
    }

    /// The words from the actor's end to `end` describe the actor: a modifier ("loyal to", "backed
    /// by", "from") and then no clause break.
    func isModified(_ actor: ActorSpan, to end: Int) -> Bool {
        let tail = actor.range.upperBound..<end
        guard !tail.isEmpty, tail.count <= 10,
            self.lexicon.cueLength(.actorModifier, in: self.tokens, at: tail.lowerBound) != nil
                || self.isDescribingParticiple(at: tail.lowerBound)
        else { return false }
        return self.tokens[tail].allSatisfy { token in
            (token.isWord || token.text == "-") && !self.lexicon.isCue(.passive, token.text) && !self.lexicon.isCue(.perfect, token.text)
                && !self.lexicon.isCue(.modal, token.text) && !Self.relativeWords.contains(token.text)
        }
    }

    /// "troops fighting in the Qalamun region seized…": an -ing word right after an actor noun that
    /// is no trigger describes the actor.
    func isDescribingParticiple(at index: Int) -> Bool {
        guard let token = self.tokens[safe: index], token.kind == .word, !token.isCapitalized, token.text.hasSuffix("ing"),
            token.text.count > 5
        else { return false }
        return self.lexicon.triggerMatcher.longestMatch(in: self.tokens, at: index) == nil
    }

    /// Vague areas in `range`: "a number of villages west of Mosul", "a desert region near the
    /// border with Syria", or a bare "north of the town of Baaj". Returns each with its anchor span.
    func areas(in range: Range<Int>) -> [(area: Area, anchor: Range<Int>)] {
        var found: [(Area, Range<Int>)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            var feature: String?
            var relationAt = index
            if let cue = self.lexicon.cueValue(.feature, in: self.tokens, at: index) {
                feature = cue.value
                relationAt = index + cue.length
            }
            var direction: String?
            var relation: String?
            if let cue = self.lexicon.cueValue(.direction, in: self.tokens, at: relationAt),
                self.tokens[relationAt + cue.length - 1].text == "of"
            {
                direction = cue.value
                relationAt += cue.length
            } else if let cue = self.lexicon.cueValue(.relation, in: self.tokens, at: relationAt) {
                relation = cue.value
                relationAt += cue.length
            }
            guard direction != nil || relation != nil,
                let anchor = self.places.first(where: {
                    $0.range.lowerBound >= relationAt && $0.range.lowerBound < min(relationAt + 7, range.upperBound)
                }) ?? self.namedAnchor(at: relationAt, before: range.upperBound)
            else {
                index += 1
                continue
            }
            let start = feature != nil ? self.phraseStart(of: index, within: range) : index
            let area = Area(
                text: self.source(start..<anchor.range.upperBound), anchor: anchor.place.name,
                anchorID: anchor.place.gazetteerID, direction: direction, relation: relation, feature: feature)
            found.append((area, anchor.range))
            index = anchor.range.upperBound
        }
        return found
    }

    /// A name the gazetteer lacks right after a direction or relation ("east of Marka", "near the
    /// Tal Hamid"): in that position a capitalised name is a place.
    func namedAnchor(at index: Int, before end: Int) -> PlaceSpan? {
        let start = self.word(index) == "the" ? index + 1 : index
        guard let named = self.namedPlaces(in: start..<min(start + 5, end), allowBare: true).first,
            named.range.lowerBound == start
        else { return nil }
        return named
    }

    static let quantifierNouns: Set<String> = [
        "number", "group", "handful", "dozens", "hundreds", "series", "string", "cluster", "couple", "range", "swathe",
        "swathes", "swath", "chain", "set", "row", "scores", "belt", "line", "control", "parts", "part", "most", "much",
        "rest", "remainder", "outskirts", "centre", "center", "heart", "edge", "strip", "stretch", "tract", "piece", "patch",
        "whole", "all", "kilometres", "kilometers", "km", "miles",
    ]
    static let prepositions: Set<String> = [
        "from", "of", "out", "to", "on", "in", "at", "by", "for", "with", "into", "onto", "towards", "toward",
    ]

    /// Walks back from an area's feature word over determiners and adjectives ("a group of", "several").
    func phraseStart(of featureIndex: Int, within range: Range<Int>) -> Int {
        var start = featureIndex
        while start - 1 >= range.lowerBound, start - featureIndex > -6 {
            let previous = self.tokens[start - 1]
            guard previous.isWord, !previous.isCapitalized || start - 1 == self.tokens.startIndex else { break }
            if previous.text == "of", let before = self.word(start - 2), Self.quantifierNouns.contains(before) {
                start -= 1
                continue
            }
            if Self.prepositions.contains(previous.text) { break }
            if self.lexicon.isCue(.boundary, previous.text) { break }
            start -= 1
        }
        return start
    }

    /// The event date closest to `index`: a weekday, "yesterday", "today" or an explicit day,
    /// resolved against the publication date; `nil` when the text and date cannot tell.
    func eventDate(near index: Int, published: CalendarDate?) -> CalendarDate? {
        var best: (distance: Int, date: CalendarDate?)?
        func consider(_ at: Int, _ date: CalendarDate?) {
            let distance = abs(at - index)
            if best == nil || distance < best!.distance { best = (distance, date) }
        }
        for position in self.tokens.indices {
            let token = self.tokens[position]
            if token.isCapitalized, let weekday = CalendarDate.weekdayNames[token.text] {
                consider(position, published.map { $0.adding(days: -(($0.weekday - weekday + 7) % 7)) })
            } else if token.text == "yesterday" {
                consider(position, published?.adding(days: -1))
            } else if token.text == "today" {
                consider(position, published)
            } else if token.isCapitalized, let month = CalendarDate.monthNames[token.text], token.text.count > 2,
                let next = self.word(position + 1), let day = Int(next)
            {
                let yearText = self.word(position + 2) == "," ? self.word(position + 3) : self.word(position + 2)
                consider(position, Self.day(day, month: month, year: yearText.flatMap { Int($0) }, published: published))
            } else if token.kind == .number, let day = Int(token.text), let monthWord = self.word(position + 1),
                let month = CalendarDate.monthNames[monthWord], monthWord.count > 2
            {
                consider(position, Self.day(day, month: month, year: self.word(position + 2).flatMap { Int($0) }, published: published))
            }
        }
        return best?.date
    }

    /// "29 May 2017", or "29 May" in the year of publication — the year before when that day
    /// would come after publication ("December 30" in an article of January 2).
    static func day(_ day: Int, month: Int, year: Int?, published: CalendarDate?) -> CalendarDate? {
        if let year, year > 1900 { return CalendarDate(year: year, month: month, day: day) }
        guard let published, let date = CalendarDate(year: published.year, month: month, day: day) else { return nil }
        return date > published ? CalendarDate(year: published.year - 1, month: month, day: day) : date
    }

    /// Where a denial governing the verb at `verbStart` begins ("X denied that Y had taken…",
    /// "X dismissed reports that…", "X denies it withdrew…"), or `nil`. A comma or a semicolon
    /// between them ends its reach: "X denied the report, saying it had taken P" asserts P.
    func denial(before verbStart: Int) -> Int? {
        var cursor = verbStart - 1
        while cursor >= max(self.tokens.startIndex, verbStart - 12) {
            let token = self.tokens[cursor]
            if token.kind == .punctuation, [",", ";", ":"].contains(token.text) { return nil }
            if self.lexicon.cueLength(.denial, in: self.tokens, at: cursor) != nil { return cursor }
            cursor -= 1
        }
        return nil
    }

    /// Why the verb at `index` does not state a claim (negated, modal, intended), or `nil`.
    func modality(before index: Int) -> String? {
        let floor = max(self.tokens.startIndex, index - 4)
        if self.word(index - 1) == "to", self.accomplishment(endingBefore: index - 1) == nil {
            return "infinitive: an aim, not a claim"
        }
        var cursor = index - 1
        while cursor >= floor {
            let token = self.tokens[cursor]
            if token.kind == .punctuation, token.text == "," || token.text == ";" { break }
            if self.lexicon.cueLength(.negation, in: self.tokens, at: cursor) != nil { return "negated" }
            if self.lexicon.cueLength(.modal, in: self.tokens, at: cursor) != nil { return "modal or future" }
            if self.lexicon.cueLength(.intent, in: self.tokens, at: cursor) != nil { return "intent or plan" }
            cursor -= 1
        }
        return nil
    }

    /// Whether the sentence names a weekday or a recent time ("on Sunday", "yesterday").
    var tellsARecentDay: Bool {
        self.tokens.indices.contains { index in
            CalendarDate.weekdayNames[self.tokens[index].text] != nil || self.lexicon.cueLength(.time, in: self.tokens, at: index) != nil
        }
    }

    /// Parts of a year: "the summer of 2012", "the end of 2015".
    static let periodNouns: Set<String> = [
        "summer", "spring", "autumn", "fall", "winter", "end", "beginning", "start", "middle", "half", "course",
    ]

    /// Why the whole sentence is background rather than news: history ("in 2014", "years ago") or
    /// a status summary ("all but", "except").
    func background(published: CalendarDate?) -> String? {
        for index in self.tokens.indices {
            if let length = self.lexicon.cueLength(.history, in: self.tokens, at: index) {
                return "background: \"\(self.source(index..<(index + length)))\""
            }
            let token = self.tokens[index]
            // Byte counts: the years and decades read below are ASCII digits.
            if token.text.utf8.count == 5, token.text.hasSuffix("s"), let decade = Int(token.text.dropLast()), (1900...2090).contains(decade),
                let previous = self.word(index - 1), ["in", "since", "during", "the"].contains(previous)
            {
                return "background: \"\(self.source(index..<(index + 1)))\""
            }
            if token.kind == .number, token.text.utf8.count == 4, let year = Int(token.text), (1900...2100).contains(year),
                var previous = self.word(index - 1)
            {
                // "in 2014", "in November 2016"; a sentence that also tells a recent day ("On Sunday X
                // retook the town, which Y took in April 2016") is news about that day.
                if CalendarDate.monthNames[previous] != nil, let before = self.word(index - 2) {
                    guard !self.tellsARecentDay else { continue }
                    previous = before
                } else if previous == "of", let period = self.word(index - 2), Self.periodNouns.contains(period) {
                    // "in the summer of 2012", "since the end of 2015"
                    guard !self.tellsARecentDay else { continue }
                    var cursor = index - 3
                    while let word = self.word(cursor), word == "the" || word == "early" || word == "late" { cursor -= 1 }
                    previous = self.word(cursor) ?? previous
                }
                guard previous == "in" || previous == "since" else { continue }
                if published == nil || year < published!.year { return "background: \"\(previous) \(year)\"" }
            }
        }
        return nil
    }
}
