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
        guard let record = self.articles[articleID]?.record else { return [] }
        var events: [LogEvent] = []
        func emit(_ event: LogEvent) {
            self.apply(event)
            events.append(event)
        }

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

        var changed: [String: Claim] = [:]
        var order: [String] = []
        func update(_ claim: Claim) {
            if changed[claim.id] == nil { order.append(claim.id) }
            changed[claim.id] = claim
        }
        for var claim in withdrawn {
            claim.sources.removeAll { $0.article == articleID }
            claim.evidence.removeAll { $0.article == articleID }
            claim.independentSources = Self.independentSources(claim.sources)
            if claim.sources.isEmpty {
                claim.status = .withdrawn
            } else if claim.status == .corroborated, claim.independentSources < 2 {
                claim.status = .new
            }
            update(claim)
        }

        var scratch = self
        for claim in changed.values { scratch.claims[claim.id] = claim }
        let storyMembers = scratch.story(of: scratch.root(of: articleID))
        var created: Set<String> = []
        var added: [String] = []
        var nextIndex = 0
        for mention in fresh {
            // A new claim takes the article's first index no claim uses yet.
            while scratch.claims["c_\(articleID.prefix(12))_\(nextIndex)"] != nil { nextIndex += 1 }
            let (claim, isNew) = scratch.merge(mention, from: record, index: nextIndex, storyMembers: storyMembers, now: now)
            if isNew {
                scratch.claimOrder.append(claim.id)
                created.insert(claim.id)
            }
            scratch.claims[claim.id] = claim
            update(claim)
            if !added.contains(claim.id) { added.append(claim.id) }
        }

        let supported = record.claims.filter { kept.contains($0) } + added.filter { !kept.contains($0) }
        emit(
            .articleReprocessed(
                ReprocessRecord(
                    article: articleID, extractor: extractor, claims: supported, added: added,
                    withdrawn: withdrawn.map(\.id).filter { !added.contains($0) })))
        for id in order {
            self.record(changed[id]!, created: created.contains(id), article: articleID, now: now, emit: emit)
        }
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
