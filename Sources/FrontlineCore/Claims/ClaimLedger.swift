/// Merges claim mentions into claims and decides alerts, deterministically from the log.
///
/// `ingest` decides what an article changes and returns it as log events; `apply` carries events
/// out. `ingest` applies its own events as it goes, so a ledger rebuilt by replaying the log with
/// `apply` is identical to the one that wrote it.
public struct ClaimLedger: Sendable, Equatable {
    public struct Configuration: Sendable, Hashable {
        /// Two mentions more than this many days apart are different events.
        public var dateWindowDays = 7
        /// Claims older than this, before the newest article seen, are backfill: recorded, not alerted.
        public var backfillHorizonDays = 30
        /// MinHash similarity from which an article is a copy of another.
        public var copySimilarity = 0.6
        /// MinHash similarity from which an article is a rewrite of another.
        public var rewriteSimilarity = 0.12
        /// LSH bands (one signature value each) for the near-duplicate lookup.
        public var lshBands = 64

        public init() {}
    }

    struct ArticleState: Sendable, Equatable {
        /// The article's record without its MinHash signature: the near-duplicate index holds every
        /// accepted article's, and ``ClaimLedger/article(_:)`` puts it back (half a kilobyte an
        /// article not held twice).
        var record: ArticleRecord
        /// The signature is the index's row for the article, and left out of `record`. False for a
        /// signature the index keeps in another form (an empty text's).
        var signatureInIndex: Bool

        /// The state of an article the index has just taken in.
        init(record: ArticleRecord) {
            self.record = record
            self.signatureInIndex = record.signature.values.count == MinHashSignature.size
            if self.signatureInIndex { self.record.signature = MinHashSignature(values: []) }
        }

        init(stored record: ArticleRecord, signatureInIndex: Bool) {
            self.record = record
            self.signatureInIndex = signatureInIndex
        }
    }

    public var configuration: Configuration
    public internal(set) var claims: [String: Claim] = [:]
    var claimOrder: [String] = []
    /// Each claim's position in `claimOrder`: merge candidates are tried oldest first.
    private(set) var claimPosition: [String: Int] = [:]
    /// Location key (place or area) → claims that name it, so merging and contests look at the
    /// claims about a place rather than at every claim.
    private(set) var claimsAt: [String: Set<String>] = [:]
    var articles: [String: ArticleState] = [:]
    /// Near-duplicate lookup and stories over every accepted article.
    var syndication: SyndicationIndex
    var alertIDs: Set<String> = []
    var newestPublished: CalendarDate?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.syndication = SyndicationIndex(bands: configuration.lshBands)
    }

    public func containsArticle(_ id: String) -> Bool { self.articles[id] != nil }

    public var claimCount: Int { self.claims.count }
    public var articleCount: Int { self.articles.count }

    public func article(_ id: String) -> ArticleRecord? {
        guard let state = self.articles[id] else { return nil }
        var record = state.record
        if state.signatureInIndex, let row = self.syndication.row(of: id) { record.signature = MinHashSignature(values: Array(row)) }
        return record
    }

    /// Decides what a newly read article adds: its record, links to its original, claim changes
    /// and alerts. The returned events are already applied to this ledger.
    /// - Parameters:
    ///   - now: the time of ingest (ISO 8601), used for `first_seen` and `raised_at` only.
    public mutating func ingest(
        article: Article, bytes: Int, extraction: ExtractionResult, now: String
    ) -> [LogEvent] {
        precondition(!self.containsArticle(article.id), "ingest of an article already in the ledger")
        let signature = MinHashSignature(text: article.readableBody.text)
        var record = ArticleRecord(
            id: article.id, file: article.file, title: article.title, outlet: article.outlet, byline: article.byline,
            dateline: article.dateline, published: article.published, language: article.language, bytes: bytes,
            hasOriginalSignals: article.hasOriginalSignals, signature: signature, syndicatedFrom: nil,
            derivedFrom: nil, claims: [], context: extraction.context.count, receivedAt: now)
        record.format = article.format
        record.encoding = article.encoding
        record.url = article.url

        // Syndication: link to the story's original, or become the better original of an old story.
        var relinks: [LinkRecord] = []
        // One lookup serves the link (the nearest) and the story rule (every rewrite's story).
        let matches = self.syndication.matches(to: signature, threshold: self.configuration.rewriteSimilarity)
        if let match = matches.first {
            let root = self.syndication.root(of: match.id)
            if self.isBetterOriginal(record, than: self.articles[root]!.record) {
                // Each member of the old story is a copy or a rewrite of the new original by its own text.
                for member in self.syndication.story(of: root) {
                    let copy = self.syndication.similarity(member, signature) >= self.configuration.copySimilarity
                    relinks.append(
                        LinkRecord(article: member, syndicatedFrom: copy ? article.id : nil, derivedFrom: copy ? nil : article.id))
                }
            } else if match.similarity >= self.configuration.copySimilarity {
                record.syndicatedFrom = root
            } else {
                record.derivedFrom = root
            }
        }

        // The article and its links take effect first, so merged claims carry current links.
        var changes = ClaimChanges()
        self.apply(.articleAccepted(record))
        for link in relinks {
            for id in self.articles[link.article]?.record.claims ?? [] { changes.note(id, before: self.claims[id]) }
            self.apply(.articleLinked(link))
        }
        let claimIDs = self.absorb(extraction.claims, from: record, matches: matches.map(\.id), now: now, changes: &changes) { index, _ in index }
        record.claims = claimIDs

        var events: [LogEvent] = []
        let emit: (LogEvent) -> Void = { events.append($0) }
        emit(.articleAccepted(record))
        for link in relinks { emit(.articleLinked(link)) }
        for id in changes.order {
            self.record(self.claims[id]!, before: changes.before[id] ?? nil, article: article.id, now: now, emit: emit)
        }
        for event in events { self.apply(event) }
        return events
    }

    /// Merges an article's mentions into claims, in its order, then settles the contests they
    /// raise; returns the claims they went to.
    /// - Parameter index: a new claim's index within the article, from the mention's position and
    ///   the ledger as it stands.
    mutating func absorb(
        _ mentions: [ClaimMention], from record: ArticleRecord, matches: [String]? = nil, now: String, changes: inout ClaimChanges,
        index: (Int, ClaimLedger) -> Int
    ) -> [String] {
        let storyMembers = self.storyMembers(of: record, matches: matches)
        var claimIDs: [String] = []
        for (position, mention) in mentions.enumerated() {
            let (claim, created) = self.merge(
                mention, from: record, index: index(position, self), storyMembers: storyMembers, own: claimIDs, now: now)
            changes.note(claim.id, before: created ? nil : self.claims[claim.id])
            self.setClaim(claim)
            if !claimIDs.contains(claim.id) { claimIDs.append(claim.id) }
        }
        self.settleContests(of: claimIDs, changes: &changes)
        return claimIDs
    }

    /// The article's story, and the stories of every other article it is a rewrite of: an article
    /// that rewrites two stories (a second outlet's version of a wire story that was itself linked
    /// elsewhere) shares claims with both.
    /// - Parameter matches: the articles it is a rewrite of, when the caller looked them up already.
    func storyMembers(of record: ArticleRecord, matches: [String]?) -> [String] {
        var members = self.syndication.story(of: record.id)
        var roots: Set<String> = [self.syndication.root(of: record.id)]
        let ids = matches ?? self.syndication.matches(to: record.signature, threshold: self.configuration.rewriteSimilarity).map(\.id)
        for id in ids {
            let root = self.syndication.root(of: id)
            if roots.insert(root).inserted { members += self.syndication.story(of: root) }
        }
        return members
    }

    /// Claims touched while deciding one article, with their state before it (`nil`: created).
    struct ClaimChanges {
        var order: [String] = []
        var before: [String: Claim?] = [:]

        mutating func note(_ id: String, before claim: Claim?) {
            guard self.before[id] == nil else { return }
            self.order.append(id)
            self.before[id] = .some(claim)
        }
    }

    /// Emits a claim's new state and the alerts it earns against its state `before` (`nil`: just
    /// created): `claim.new`/`offensive.new` when created (a denial alone raises none),
    /// `claim.corroborated` when it just became corroborated, `claim.contested` when it just became
    /// contested.
    /// A claim an analyst retracted or merged away raises nothing.
    func record(_ claim: Claim, before: Claim?, article: String, now: String, emit: (LogEvent) -> Void) {
        emit(.claimUpdated(ClaimRecord(claim: claim, article: article, created: before == nil)))
        guard !claim.isCorrectedAway else { return }
        let backfill = self.isBackfill(claim)
        if before == nil, claim.kind != .contested {
            let kind: AlertKind = claim.kind == .offensive ? .offensiveNew : .claimNew
            self.raise(kind, claim: claim, article: article, backfill: backfill, now: now, emit: emit)
        } else if claim.status == .corroborated, before?.status == .new {
            self.raise(.claimCorroborated, claim: claim, article: article, backfill: backfill, now: now, emit: emit)
        }
        if claim.status == .contested, before?.status != .contested, claim.kind != .contested {
            self.raise(.claimContested, claim: claim, article: article, backfill: backfill, now: now, emit: emit)
        }
    }

    func raise(
        _ kind: AlertKind, claim: Claim, article: String, backfill: Bool, now: String, emit: (LogEvent) -> Void
    ) {
        let suffix = kind.rawValue.split(separator: ".").last.map(String.init) ?? kind.rawValue
        let alertID = "al_\(claim.id.dropFirst(2))_\(suffix)"
        guard !self.alertIDs.contains(alertID) else { return }
        var summary = claim.summary
        if kind == .claimContested {
            let rivals = claim.contestedBy.compactMap { self.claims[$0]?.claimant?.name }
            summary += rivals.isEmpty ? " (contested)" : " (contested by \(ClaimText.list(Array(Set(rivals)).sorted())))"
        }
        emit(
            .alertRaised(
                Alert(
                    alertID: alertID, kind: kind, seq: 0, raisedAt: now, backfill: backfill, claim: claim,
                    summary: summary, article: article)))
    }

    /// Stores a claim's state, keeping the order and the location index current.
    mutating func setClaim(_ claim: Claim) {
        let known = self.claims[claim.id]
        if known == nil {
            self.claimPosition[claim.id] = self.claimOrder.count
            self.claimOrder.append(claim.id)
        }
        for key in claim.locationKeys where !(known?.locationKeys.contains(key) ?? false) {
            self.claimsAt[key, default: []].insert(claim.id)
        }
        self.claims[claim.id] = claim
    }

    /// Applies one logged event.
    public mutating func apply(_ event: LogEvent) {
        switch event {
        case .articleAccepted(let record):
            self.articles[record.id] = ArticleState(record: record)
            self.syndication.insert(record.id, signature: record.signature, parent: record.syndicatedFrom ?? record.derivedFrom)
            if let date = record.published.flatMap(CalendarDate.init(iso:)), self.newestPublished.map({ date > $0 }) ?? true {
                self.newestPublished = date
            }
        case .articleLinked(let link):
            self.articles[link.article]?.record.syndicatedFrom = link.syndicatedFrom
            self.articles[link.article]?.record.derivedFrom = link.derivedFrom
            self.syndication.link(link.article, to: link.syndicatedFrom ?? link.derivedFrom)
            // Claims carry their sources' links; keep them current so independence is counted right.
            for id in self.articles[link.article]?.record.claims ?? [] {
                guard var claim = self.claims[id], let at = claim.sources.firstIndex(where: { $0.article == link.article })
                else { continue }
                claim.sources[at].syndicatedFrom = link.syndicatedFrom
                claim.sources[at].derivedFrom = link.derivedFrom
                claim.independentSources = Self.independentSources(claim.sources)
                self.claims[id] = claim
            }
        case .articleReprocessed(let record):
            self.articles[record.article]?.record.claims = record.claims
        case .claimUpdated(let record):
            self.setClaim(record.claim)
        case .claimCorrected(let record):
            self.applyCorrection(record)
        case .alertRaised(let alert):
            self.alertIDs.insert(alert.alertID)
        case .articleDuplicate, .articleRejected, .alertDelivered:
            break
        }
    }
}
