/// Re-extraction of a stored article (`frontlinectl reprocess`): what it adds and withdraws.
extension ClaimLedger {
    /// Compares a new extraction of an article already in the ledger with the claims it supports,
    /// and returns the differences as log events (already applied to this ledger); empty when the
    /// new lexicons read the article the same way.
    ///
    /// A new mention is the same as one the article gave before when a claim it supports has the
    /// same kind class and claimant and rests on the same sentence of this article. Other mentions
    /// are added (merged into claims by ``merge`` like any mention, so they may raise `claim.new`,
    /// subject to the backfill horizon); supported claims no mention matches any more lose this
    /// article from their sources and evidence, and a claim left with no source is `withdrawn`.
    public mutating func reprocess(articleID: String, extraction: ExtractionResult, extractor: String, now: String) -> [LogEvent] {
        guard let record = self.article(articleID) else { return [] }
        let before = record.claims.compactMap { self.claims[$0] }
        var kept: Set<String> = []
        var fresh: [ClaimMention] = []
        for mention in extraction.claims {
            if let match = before.first(where: { Self.isSameMention(mention, $0, article: articleID) }) {
                kept.insert(match.id)
            } else {
                fresh.append(mention)
            }
        }
        let withdrawn = before.filter { !kept.contains($0.id) }
        guard !fresh.isEmpty || !withdrawn.isEmpty else { return [] }

        var changes = ClaimChanges()
        for var claim in withdrawn {
            changes.note(claim.id, before: claim)
            claim.sources.removeAll { $0.article == articleID }
            claim.evidence.removeAll { $0.article == articleID }
            claim.independentSources = Self.independentSources(claim.sources)
            if claim.isCorrectedAway {
                // An analyst's retraction or merge stands.
            } else if claim.sources.isEmpty {
                claim.status = .withdrawn
            } else if claim.status == .corroborated, claim.independentSources < 2 {
                claim.status = .new
            }
            self.setClaim(claim)
        }

        // A new claim takes the article's first index no claim uses yet.
        var nextIndex = 0
        let added = self.absorb(fresh, from: record, now: now, changes: &changes) { _, ledger in
            while ledger.claims["c_\(articleID.prefix(12))_\(nextIndex)"] != nil { nextIndex += 1 }
            return nextIndex
        }

        let supported = record.claims.filter { kept.contains($0) } + added.filter { !kept.contains($0) }
        var events: [LogEvent] = []
        let emit: (LogEvent) -> Void = { events.append($0) }
        emit(
            .articleReprocessed(
                ReprocessRecord(
                    article: articleID, extractor: extractor, claims: supported, added: added,
                    withdrawn: withdrawn.map(\.id).filter { !added.contains($0) })))
        for id in changes.order {
            self.record(self.claims[id]!, before: changes.before[id] ?? nil, article: articleID, now: now, emit: emit)
        }
        for event in events { self.apply(event) }
        return events
    }

    /// A mention and a claim the article already supports tell the same thing from the same sentence.
    static func isSameMention(_ mention: ClaimMention, _ claim: Claim, article: String) -> Bool {
        guard mention.kind.identityClass == claim.kind.identityClass, mention.claimant?.key == claim.claimant?.key,
            let sentence = mention.evidence.first
        else { return false }
        return claim.evidence.contains { $0.article == article && $0.start == sentence.start }
    }
}
