/// Claim identity (DESIGN.md "Claim identity") and syndication lookups.
extension ClaimLedger {
    /// Merges a mention into the first claim it is the same event as, or starts a new claim.
    /// - Parameter storyMembers: the article's story (its original and every copy and rewrite).
    func merge(
        _ mention: ClaimMention, from article: ArticleRecord, index: Int, storyMembers: Set<String>, now: String
    ) -> (Claim, Bool) {
        let source = self.source(for: article.id) ?? ClaimSource(
            article: article.id, file: article.file, outlet: article.outlet, published: article.published,
            syndicatedFrom: article.syndicatedFrom, derivedFrom: article.derivedFrom)
        for id in self.claimOrder {
            guard var claim = self.claims[id], self.isSameEvent(mention, claim, storyMembers: storyMembers) else { continue }
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
            mention.kind.identityClass == claim.kind.identityClass
        else { return false }
        if let a = mention.eventDate.flatMap(CalendarDate.init(iso:)),
            let b = claim.eventDate.flatMap(CalendarDate.init(iso:)),
            abs(a.dayNumber - b.dayNumber) > self.configuration.dateWindowDays
        {
            return false
        }
        if !mention.locationKeys.isDisjoint(with: claim.locationKeys) { return true }
        return claim.sources.contains { storyMembers.contains($0.article) }
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

    /// The most similar earlier article above the rewrite threshold (the first of equals).
    /// A linear scan over flat memory; the syndication issue replaces it with an index.
    func closestArticle(to signature: MinHashSignature) -> (String, Double)? {
        let width = MinHashSignature.size
        let probe = Self.signatureRow(signature)
        guard probe[0] != .max else { return nil }
        let needed = Int((self.configuration.rewriteSimilarity * Double(width)).rounded(.up))
        var best: (index: Int, equal: Int)?
        self.signatureMatrix.withUnsafeBufferPointer { matrix in
            probe.withUnsafeBufferPointer { probe in
                var row = 0
                while row * width < matrix.count {
                    let base = row * width
                    var equal = 0
                    for i in 0..<width where matrix[base + i] == probe[i] { equal += 1 }
                    if equal >= needed, matrix[base] != .max, equal > (best?.equal ?? -1) { best = (row, equal) }
                    row += 1
                }
            }
        }
        guard let best else { return nil }
        return (self.articleOrder[best.index], Double(best.equal) / Double(width))
    }

    /// A signature as one row of ``signatureMatrix``: exactly `size` values (an empty text's
    /// signature becomes a row of `.max`, which matches nothing).
    static func signatureRow(_ signature: MinHashSignature) -> [UInt64] {
        let width = MinHashSignature.size
        guard signature.values.count == width else { return Array(repeating: .max, count: width) }
        return signature.values
    }

    /// The original at the root of an article's story.
    func root(of articleID: String) -> String {
        var current = articleID
        var seen: Set<String> = []
        while let record = self.articles[current]?.record, let parent = record.syndicatedFrom ?? record.derivedFrom,
            !seen.contains(parent)
        {
            seen.insert(current)
            current = parent
        }
        return current
    }

    /// The original and every article linked to it.
    func story(of root: String) -> Set<String> {
        var members: Set<String> = [root]
        for id in self.articleOrder where self.root(of: id) == root { members.insert(id) }
        return members
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
