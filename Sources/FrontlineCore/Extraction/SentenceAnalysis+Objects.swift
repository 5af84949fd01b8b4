/// Reading what a control verb was done to: is its object territory, and which places and areas
/// does it name, known to the gazetteer or not.
extension SentenceAnalysis {
    /// Words that end a bare name: after them the name stood alone, not as an adjective.
    static let nameEnders: Set<String> = [
        "and", "or", "on", "in", "at", "from", "to", "after", "before", "by", "with", "near", "as", "while", "during",
        "following", "amid", "which", "where", "when", "last", "this", "earlier", "late", "early", "since", "until",
        "without", "through", "into", "under", "was", "were", "is", "are", "has", "had", "have", "the", "a", "an",
    ]

    /// Connectors inside a multi-word name ("Dar al Salam", "Ras al-Ain").
    static let nameConnectors: Set<String> = ["al", "el", "de", "du", "la", "le", "ad", "as", "ash", "ar", "an", "bin", "ibn", "abu", "umm"]

    /// A capitalised word, or a name written with a lower-case article ("al-Mazare", "el-Bab").
    func isNameStart(_ index: Int) -> Bool {
        let token = self.tokens[index]
        if token.isCapitalized { return true }
        guard Self.isConnectedPart(token.text),
            let hyphen = self.text[token.start..<token.end].firstIndex(of: UInt8(ascii: "-")), hyphen + 1 < token.end
        else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self.text[hyphen + 1])
    }

    /// "al-adas", "el-bab": a name part that opens with a connector and a hyphen.
    static func isConnectedPart(_ text: String) -> Bool {
        guard let hyphen = text.firstIndex(of: "-"), text.index(after: hyphen) < text.endIndex else { return false }
        return nameConnectors.contains(String(text[..<hyphen]))
    }

    /// The head of the object starting at `start`: the first token after determiners and
    /// adjectives ("the key northern town" → "town"), or `nil` when a preposition or clause end
    /// comes first.
    func objectHead(from start: Int, before end: Int) -> Int? {
        let start = max(start, self.tokens.startIndex)
        let end = min(end, self.tokens.endIndex)
        var index = start
        while index < end, index - start < 12 {
            let token = self.tokens[index]
            if token.kind == .number { index += 1; continue }
            if token.kind == .punctuation { return nil }
            if let actor = self.actors.first(where: { $0.range.lowerBound == index }) {
                // "IS positions", "Free Syrian Army (FSA) camps": an actor naming whose the territory is.
                index = self.bracketEnd(at: actor.range.upperBound) ?? actor.range.upperBound
                continue
            }
            if self.lexicon.cueLength(.feature, in: self.tokens, at: index) != nil { return index }
            if self.places.contains(where: { $0.range.lowerBound == index }) { return index }
            if let owner = self.ownerName(at: index, before: end) {
                index = owner  // "New People's Army (NPA) camps": the name of whose the territory is
                continue
            }
            if token.isCapitalized, index > self.tokens.startIndex || self.lexicon.cueLength(.determiner, in: self.tokens, at: index) == nil {
                // "NPA camps": a name before a territorial noun says whose it is; the noun is the head.
                if self.lexicon.cueLength(.placeSuffix, in: self.tokens, at: index + 1) == nil,
                    self.lexicon.cueLength(.feature, in: self.tokens, at: index + 1) != nil
                {
                    return index + 1
                }
                return index
            }
            if Self.quantifierNouns.contains(token.text), self.word(index + 1) == "of" {
                index += 2  // "most of", "parts of": before the determiner reading of "most", "part"
                continue
            }
            if self.lexicon.cueLength(.determiner, in: self.tokens, at: index) != nil
                || (token.text.contains("-") && Self.isParticipleCompound(token.text))
            {
                index += 1
                continue
            }
            if token.text == "and", self.tokens[safe: index - 1]?.kind == .number, self.tokens[safe: index + 1]?.kind == .number {
                index += 1  // "the 101 102 and 103 gas fields"
                continue
            }
            if token.text == "'s" { index += 1; continue }
            if token.kind == .word, self.lexicon.cueLength(.feature, in: self.tokens, at: index + 1) != nil {
                index += 1  // a noun before the head: "police posts", "army base"
                continue
            }
            if token.text.hasSuffix("ly") || token.text.hasSuffix("ed"),
                self.lexicon.triggerMatcher.longestMatch(in: self.tokens, at: index) == nil
            {
                index += 1  // an adverb or adjective ("strategically located"), not another verb
                continue
            }
            return index
        }
        return nil
    }

    /// Where an owner's name that starts at `index` ends, with its bracketed acronym: a capitalised
    /// run ending in an actor noun ("New People's Army (NPA)", "Free Syrian Army") before more of
    /// the object; `nil` otherwise.
    func ownerName(at index: Int, before end: Int) -> Int? {
        guard self.tokens[index].isCapitalized else { return nil }
        var cursor = index
        var last: Int?
        while cursor < end, cursor - index < 6 {
            let token = self.tokens[cursor]
            if token.isCapitalized, token.kind == .word {
                if self.lexicon.isCue(.actorNoun, token.text) { last = cursor }
            } else if token.text != "'s", !Self.nameConnectors.contains(token.text) {
                break
            }
            cursor += 1
        }
        guard let last else { return nil }
        var after = last + 1
        if let close = self.bracketEnd(at: after) { after = close }
        return after < end ? after : nil
    }

    /// After a short bracketed aside that opens at `index` ("(NPA)", "[Sunday]"): the index past
    /// its closing bracket, or `nil`.
    func bracketEnd(at index: Int) -> Int? {
        guard let open = self.word(index), open == "(" || open == "[" else { return nil }
        let close = open == "(" ? ")" : "]"
        for cursor in (index + 1)..<min(index + 6, self.tokens.endIndex) {
            if self.tokens[cursor].text == close { return cursor + 1 }
            if !self.tokens[cursor].isWord { return nil }
        }
        return nil
    }

    /// The "from" or "out of" that opens where an expulsion's object comes from, within `limit`
    /// tokens after `index`: the preposition's index and the object's start.
    func expulsionSource(after index: Int, within limit: Int) -> (preposition: Int, objectStart: Int)? {
        guard
            let prep = (index..<min(index + limit, self.tokens.endIndex)).first(where: {
                self.word($0) == "from" || (self.word($0) == "out" && self.word($0 + 1) == "of")
            })
        else { return nil }
        return (prep, self.word(prep) == "out" ? prep + 2 : prep + 1)
    }

    /// The offensive noun ("offensive", "operation", "a new front") starting at `index`, if any.
    func offensiveNounMatch(at index: Int) -> Range<Int>? {
        self.lexicon.triggerMatcher.longestMatch(in: self.tokens, at: index, accept: { trigger, _ in
            trigger.frame == .offensiveNoun
        })?.range
    }

    /// The offensive noun an offensive verb governs: within six words after it, inside its clause
    /// ("launched a major new ground offensive", "opened a new front").
    func offensiveNoun(after verbEnd: Int) -> Range<Int>? {
        let limit = min(verbEnd + 6, self.scopeEnd(from: verbEnd))
        return (verbEnd..<max(verbEnd, limit)).lazy.compactMap { self.offensiveNounMatch(at: $0) }.first
    }

    /// The offensive noun an offensive verb follows as its subject or in a reduced relative: "an
    /// operation launched on Friday", "the offensive, which began on Sunday", "the assault that was
    /// launched". Nil when the verb has an object of its own.
    func offensiveNoun(endingBefore verbStart: Int) -> Range<Int>? {
        var end = verbStart
        while end > self.tokens.startIndex, verbStart - end < 3,
            let word = self.word(end - 1), ["that", "which", "was", "were", "had", "has", "been", ","].contains(word)
        {
            end -= 1
        }
        for start in max(self.tokens.startIndex, end - 2)..<end {
            if let noun = self.offensiveNounMatch(at: start), noun.upperBound == end,
                self.lexicon.cueLength(.raidNoun, in: self.tokens, at: start) == nil
            {
                return noun
            }
        }
        return nil
    }

    /// Whether an offensive's target may be a bare name: right after "to" ("an offensive to retake
    /// Khalasa"), "on" or "against" ("an assault on Marka").
    func offensiveNamesItsTarget(at index: Int) -> Bool {
        ["to", "on", "against"].contains(self.word(index) ?? "")
    }

    /// Words that open an offensive's aim or target after its verb when the noun came first ("an
    /// operation launched on Friday to seize…", "an offensive that began against…"); without one,
    /// what follows is another clause ("After their offensive began, X took Y").
    static let offensiveAimOpeners: Set<String> = ["to", "on", "against", "aimed", "targeting", "toward", "towards", "into", "with"]

    /// Where the noun phrase ending in the noun at `noun` starts: back over adjectives and owners to
    /// its determiner ("an abortive army offensive" starts at "an").
    func nounPhraseStart(before noun: Int) -> Int {
        var start = noun
        while start - 1 >= self.tokens.startIndex, noun - start < 5, let word = self.word(start - 1), self.tokens[start - 1].isWord {
            start -= 1
            if ["a", "an", "the", "its", "their", "his", "her"].contains(word) { break }
        }
        return start
    }

    /// The actor inside an offensive's noun phrase: "an abortive army offensive", "the rebels'
    /// assault", or an `owner-noun` right before it ("a government offensive").
    func owner(ofNounAt noun: Int) -> ActorSpan? {
        let start = self.nounPhraseStart(before: noun)
        guard start < noun else { return nil }
        return self.actors(in: start..<noun).first ?? self.genericActors(in: start..<noun, governed: true).last
            ?? (self.lexicon.isCue(.ownerNoun, self.word(noun - 1) ?? "")
                ? ActorSpan(range: (noun - 1)..<noun, actor: ActorRef(id: nil, name: self.source((noun - 1)..<noun))) : nil)
    }

    /// "drove them out of", "pushed it back from": a pronoun stands for what was driven out.
    func hasObjectPronoun(in range: Range<Int>) -> Bool {
        range.contains { ["them", "it", "him"].contains(self.word($0) ?? "") || self.lexicon.isCue(.pronoun, self.word($0) ?? "") }
    }

    /// Past time adverbs and short bracketed asides after a verb ("withdrew today [Sunday] from",
    /// "pulled out on Monday from"): the index of the first word after them.
    func skippingAdjuncts(from index: Int) -> Int {
        var cursor = index
        while cursor < self.tokens.endIndex {
            if let length = self.lexicon.cueLength(.time, in: self.tokens, at: cursor) {
                cursor += length
            } else if let close = self.bracketEnd(at: cursor) {
                cursor = close
            } else if self.word(cursor) == "on" || self.word(cursor) == "last", let day = self.word(cursor + 1),
                CalendarDate.weekdayNames[day] != nil
            {
                cursor += 2
            } else if let day = self.word(cursor), CalendarDate.weekdayNames[day] != nil, self.tokens[cursor].isCapitalized {
                cursor += 1
            } else if self.word(cursor) == "on" || self.word(cursor) == "in", let month = self.word(cursor + 1),
                CalendarDate.monthNames[month] != nil
            {
                // "on June 3", "in November 2016"
                cursor += 2
                while cursor < self.tokens.endIndex, self.tokens[cursor].kind == .number { cursor += 1 }
            } else {
                return cursor
            }
        }
        return cursor
    }

    /// "rebel-held", "Kurdish-controlled", "Iran-backed": a compound adjective, not a name.
    static func isParticipleCompound(_ text: String) -> Bool {
        guard let last = text.split(separator: "-").last else { return false }
        return last.hasSuffix("ed") || ["held", "led", "run", "built", "made"].contains(last)
    }

    /// Quantities of ground: after "most of", "parts of", "3 kilometres of", what is named is
    /// territory, so a bare name there is a place ("captured most of Qalamun").
    static let territorialQuantifiers: Set<String> = [
        "most", "much", "part", "parts", "rest", "remainder", "outskirts", "centre", "center", "heart", "edge", "swathe",
        "swathes", "swath", "stretch", "tract", "strip", "belt", "whole", "all", "kilometres", "kilometers", "km", "miles",
    ]

    /// The head of the object in `range` comes right after a territorial quantifier and "of".
    func headFollowsQuantifier(_ range: Range<Int>) -> Bool {
        guard let head = self.objectHead(from: range.lowerBound, before: range.upperBound) else { return false }
        return self.follows(quantifierOf: head, from: range.lowerBound)
    }

    /// The head at `head` comes right after a territorial quantifier and "of", within the object
    /// starting at `start`.
    func follows(quantifierOf head: Int, from start: Int) -> Bool {
        var of = head - 1
        while of > start, self.lexicon.cueLength(.determiner, in: self.tokens, at: of) != nil { of -= 1 }
        return self.word(of) == "of" && Self.territorialQuantifiers.contains(self.word(of - 1) ?? "")
    }

    /// Whether the object of a direct control verb is territory, per the trigger's object rule.
    func objectIsTerritory(_ range: Range<Int>, rule: Trigger.Object) -> Bool {
        if rule == .locative {
            guard let first = self.word(range.lowerBound),
                ["in", "inside", "near", "around", "on", "at", "into", "across", "towards", "toward"].contains(first)
            else { return false }
            return !self.places(in: range).isEmpty || !self.namedPlaces(in: range, allowBare: true).isEmpty
        }
        guard let head = self.objectHead(from: range.lowerBound, before: range.upperBound) else { return false }
        if self.places.contains(where: { $0.range.lowerBound == head }) { return true }
        if self.lexicon.cueLength(.feature, in: self.tokens, at: head) != nil { return true }
        let bare = rule == .named || self.follows(quantifierOf: head, from: range.lowerBound)
        guard let named = self.namedPlaces(in: head..<range.upperBound, allowBare: bare).first,
            named.range.lowerBound == head
        else { return false }
        // "won back Zaalaneh and Um Ta priests": a name joined to people is a person.
        return !self.conjunctNamesPeople(after: named.range.upperBound, before: range.upperBound)
    }

    /// A conjunct after a bare name ends in a common noun that is not territory ("… and two priests").
    func conjunctNamesPeople(after start: Int, before end: Int) -> Bool {
        var index = start
        while index < end {
            guard self.word(index) == "and" || self.word(index) == "," else { return false }
            var cursor = index + 1
            while cursor < end, self.tokens[cursor].isWord, !Self.nameEnders.contains(self.tokens[cursor].text) { cursor += 1 }
            guard cursor > index + 1 else { return false }
            let last = self.tokens[cursor - 1]
            if !last.isCapitalized, last.kind == .word, self.lexicon.cueLength(.feature, in: self.tokens, at: cursor - 1) == nil,
                !Self.nameEnders.contains(last.text)
            {
                return true
            }
            index = cursor
        }
        return false
    }

    /// Capitalised names in `range` that the gazetteer lacks but the text marks as places: a name
    /// with a place word after it ("Ghormach district", "Mazar Valley"), or with `allowBare`, a name
    /// standing alone ("retook Marka on Monday"). Actors, dates and adjectives ("Syrian
    /// positions") are not names.
    func namedPlaces(in range: Range<Int>, allowBare: Bool) -> [PlaceSpan] {
        var found: [PlaceSpan] = []
        let range = range.clamped(to: self.tokens.startIndex..<self.tokens.endIndex)
        var index = range.lowerBound
        while index < range.upperBound {
            let token = self.tokens[index]
            guard self.isNameStart(index), token.kind == .word, index > self.tokens.startIndex || allowBare,
                !self.isNamedElsewhere(index)
            else {
                index += 1
                continue
            }
            var end = index + 1
            while end < range.upperBound {
                let next = self.tokens[end]
                if next.isCapitalized, next.kind == .word, !self.isNamedElsewhere(end) {
                    end += 1
                } else if Self.nameConnectors.contains(next.text), end + 1 < range.upperBound, self.tokens[end + 1].isCapitalized {
                    end += 1
                } else if Self.isConnectedPart(next.text) {
                    end += 1  // "Deir al-Adas", "Ras al-Ain": a hyphened lower-case article joins the name
                } else {
                    break
                }
            }
            if end - 1 > index, self.lexicon.cueLength(.placeSuffix, in: self.tokens, at: end - 1) == 1 {
                end -= 1  // "Rajm al Sheikh Region": a capitalised place word after the name is its suffix
            }
            defer { index = end }
            if Self.isParticipleCompound(token.text) { continue }
            let nameRange = index..<end
            let after = self.word(end)
            if let suffix = self.lexicon.cueLength(.placeSuffix, in: self.tokens, at: end), self.word(end + suffix) != "of",
                !(nameRange.count == 1 && ["territory", "territories"].contains(self.word(end) ?? ""))  // "Iraqi territory"
            {
                let span = index..<(end + suffix)
                found.append(PlaceSpan(range: span, place: PlaceRef(name: self.source(nameRange), mention: self.source(span))))
                continue
            }
            guard allowBare else { continue }
            if let after, self.tokens[end].kind != .punctuation, !Self.nameEnders.contains(after),
                CalendarDate.weekdayNames[after] == nil, CalendarDate.monthNames[after] == nil,
                self.lexicon.cueLength(.time, in: self.tokens, at: end) == nil
            {
                continue  // an adjective: "Syrian positions", "Kurdish fighters"
            }
            if after == "'s" || self.looksLikePerson(nameRange) || self.looksLikeNationality(nameRange) { continue }
            if nameRange.count == 1, token.text.count < 2 { continue }  // "U" of "U.S.-led"
            // "(NPA)": an acronym in brackets abbreviates the name before it.
            if after == ")", self.word(index - 1) == "(", self.tokens[nameRange].allSatisfy(\.isAllCaps) { continue }
            found.append(PlaceSpan(range: nameRange, place: PlaceRef(name: self.source(nameRange), mention: self.source(nameRange))))
        }
        return found
    }

    /// Titles before a person's name, and words that describe a person after "NAME, a …".
    static let personWords: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "sgt",
        "commander", "leader", "chief", "president", "minister", "sheikh", "emir", "imam", "mullah", "king", "prince",
        "governor", "mayor", "senator", "judge", "journalist", "reporter", "priest", "bishop", "pastor", "member",
        "spokesman", "official", "head", "deputy", "founder", "son", "daughter", "brother", "wife", "husband",
    ]

    /// "Gen. Ali Hassan", "Abu Omar, a commander": a bare name that names a person.
    func looksLikePerson(_ range: Range<Int>) -> Bool {
        var before = range.lowerBound - 1
        if self.word(before) == "." { before -= 1 }
        if let title = self.word(before), Self.personWords.contains(title) { return true }
        if self.tokens[range].contains(where: { Self.personWords.contains($0.text) }) { return true }
        if self.word(range.upperBound) == ",", let next = self.word(range.upperBound + 1), ["a", "an", "the", "who", "whose"].contains(next) {
            let window = (range.upperBound + 1)..<min(range.upperBound + 6, self.tokens.endIndex)
            return next == "who" || next == "whose" || window.contains { Self.personWords.contains(self.tokens[$0].text) }
        }
        return false
    }

    /// "Syrian", "Lebanese", "Kurdish": one word naming a people, used without its noun.
    func looksLikeNationality(_ range: Range<Int>) -> Bool {
        guard range.count == 1 else { return false }
        let text = self.tokens[range.lowerBound].text
        return ["ian", "ean", "ese", "ish"].contains { text.hasSuffix($0) }
    }

    /// The token is part of an actor, a known place, a weekday, a month or a title.
    func isNamedElsewhere(_ index: Int) -> Bool {
        let text = self.tokens[index].text
        return self.actors.contains { $0.range.contains(index) } || self.places.contains { $0.range.contains(index) }
            || CalendarDate.weekdayNames[text] != nil || CalendarDate.monthNames[text] != nil
            || self.lexicon.isCue(.actorNoun, text) || self.lexicon.isCue(.speaker, text)
    }

    /// Territorial nouns in the object that stand as objects themselves ("a central town and
    /// adjacent villages", "positions"), not after a preposition ("weapons in the area").
    func featureAreas(in range: Range<Int>, after anchored: [Range<Int>]) -> [Area] {
        var areas: [Area] = []
        var index = range.lowerBound
        var expectHead = true
        while index < range.upperBound {
            if anchored.contains(where: { $0.contains(index) }) {
                index += 1
                continue
            }
            if expectHead, let head = self.objectHead(from: index, before: range.upperBound),
                let cue = self.lexicon.cueValue(.feature, in: self.tokens, at: head)
            {
                var end = head + cue.length
                // "villages west of Mosul" is an anchored area, read by `areas(in:)`.
                if self.lexicon.cueLength(.direction, in: self.tokens, at: end) != nil
                    || self.lexicon.cueLength(.relation, in: self.tokens, at: end) != nil
                {
                    index = end
                    expectHead = false
                    continue
                }
                // "the town of Dabiq" names a place: the name is the claim, not "the town".
                if self.word(end) == "of", self.places.contains(where: { $0.range.lowerBound == end + 1 })
                    || self.namedPlaces(in: (end + 1)..<range.upperBound, allowBare: true).first?.range.lowerBound == end + 1
                {
                    index = end
                    expectHead = false
                    continue
                }
                while end < range.upperBound, self.word(end) == "in" || self.word(end) == "of",
                    let next = self.tokens[safe: end + 1], next.isCapitalized || next.text == "the"
                {
                    var cursor = end + 1
                    while cursor < range.upperBound, self.tokens[cursor].isWord, self.tokens[cursor].isCapitalized || self.tokens[cursor].text == "the" {
                        cursor += 1
                    }
                    if let suffix = self.lexicon.cueLength(.placeSuffix, in: self.tokens, at: cursor) { cursor += suffix }
                    // "a key road junction in the south": the area ends before a phrase naming nothing.
                    guard self.tokens[cursor - 1].isCapitalized || self.lexicon.cueLength(.placeSuffix, in: self.tokens, at: cursor - 1) != nil
                    else { break }
                    end = cursor
                }
                areas.append(
                    Area(text: self.source(index..<end), anchor: nil, anchorID: nil, direction: nil, relation: nil, feature: cue.value))
                index = end
                expectHead = false
                continue
            }
            let word = self.tokens[index].text
            expectHead = word == "and" || word == "," || word == "as" || word == "well"
            index += 1
        }
        return areas
    }
}

extension SentenceAnalysis {
    /// The place a withdrawal's pronoun or relative clause points back to: "withdrew from it",
    /// "withdrew from there", "X, from which Y withdrew".
    func antecedentPlace(forObjectAt objectStart: Int, verbAt verb: Int) -> PlaceSpan? {
        var before = verb
        if let pronoun = self.word(objectStart), pronoun == "it" || pronoun == "there" {
            before = verb
        } else if let which = (max(self.tokens.startIndex, verb - 12)..<verb).last(where: { self.word($0) == "which" }),
            self.word(which - 1) == "from"
        {
            before = which - 1
        } else {
            return nil
        }
        let range = self.tokens.startIndex..<before
        let known = self.places(in: range).last
        let named = self.namedPlaces(in: range, allowBare: true).last
        switch (known, named) {
        case (let known?, let named?): return known.range.lowerBound > named.range.lowerBound ? known : named
        case (let known?, nil): return known
        case (nil, let named?): return named
        case (nil, nil): return nil
        }
    }
}

extension ArraySlice {
    subscript(safe index: Int) -> Element? {
        index >= self.startIndex && index < self.endIndex ? self[index] : nil
    }
}
