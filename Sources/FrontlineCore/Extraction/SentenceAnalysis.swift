/// The actors and places found in one sentence, with helpers to read the words around a trigger.
struct SentenceAnalysis {
    struct ActorSpan {
        var range: Range<Int>
        var actor: ActorRef
    }

    struct PlaceSpan {
        var range: Range<Int>
        var place: PlaceRef
    }

    let sentence: Sentence
    let lexicon: Lexicon
    let text: [UInt8]
    var tokens: ArraySlice<Token> { self.sentence.tokens }
    private(set) var actors: [ActorSpan] = []
    private(set) var places: [PlaceSpan] = []

    init(sentence: Sentence, lexicon: Lexicon, text: [UInt8]) {
        self.sentence = sentence
        self.lexicon = lexicon
        self.text = text
        self.actors = self.findActors()
        self.places = self.findPlaces()
    }

    func source(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: self.text[self.tokens[range.lowerBound].start..<self.tokens[range.upperBound - 1].end], as: UTF8.self)
    }

    func word(_ index: Int) -> String? {
        index >= self.tokens.startIndex && index < self.tokens.endIndex ? self.tokens[index].text : nil
    }

    private func findActors() -> [ActorSpan] {
        self.lexicon.actorMatcher.matches(in: self.tokens) { alias, slice in
            if alias.capsOnly { return slice.allSatisfy { !$0.isWord || $0.isAllCaps } }
            return slice.contains { $0.isCapitalized }
        }.compactMap { match in
            guard let entry = self.lexicon.actors[match.values[0].actorID] else { return nil }
            return ActorSpan(range: match.range, actor: ActorRef(id: entry.id, name: entry.name))
        }
    }

    private func findPlaces() -> [PlaceSpan] {
        var spans: [PlaceSpan] = []
        let gazetteerMatches = self.lexicon.placeMatcher.matches(in: self.tokens) { _, slice in
            slice.first?.isCapitalized == true
        }
        for match in gazetteerMatches {
            if self.actors.contains(where: { $0.range.overlaps(match.range) }) { continue }
            guard let entry = self.lexicon.gazetteer[match.values[0].gazetteerID] else { continue }
            spans.append(
                PlaceSpan(
                    range: match.range,
                    place: PlaceRef(
                        name: entry.name, mention: self.source(match.range), gazetteerID: entry.id, lat: entry.lat,
                        lon: entry.lon, country: entry.country)))
        }
        // "the town of Tal Abyad": a capitalised name after a place prefix, even if the gazetteer lacks it.
        var index = self.tokens.startIndex
        while index < self.tokens.endIndex {
            if let length = self.lexicon.cueLength(.placePrefix, in: self.tokens, at: index) {
                let nameStart = index + length
                var nameEnd = nameStart
                while nameEnd < self.tokens.endIndex, nameEnd - nameStart < 4,
                    self.tokens[nameEnd].isCapitalized || (nameEnd > nameStart && Self.isConnectedPart(self.tokens[nameEnd].text))
                {
                    nameEnd += 1
                }
                let range = nameStart..<nameEnd
                if !range.isEmpty, !spans.contains(where: { $0.range.overlaps(range) }),
                    !self.actors.contains(where: { $0.range.overlaps(range) })
                {
                    let name = self.source(range)
                    spans.append(PlaceSpan(range: range, place: PlaceRef(name: name, mention: name)))
                }
                index = max(nameEnd, index + 1)
                continue
            }
            index += 1
        }
        return spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The token at `index` is part of a known actor's name ("IS" is no "is").
    func isInActor(_ index: Int) -> Bool {
        self.actors.contains { $0.range.contains(index) }
    }

    func places(in range: Range<Int>) -> [PlaceSpan] {
        self.places.filter { range.contains($0.range.lowerBound) }
    }

    func actors(in range: Range<Int>) -> [ActorSpan] {
        self.actors.filter { range.contains($0.range.lowerBound) }
    }

    /// Where the object of a verb starting at `start` ends: a clause boundary word, a parenthesis,
    /// a dash, a distance ("about 100 km west of…"), or a comma that does not continue a list.
    func scopeEnd(from start: Int) -> Int {
        var index = start
        while index < self.tokens.endIndex {
            let token = self.tokens[index]
            if token.kind == .punctuation {
                if let close = self.bracketEnd(at: index), index > start {
                    index = close  // "two New People's Army (NPA) camps": a short aside, stepped over
                    continue
                }
                switch token.text {
                case ";", ":", "(", ")", "-", "\"", ".", "!", "?":
                    return index
                case ",":
                    let next = self.word(index + 1)
                    if next == "which" || next == "including" || next == "and" { break }
                    if self.places.contains(where: { $0.range.lowerBound == index + 1 }) { break }
                    return index
                default:
                    break
                }
            } else if token.kind == .number, index > start,
                self.word(index + 1) == "km" || self.word(index + 1) == "kilometres" || self.word(index + 1) == "miles"
                    || self.word(index + 1) == "kilometers"
            {
                var end = index
                if let previous = self.word(index - 1), ["about", "some", "around", "roughly", "nearly"].contains(previous) {
                    end -= 1
                }
                return end
            } else if index > start, self.lexicon.cueLength(.boundary, in: self.tokens, at: index) != nil {
                return index
            }
            index += 1
        }
        return index
    }

    /// The clause start before `index`: after the last comma, dash, bracket, colon or quote (with
    /// `overParentheses`, a whole "( … )" is stepped over instead of ending the clause).
    func clauseStart(before index: Int, overParentheses: Bool = false) -> Int {
        var cursor = index - 1
        while cursor >= self.tokens.startIndex {
            let text = self.tokens[cursor].text
            if overParentheses, text == ")", let open = (self.tokens.startIndex..<cursor).last(where: { self.tokens[$0].text == "(" }) {
                cursor = open - 1  // "The Syrian Democratic Forces (SDF) killed…": the aside does not end the clause
                continue
            }
            if self.tokens[cursor].kind == .punctuation, [",", "-", "(", ")", ";", ":", "\""].contains(text) {
                return cursor + 1
            }
            if text == "that" { return cursor + 1 }
            cursor -= 1
        }
        return self.tokens.startIndex
    }
}
