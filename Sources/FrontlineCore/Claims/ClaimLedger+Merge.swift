/// Claim identity (DESIGN.md "Claim identity"), contests and the choice of a story's original.
extension ClaimLedger {
    /// Merges a mention into the first claim it is the same event as, or starts a new claim.
    /// - Parameters:
    ///   - storyMembers: the article's story (its original and every copy and rewrite).
    ///   - own: claims this article already gave, which count as part of its story.
    func merge(
        _ mention: ClaimMention, from article: ArticleRecord, index: Int, storyMembers: [String], own: [String],
        now: String
    ) -> (Claim, Bool) {
        let source = self.source(for: article.id) ?? ClaimSource(
            article: article.id, file: article.file, outlet: article.outlet, published: article.published,
            syndicatedFrom: article.syndicatedFrom, derivedFrom: article.derivedFrom)
        // Candidates: the claims of the article's story first, so a copy's mention joins the claim
        // its original's did; then claims naming one of the mention's places or areas. Oldest first.
        // The story rule links an article to its original and copies, not two of its own mentions.
        let members = Set(storyMembers).subtracting([article.id])
        let storyClaims = Set(members.flatMap { self.articles[$0]?.record.claims ?? [] })
        var candidates = Set(mention.locationKeys.flatMap { self.claimsAt[$0] ?? [] })
        candidates.formUnion(own)
        candidates.formUnion(storyClaims)
        // Each candidate's sort key is looked up once, not at every comparison.
        let ordered = candidates.map { (story: storyClaims.contains($0) ? 0 : 1, position: self.claimPosition[$0]!, id: $0) }
            .sorted { ($0.story, $0.position) < ($1.story, $1.position) }.map(\.id)
        var best: (rank: Int, id: String)?
        for id in ordered {
            guard let claim = self.claims[id], let rank = self.sameEventRank(mention, from: article, claim, storyMembers: members),
                rank < best?.rank ?? .max
            else { continue }
            best = (rank, id)
            if rank == 0 { break }
        }
        // A claim an analyst merged into another hands its mentions on to that one.
        var chosen = best?.id
        var hops = 0
        while let id = chosen, let into = self.claims[id]?.mergedInto, hops < 64 {
            chosen = into
            hops += 1
        }
        if let chosen, var claim = self.claims[chosen] {
            if !claim.sources.contains(where: { $0.article == article.id }) { claim.sources.append(source) }
            for evidence in mention.evidence where !claim.evidence.contains(evidence) { claim.evidence.append(evidence) }
            for place in mention.places where !claim.places.contains(where: { $0.key == place.key }) {
                claim.places.append(place)
            }
            for area in mention.areas where !claim.areas.contains(where: { $0.key == area.key }) {
                claim.areas.append(area)
            }
            if claim.eventDate == nil { claim.eventDate = mention.eventDate }
            if claim.opponent == nil { claim.opponent = mention.opponent }
            if claim.attributedTo == nil { claim.attributedTo = mention.attributedTo }
            claim.independentSources = Self.independentSources(claim.sources)
            if claim.status == .withdrawn { claim.status = .new }
            if claim.status == .new, claim.independentSources >= 2 { claim.status = .corroborated }
            return (claim, false)
        }
        // 12 hex digits of the article id; more in the rare case another article shares them.
        var width = 12
        var id = "c_\(article.id.prefix(width))_\(index)"
        while self.claims[id] != nil, width < article.id.count {
            width += 4
            id = "c_\(article.id.prefix(width))_\(index)"
        }
        let claim = Claim(
            id: id, kind: mention.kind, claimant: mention.claimant, opponent: mention.opponent, places: mention.places,
            areas: mention.areas, eventDate: mention.eventDate, firstSeen: now, attributedTo: mention.attributedTo,
            hedged: mention.hedged, status: .new, sources: [source], independentSources: 1, evidence: mention.evidence,
            extractor: mention.extractor)
        return (claim, true)
    }

    /// Claim ids in the order the claims were first recorded.
    func oldestFirst(_ ids: Set<String>) -> [String] {
        ids.map { (position: self.claimPosition[$0]!, id: $0) }.sorted { $0.position < $1.position }.map(\.id)
    }

    /// Whether a mention is the same event as a claim, and how surely (lower is surer): 0, they
    /// share a named place or an anchored area; 1, a story member gave the claim from the very same
    /// sentence (a copy's matching mention); 2, from a sentence with most of the same words (a
    /// rewrite's); 3, a story member gave it, worded differently, and no two different named
    /// places tell them apart. `nil`: a different event.
    func sameEventRank(_ mention: ClaimMention, from article: ArticleRecord, _ claim: Claim, storyMembers: Set<String>) -> Int? {
        // An unknown claimant ("Manbij was captured") is the same unknown in a copy of the story.
        guard mention.claimant?.key == claim.claimant?.key,
            mention.kind.identityClass == claim.kind.identityClass,
            self.isInWindow(mention.eventDate ?? article.published, of: claim)
        else { return nil }
        if !mention.locationKeys.isDisjoint(with: claim.locationKeys) { return 0 }
        // Two different named places are two claims even in look-alike dispatches ("X denied that Y
        // had captured Z" for each Z).
        let named = Set(mention.places.map(\.key))
        let claimNamed = Set(claim.places.map(\.key))
        // An article that repeats a sentence (pages that print the lead twice) tells one claim.
        let repeated = mention.evidence.contains { mine in
            claim.evidence.contains {
                $0.article == article.id && $0.start != mine.start && $0.sentence.trimmingSpaces() == mine.sentence.trimmingSpaces()
            }
        }
        if repeated, named == claimNamed { return 1 }
        guard named.isEmpty || claimNamed.isEmpty, claim.sources.contains(where: { storyMembers.contains($0.article) })
        else { return nil }
        let sentences = Set(mention.evidence.map { $0.sentence.trimmingSpaces() })
        let storyEvidence = claim.evidence.filter { storyMembers.contains($0.article) }
        if storyEvidence.contains(where: { sentences.contains($0.sentence.trimmingSpaces()) }) { return 1 }
        // A reworded sentence (most of its words kept) before any other claim of the story.
        let words = mention.evidence.map { Self.wordSet($0.sentence) }
        let reworded = storyEvidence.contains { evidence in
            let theirs = Self.wordSet(evidence.sentence)
            return words.contains { mine in
                let union = mine.union(theirs).count
                return union > 0 && Double(mine.intersection(theirs).count) / Double(union) >= Self.rewordedSentenceSimilarity
            }
        }
        return reworded ? 2 : 3
    }

    /// Word-set Jaccard at or above which a story member's sentence is the mention's, reworded.
    static let rewordedSentenceSimilarity = 0.5

    static func wordSet(_ sentence: String) -> Set<Substring> {
        Set(sentence.lowercased().split { !$0.isLetter && !$0.isNumber })
    }

    /// When a claim happened, for the date window: its event date, else its first source's
    /// publication, so an undated "X took Y" is not the same event as one told years apart. `nil`
    /// only when no source is dated either.
    static func date(of claim: Claim) -> String? {
        claim.eventDate ?? claim.sources.compactMap(\.published).min()
    }

    /// A mention's date against a claim's: its event date when it has one, else any of its sources'
    /// publication dates, so the window of an undated claim does not hang on which source came first.
    func isInWindow(_ date: String?, of claim: Claim) -> Bool {
        if let eventDate = claim.eventDate { return self.datesAreCompatible(date, eventDate) }
        let published = claim.sources.compactMap(\.published)
        return published.isEmpty || published.contains { self.datesAreCompatible(date, $0) }
    }

    /// Within the date window, or one of them unknown.
    func datesAreCompatible(_ a: String?, _ b: String?) -> Bool {
        guard let a = a.flatMap(CalendarDate.init(iso:)), let b = b.flatMap(CalendarDate.init(iso:)) else { return true }
        return abs(a.dayNumber - b.dayNumber) <= self.configuration.dateWindowDays
    }

    /// Whether two claims about a shared place in the date window cannot both be right: a denial or
    /// an ongoing fight against a change of control (unless it is the denier's own capture), or two
    /// different lexicon actors each taking it.
    func contests(_ a: Claim, _ b: Claim) -> Bool {
        guard a.id != b.id, a.status != .withdrawn, b.status != .withdrawn, !a.isCorrectedAway, !b.isCorrectedAway,
            !a.locationKeys.isDisjoint(with: b.locationKeys), self.datesAreCompatible(Self.date(of: a), Self.date(of: b))
        else { return false }
        func counters(_ denial: Claim, _ claim: Claim) -> Bool {
            guard denial.kind == .contested, claim.kind.changesControl else { return false }
            if claim.kind.identityClass == "control", let denier = denial.claimant?.key, denier == claim.claimant?.key {
                return false
            }
            guard let denied = denial.opponent?.key, let claimant = claim.claimant?.key else { return true }
            return denied == claimant || claim.kind == .withdrew
        }
        if counters(a, b) || counters(b, a) { return true }
        // Rival captures only between lexicon actors: "rebels" and "the opposition" may be one side.
        guard a.kind.identityClass == "control", b.kind.identityClass == "control",
            let x = a.claimant?.id, let y = b.claimant?.id
        else { return false }
        return x != y
    }

    /// Links every claim in `ids` with the claims it contests: both list each other and become
    /// `contested`.
    mutating func settleContests(of ids: [String], changes: inout ClaimChanges) {
        for id in ids {
            guard let claim = self.claims[id] else { continue }
            let nearby = Set(claim.locationKeys.flatMap { self.claimsAt[$0] ?? [] })
            for otherID in self.oldestFirst(nearby) {
                guard var mine = self.claims[id], var other = self.claims[otherID], !mine.contestedBy.contains(otherID),
                    self.contests(mine, other)
                else { continue }
                changes.note(id, before: mine)
                changes.note(otherID, before: other)
                mine.contestedBy.append(otherID)
                mine.status = .contested
                other.contestedBy.append(id)
                other.status = .contested
                self.setClaim(mine)
                self.setClaim(other)
            }
        }
    }

    /// A claim's source entry for an article, with its current links.
    func source(for articleID: String) -> ClaimSource? {
        guard let record = self.articles[articleID]?.record else { return nil }
        return ClaimSource(
            article: record.id, file: record.file, outlet: record.outlet, published: record.published,
            syndicatedFrom: record.syndicatedFrom, derivedFrom: record.derivedFrom)
    }

    /// Distinct known outlets among sources that are neither copies nor rewrites. An article whose
    /// outlet is unknown cannot be told apart from a repost, so it adds no outlet; a claim with any
    /// source counts at least one.
    static func independentSources(_ sources: [ClaimSource]) -> Int {
        let outlets = Set(sources.filter { $0.syndicatedFrom == nil && $0.derivedFrom == nil }.compactMap(\.outlet))
        return max(outlets.count, sources.isEmpty ? 0 : 1)
    }

    func isBackfill(_ claim: Claim) -> Bool {
        guard let newest = self.newestPublished else { return false }
        let dates = [claim.eventDate] + claim.sources.map(\.published)
        guard let date = dates.compactMap({ $0.flatMap(CalendarDate.init(iso:)) }).max() else { return false }
        return date.dayNumber < newest.dayNumber - self.configuration.backfillHorizonDays
    }

    /// Earliest publication date wins; a dated article beats an undated one; then original signals;
    /// otherwise the article seen first stays the original.
    func isBetterOriginal(_ candidate: ArticleRecord, than current: ArticleRecord) -> Bool {
        let a = candidate.published.flatMap(CalendarDate.init(iso:))
        let b = current.published.flatMap(CalendarDate.init(iso:))
        switch (a, b) {
        case let (a?, b?): return a < b
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return candidate.hasOriginalSignals && !current.hasOriginalSignals
        }
    }
}
