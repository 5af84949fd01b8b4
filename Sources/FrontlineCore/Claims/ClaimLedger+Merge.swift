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
        // Candidates: claims naming one of the mention's places or areas, and the story's claims.
        var candidates = Set(mention.locationKeys.flatMap { self.claimsAt[$0] ?? [] })
        candidates.formUnion(own)
        for member in storyMembers { candidates.formUnion(self.articles[member]?.record.claims ?? []) }
        let members = Set(storyMembers)
        for id in candidates.sorted(by: { self.claimPosition[$0]! < self.claimPosition[$1]! }) {
            guard var claim = self.claims[id], self.isSameEvent(mention, claim, storyMembers: members) else { continue }
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
        let id = "c_\(article.id.prefix(12))_\(index)"
        let claim = Claim(
            id: id, kind: mention.kind, claimant: mention.claimant, opponent: mention.opponent, places: mention.places,
            areas: mention.areas, eventDate: mention.eventDate, firstSeen: now, attributedTo: mention.attributedTo,
            hedged: mention.hedged, status: .new, sources: [source], independentSources: 1, evidence: mention.evidence,
            extractor: mention.extractor)
        return (claim, true)
    }

    func isSameEvent(_ mention: ClaimMention, _ claim: Claim, storyMembers: Set<String>) -> Bool {
        guard let claimant = mention.claimant, claimant.key == claim.claimant?.key,
            mention.kind.identityClass == claim.kind.identityClass,
            self.datesAreCompatible(mention.eventDate, claim.eventDate)
        else { return false }
        if !mention.locationKeys.isDisjoint(with: claim.locationKeys) { return true }
        return claim.sources.contains { storyMembers.contains($0.article) }
    }

    /// Within the date window, or one of them unknown.
    func datesAreCompatible(_ a: String?, _ b: String?) -> Bool {
        guard let a = a.flatMap(CalendarDate.init(iso:)), let b = b.flatMap(CalendarDate.init(iso:)) else { return true }
        return abs(a.dayNumber - b.dayNumber) <= self.configuration.dateWindowDays
    }

    /// Whether two claims about a shared place in the date window cannot both be right: a denial or
    /// an ongoing fight against a change of control (unless it is the denier's own capture), or two
    /// different known actors each taking it.
    func contests(_ a: Claim, _ b: Claim) -> Bool {
        guard a.id != b.id, a.status != .withdrawn, b.status != .withdrawn,
            !a.locationKeys.isDisjoint(with: b.locationKeys), self.datesAreCompatible(a.eventDate, b.eventDate)
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
        guard a.kind.identityClass == "control", b.kind.identityClass == "control",
            let x = a.claimant?.key, let y = b.claimant?.key
        else { return false }
        return x != y
    }

    /// Links every claim in `ids` with the claims it contests: both list each other and become
    /// `contested`.
    mutating func settleContests(of ids: [String], changes: inout ClaimChanges) {
        for id in ids {
            guard let claim = self.claims[id] else { continue }
            let nearby = Set(claim.locationKeys.flatMap { self.claimsAt[$0] ?? [] })
            for otherID in nearby.sorted(by: { self.claimPosition[$0]! < self.claimPosition[$1]! }) {
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
