/// Analysts' corrections: retract, confirm, merge into another claim, split.
///
/// A correction raises no alert. It is decided here once, and its record carries every claim it
/// changed as it stands afterwards, so replaying the log sets the same claims without deciding again.
extension ClaimLedger {
    /// Decides a correction and returns its log event, already applied to this ledger.
    /// - Parameter now: the time of the request (ISO 8601), recorded as the correction's `at`.
    public mutating func correct(_ request: CorrectionRequest, now: String) throws(CorrectionError) -> [LogEvent] {
        let reason = request.reason.trimmingSpaces()
        guard !reason.isEmpty else { throw .invalid("a correction needs a reason: say why, for the next analyst (--reason TEXT)") }
        guard reason.utf8.count <= 4000 else { throw .invalid("the reason is over 4000 bytes; keep it to a paragraph") }
        guard let claim = self.claims[request.claim] else { throw .unknownClaim(request.claim) }
        if let into = claim.mergedInto {
            throw .conflict("claim \(claim.id) was merged into \(into); correct \(into) instead")
        }
        var correction = ClaimCorrection(
            id: "cr_\(claim.id.dropFirst(2))_\(claim.corrections.count + 1)", action: request.action, claim: claim.id,
            target: nil, reason: reason, uid: request.uid, user: request.user, at: now)
        var changed: [String] = []
        var moved: [String] = []
        switch request.action {
        case .retract:
            guard claim.status != .retracted else { throw .conflict("claim \(claim.id) is already retracted") }
            changed = self.retract(claim.id, correction)
        case .confirm:
            guard !claim.isConfirmed else { throw .conflict("claim \(claim.id) is already confirmed") }
            changed = self.confirm(claim.id, correction)
        case .mergeInto:
            guard let target = request.target, !target.isEmpty else {
                throw .invalid("merge_into needs a target: the id of the claim this one is the same event as")
            }
            correction.target = try self.mergeTarget(target, for: claim.id)
            changed = self.mergeClaim(claim.id, into: correction.target!, correction)
        case .split:
            let groups = try self.splitGroups(claim, articles: request.articles)
            moved = groups.flatMap { $0 }
            changed = self.split(claim.id, groups: groups, correction)
        }
        let event = LogEvent.claimCorrected(
            CorrectionRecord(correction: correction, articles: moved, claims: changed.compactMap { self.claims[$0] }))
        self.apply(event)
        return [event]
    }

    /// The claim `target` resolves to (following earlier merges), if it can take `id`.
    func mergeTarget(_ target: String, for id: String) throws(CorrectionError) -> String {
        guard var into = self.claims[target] else { throw .invalid("merge_into target \(target) is not a claim") }
        var seen: Set<String> = [into.id]
        while let next = into.mergedInto, let claim = self.claims[next], seen.insert(next).inserted { into = claim }
        guard into.id != id else { throw .invalid("claim \(id) cannot be merged into itself") }
        return into.id
    }

    /// The standing a claim has from its sources and contests alone.
    static func standing(of claim: Claim) -> ClaimStatus {
        if claim.sources.isEmpty { return .withdrawn }
        if !claim.contestedBy.isEmpty { return .contested }
        return claim.independentSources >= 2 ? .corroborated : .new
    }

    /// Takes `id` out of the contests it is in: its rivals stand on their own again.
    mutating func dropContests(of id: String) -> [String] {
        guard var claim = self.claims[id] else { return [] }
        var changed: [String] = []
        for rivalID in claim.contestedBy {
            guard var rival = self.claims[rivalID] else { continue }
            rival.contestedBy.removeAll { $0 == id }
            if rival.status == .contested { rival.status = Self.standing(of: rival) }
            self.setClaim(rival)
            changed.append(rivalID)
        }
        claim.contestedBy = []
        self.setClaim(claim)
        return changed
    }

    mutating func retract(_ id: String, _ correction: ClaimCorrection) -> [String] {
        let rivals = self.dropContests(of: id)
        var claim = self.claims[id]!
        claim.status = .retracted
        claim.corrections.append(correction)
        self.setClaim(claim)
        return [id] + rivals
    }

    mutating func confirm(_ id: String, _ correction: ClaimCorrection) -> [String] {
        var claim = self.claims[id]!
        claim.corrections.append(correction)
        var changes = ClaimChanges()
        if claim.status == .retracted {
            // Back in force: it contests, and is contested by, what it did before it was retracted.
            claim.status = Self.standing(of: claim)
            self.setClaim(claim)
            self.settleContests(of: [id], changes: &changes)
        } else {
            self.setClaim(claim)
        }
        return [id] + changes.order.filter { $0 != id }
    }

    mutating func mergeClaim(_ id: String, into targetID: String, _ correction: ClaimCorrection) -> [String] {
        let rivals = self.dropContests(of: id)
        var claim = self.claims[id]!
        var target = self.claims[targetID]!
        for source in claim.sources where !target.sources.contains(where: { $0.article == source.article }) {
            target.sources.append(source)
        }
        for evidence in claim.evidence where !target.evidence.contains(evidence) { target.evidence.append(evidence) }
        if target.eventDate == nil { target.eventDate = claim.eventDate }
        if target.opponent == nil { target.opponent = claim.opponent }
        target.independentSources = Self.independentSources(target.sources)
        if target.status == .new, target.independentSources >= 2 { target.status = .corroborated }
        target.corrections.append(correction)
        claim.status = .merged
        claim.mergedInto = targetID
        claim.corrections.append(correction)
        self.setClaim(claim)
        self.setClaim(target)
        var changes = ClaimChanges()
        self.settleContests(of: [targetID], changes: &changes)
        return [id, targetID] + (rivals + changes.order).filter { $0 != id && $0 != targetID }
    }

    /// The source articles of each claim to split off: the named ones together, or each story
    /// (an original with its copies and rewrites) after the first.
    func splitGroups(_ claim: Claim, articles: [String]) throws(CorrectionError) -> [[String]] {
        let sources = claim.sources.map(\.article)
        if !articles.isEmpty {
            for article in articles where !sources.contains(article) {
                throw .invalid("article \(article) is not a source of claim \(claim.id); its sources are \(sources.joined(separator: ", "))")
            }
            guard Set(articles).count < Set(sources).count else {
                throw .invalid("a split must leave the claim at least one source; name only the articles to move out")
            }
            return [sources.filter { articles.contains($0) }]
        }
        var stories: [String: [String]] = [:]
        var order: [String] = []
        for source in claim.sources {
            let root = source.syndicatedFrom ?? source.derivedFrom ?? source.article
            if stories[root] == nil { order.append(root) }
            stories[root, default: []].append(source.article)
        }
        guard order.count > 1 else {
            throw .conflict("claim \(claim.id) rests on one story only; name the articles to split off")
        }
        return order.dropFirst().map { stories[$0]! }
    }

    mutating func split(_ id: String, groups: [[String]], _ correction: ClaimCorrection) -> [String] {
        var claim = self.claims[id]!
        claim.corrections.append(correction)
        let rivals = self.dropContests(of: id)
        var created: [String] = []
        for group in groups {
            let members = Set(group)
            var part = claim
            part.id = self.splitID(for: group[0])
            part.sources = claim.sources.filter { members.contains($0.article) }
            part.evidence = claim.evidence.filter { members.contains($0.article) }
            part.independentSources = Self.independentSources(part.sources)
            part.contestedBy = []
            var entry = correction
            entry.target = id
            part.corrections[part.corrections.count - 1] = entry
            if part.status != .retracted { part.status = Self.standing(of: part) }
            claim.sources.removeAll { members.contains($0.article) }
            claim.evidence.removeAll { members.contains($0.article) }
            self.setClaim(part)
            self.moveArticles(group, from: id, to: part.id)
            created.append(part.id)
        }
        claim.independentSources = Self.independentSources(claim.sources)
        if claim.status != .retracted { claim.status = Self.standing(of: claim) }
        self.setClaim(claim)
        var changes = ClaimChanges()
        if claim.status != .retracted { self.settleContests(of: [id] + created, changes: &changes) }
        return [id] + created + (rivals + changes.order).filter { $0 != id && !created.contains($0) }
    }

    /// An unused claim id for a split-off part, from its first article.
    func splitID(for article: String) -> String {
        var index = 0
        while self.claims["c_\(article.prefix(12))_s\(index)"] != nil { index += 1 }
        return "c_\(article.prefix(12))_s\(index)"
    }

    /// The articles now support `to` where they supported `from` (their copies then join `to`).
    mutating func moveArticles(_ articles: [String], from: String, to: String) {
        for article in articles {
            guard var claims = self.articles[article]?.record.claims, let at = claims.firstIndex(of: from) else { continue }
            claims[at] = to
            self.articles[article]?.record.claims = claims
        }
    }

    /// Replays a correction: the claims as they stood after it, and the split's moved articles.
    mutating func applyCorrection(_ record: CorrectionRecord) {
        for claim in record.claims {
            if record.correction.action == .split, claim.id != record.correction.claim,
                claim.corrections.last?.id == record.correction.id
            {
                self.moveArticles(claim.sources.map(\.article), from: record.correction.claim, to: claim.id)
            }
            self.setClaim(claim)
        }
    }
}
