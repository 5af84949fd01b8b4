/// Merges claim mentions into claims and decides alerts, deterministically from the log.
///
/// `ingest` decides what an article changes and returns it as log events; `apply` carries events
/// out. `ingest` applies its own events as it goes, so a ledger rebuilt by replaying the log with
/// `apply` is identical to the one that wrote it.
public struct ClaimLedger: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Two mentions more than this many days apart are different events.
        public var dateWindowDays = 7
        /// Claims older than this, before the newest article seen, are backfill: recorded, not alerted.
        public var backfillHorizonDays = 30
        /// MinHash similarity from which an article is a copy of another.
        public var copySimilarity = 0.6
        /// MinHash similarity from which an article is a rewrite of another.
        public var rewriteSimilarity = 0.12

        public init() {}
    }

    struct ArticleState: Sendable {
        var record: ArticleRecord
    }

    public var configuration: Configuration
    public internal(set) var claims: [String: Claim] = [:]
    var claimOrder: [String] = []
    private(set) var articles: [String: ArticleState] = [:]
    private(set) var articleOrder: [String] = []
    /// Every accepted article's MinHash values, back to back in `articleOrder`'s order, so the
    /// nearest-article scan reads flat memory instead of copying article records.
    private(set) var signatureMatrix: [UInt64] = []
    private(set) var alertIDs: Set<String> = []
    private(set) var newestPublished: CalendarDate?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func containsArticle(_ id: String) -> Bool { self.articles[id] != nil }

    public var claimCount: Int { self.claims.count }
    public var articleCount: Int { self.articles.count }

    public func article(_ id: String) -> ArticleRecord? { self.articles[id]?.record }

    /// Decides what a newly read article adds: its record, links to its original, claim changes
    /// and alerts. The returned events are already applied to this ledger.
    /// - Parameters:
    ///   - now: the time of ingest (ISO 8601), used for `first_seen` and `raised_at` only.
    public mutating func ingest(
        article: Article, bytes: Int, extraction: ExtractionResult, now: String
    ) -> [LogEvent] {
        precondition(!self.containsArticle(article.id), "ingest of an article already in the ledger")
        var events: [LogEvent] = []
        func emit(_ event: LogEvent) {
            self.apply(event)
            events.append(event)
        }

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
        if let (match, similarity) = self.closestArticle(to: signature) {
            let isCopy = similarity >= self.configuration.copySimilarity
            let root = self.root(of: match)
            if self.isBetterOriginal(record, than: self.articles[root]!.record) {
                // Each member of the old story is a copy or a rewrite of the new original by its own text.
                let story = self.story(of: root)
                for member in self.articleOrder where story.contains(member) {
                    let memberSimilarity = signature.similarity(to: self.articles[member]!.record.signature)
                    let copy = memberSimilarity >= self.configuration.copySimilarity
                    relinks.append(
                        LinkRecord(article: member, syndicatedFrom: copy ? article.id : nil, derivedFrom: copy ? nil : article.id))
                }
            } else if isCopy {
                record.syndicatedFrom = root
            } else {
                record.derivedFrom = root
            }
        }

        // Claims, in the article's order.
        var claimIDs: [String] = []
        var pending: [(Claim, Bool)] = []
        var scratch = self
        scratch.apply(.articleAccepted(record))
        for link in relinks { scratch.apply(.articleLinked(link)) }
        let storyMembers = scratch.story(of: scratch.root(of: record.id))
        for (index, mention) in extraction.claims.enumerated() {
            let (claim, created) = scratch.merge(mention, from: record, index: index, storyMembers: storyMembers, now: now)
            scratch.claims[claim.id] = claim
            if created { scratch.claimOrder.append(claim.id) }
            if !claimIDs.contains(claim.id) { claimIDs.append(claim.id) }
            pending.append((claim, created))
        }
        record.claims = claimIDs
        emit(.articleAccepted(record))
        for link in relinks { emit(.articleLinked(link)) }

        // Claims whose sources changed through a relink.
        let relinked = Set(relinks.map(\.article))
        for id in self.claimOrder where !claimIDs.contains(id) {
            guard let claim = self.claims[id], claim.sources.contains(where: { relinked.contains($0.article) }) else { continue }
            emit(.claimUpdated(ClaimRecord(claim: claim, article: article.id, created: false)))
        }

        var final: [String: (Claim, Bool)] = [:]
        for (claim, created) in pending {
            final[claim.id] = (claim, final[claim.id]?.1 ?? created)
        }
        for id in claimIDs {
            let (claim, created) = final[id]!
            self.record(claim, created: created, article: article.id, now: now, emit: emit)
        }
        return events
    }

    /// Emits a claim's new state and the alert it earns: `claim.new`/`offensive.new` when created,
    /// `claim.corroborated` when it just became corroborated.
    func record(_ claim: Claim, created: Bool, article: String, now: String, emit: (LogEvent) -> Void) {
        let previous = self.claims[claim.id]
        emit(.claimUpdated(ClaimRecord(claim: claim, article: article, created: created)))
        let backfill = self.isBackfill(claim)
        if created {
            let kind: AlertKind = claim.kind == .offensive ? .offensiveNew : .claimNew
            self.raise(kind, claim: claim, article: article, backfill: backfill, now: now, emit: emit)
        } else if claim.status == .corroborated, previous?.status == .new {
            self.raise(.claimCorroborated, claim: claim, article: article, backfill: backfill, now: now, emit: emit)
        }
    }

    func raise(
        _ kind: AlertKind, claim: Claim, article: String, backfill: Bool, now: String, emit: (LogEvent) -> Void
    ) {
        let suffix = kind.rawValue.split(separator: ".").last.map(String.init) ?? kind.rawValue
        let alertID = "al_\(claim.id.dropFirst(2))_\(suffix)"
        guard !self.alertIDs.contains(alertID) else { return }
        emit(
            .alertRaised(
                Alert(
                    alertID: alertID, kind: kind, seq: 0, raisedAt: now, backfill: backfill, claim: claim,
                    summary: claim.summary, article: article)))
    }

    /// Applies one logged event.
    public mutating func apply(_ event: LogEvent) {
        switch event {
        case .articleAccepted(let record):
            if self.articles[record.id] == nil {
                self.articleOrder.append(record.id)
                self.signatureMatrix += Self.signatureRow(record.signature)
            }
            self.articles[record.id] = ArticleState(record: record)
            if let date = record.published.flatMap(CalendarDate.init(iso:)), self.newestPublished.map({ date > $0 }) ?? true {
                self.newestPublished = date
            }
        case .articleLinked(let link):
            self.articles[link.article]?.record.syndicatedFrom = link.syndicatedFrom
            self.articles[link.article]?.record.derivedFrom = link.derivedFrom
            // Claims carry their sources' links; keep them current so independence is counted right.
            for id in self.claimOrder {
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
            if self.claims[record.claim.id] == nil { self.claimOrder.append(record.claim.id) }
            self.claims[record.claim.id] = record.claim
        case .alertRaised(let alert):
            self.alertIDs.insert(alert.alertID)
        case .articleDuplicate, .articleRejected, .alertDelivered:
            break
        }
    }
}
