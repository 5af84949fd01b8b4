/// Runs a ``SyndicationCorpus`` through the ledger in a seeded arrival order and measures what
/// merging is for: no second alert for a repost or a rewrite, every variant's mention in its
/// original's claim, no corroboration from copies, and denials that make the claim contested.
public enum SyndicationEvaluation {
    public struct Report: Sendable, Hashable, Codable {
        public var bases = 0
        public var articles = 0
        public var variants = 0
        public var denials = 0
        /// claim.new and offensive.new with the originals alone.
        public var alertsOriginalsOnly = 0
        /// The same with every variant and denial in the corpus.
        public var alertsWithVariants = 0
        /// Extra claim.new/offensive.new the variants caused.
        public var duplicateAlerts = 0
        /// (variant article, claim) pairs: each should be a claim its original supports too.
        public var variantMentions = 0
        public var missedMerges = 0
        /// Variants whose story root is their original's.
        public var linkedVariants = 0
        /// Claims made corroborated or given two independent sources by one base article's copies.
        public var falseCorroborations = 0
        /// Denials whose target claim became contested.
        public var contestedDenials = 0
        public var contestedAlerts = 0
        /// Claims contested by something other than a generated denial (rival claims across bases).
        public var otherContestedClaims = 0
        /// Each missed merge, undetected denial and other contest, in words (not in the JSON).
        public var errors: [String] = []

        public var duplicateAlertRate: Double { self.alertsOriginalsOnly == 0 ? 0 : Double(self.duplicateAlerts) / Double(self.alertsOriginalsOnly) }
        public var missedMergeRate: Double { self.variantMentions == 0 ? 0 : Double(self.missedMerges) / Double(self.variantMentions) }
        public var linkRate: Double { self.variants == 0 ? 0 : Double(self.linkedVariants) / Double(self.variants) }
        public var denialDetectionRate: Double { self.denials == 0 ? 0 : Double(self.contestedDenials) / Double(self.denials) }

        enum CodingKeys: String, CodingKey {
            case bases, articles, variants, denials
            case alertsOriginalsOnly = "alerts_originals_only"
            case alertsWithVariants = "alerts_with_variants"
            case duplicateAlerts = "duplicate_alerts"
            case variantMentions = "variant_mentions"
            case missedMerges = "missed_merges"
            case linkedVariants = "linked_variants"
            case falseCorroborations = "false_corroborations"
            case contestedDenials = "contested_denials"
            case contestedAlerts = "contested_alerts"
            case otherContestedClaims = "other_contested_claims"
        }
    }

    /// - Parameters:
    ///   - extract: the extraction of one item (the caller's extractor).
    ///   - seed: the arrival order's seed.
    public static func run(
        _ corpus: SyndicationCorpus, configuration: ClaimLedger.Configuration = .init(), seed: UInt64,
        extract: (Article) -> ExtractionResult
    ) -> Report {
        var order = Array(corpus.items.indices)
        var random = SplitMix(seed: seed)
        random.shuffle(&order)
        let extractions = corpus.items.map { extract($0.article) }
        func ingest(_ indices: [Int]) -> (ClaimLedger, [LogEvent]) {
            var ledger = ClaimLedger(configuration: configuration)
            var events: [LogEvent] = []
            for index in indices {
                let item = corpus.items[index]
                events += ledger.ingest(
                    article: item.article, bytes: item.article.text.utf8.count, extraction: extractions[index],
                    now: "2026-11-21T00:00:00Z")
            }
            return (ledger, events)
        }
        func newAlerts(_ events: [LogEvent]) -> Int {
            events.filter { if case .alertRaised(let alert) = $0 { alert.kind == .claimNew || alert.kind == .offensiveNew } else { false } }.count
        }

        var report = Report()
        report.bases = Set(corpus.items.map(\.base)).count
        report.articles = corpus.items.count
        report.variants = corpus.items.filter(\.role.isVariant).count
        report.denials = corpus.items.filter { $0.role == .denial }.count
        let (aloneLedger, originalEvents) = ingest(order.filter { corpus.items[$0].role == .original })
        let (ledger, events) = ingest(order)
        report.alertsOriginalsOnly = newAlerts(originalEvents)
        report.alertsWithVariants = newAlerts(events)
        report.duplicateAlerts = max(0, report.alertsWithVariants - report.alertsOriginalsOnly)
        report.contestedAlerts = events.filter { if case .alertRaised(let alert) = $0 { alert.kind == .claimContested } else { false } }.count

        let itemByID = Dictionary(corpus.items.map { ($0.article.id, $0) }, uniquingKeysWith: { first, _ in first })
        let originalID = Dictionary(corpus.items.filter { $0.role == .original }.map { ($0.base, $0.article.id) }, uniquingKeysWith: { first, _ in first })
        let originalFile = Dictionary(corpus.items.filter { $0.role == .original }.map { ($0.base, $0.article.file) }, uniquingKeysWith: { first, _ in first })
        // Originals' mentions that were one claim alone but two with the variants: what an extra
        // alert that is not a missed merge comes from.
        var fullClaimOf: [String: [String]] = [:]
        for item in corpus.items where item.role == .original {
            fullClaimOf[item.article.id] = ledger.article(item.article.id)?.claims ?? []
        }
        for claim in aloneLedger.claims.values.sorted(by: { $0.id < $1.id }) where claim.sources.count > 1 {
            var split: Set<String> = []
            for source in claim.sources {
                let alone = aloneLedger.article(source.article)?.claims ?? []
                for (index, id) in alone.enumerated() where id == claim.id {
                    if let full = fullClaimOf[source.article], index < full.count { split.insert(full[index]) }
                }
            }
            if split.count > 1 {
                let parts = split.sorted().compactMap { id in
                    ledger.claims[id].map { claim in
                        let sources = claim.sources.map { "\(originalFile[itemByID[$0.article]?.base ?? -1] ?? "?") \(itemByID[$0.article]?.role.rawValue ?? "?")"}
                        return "\(claim.summary) [\(sources.joined(separator: ", "))]"
                    }
                }
                report.errors.append("SPLIT (\(claim.summary), one claim of \(claim.sources.count) sources alone): \(parts.joined(separator: "; "))")
            }
        }
        func hasOriginal(_ claim: Claim, base: Int) -> Bool {
            claim.sources.contains { $0.article == originalID[base] }
        }
        var denialTargets: Set<String> = []
        for item in corpus.items {
            let claims = (ledger.article(item.article.id)?.claims ?? []).compactMap { ledger.claims[$0] }
            if item.role.isVariant {
                if let original = originalID[item.base],
                    ledger.syndication.root(of: item.article.id) == ledger.syndication.root(of: original)
                {
                    report.linkedVariants += 1
                } else {
                    report.errors.append("NOT LINKED (\(item.role.rawValue) of \(originalFile[item.base] ?? "?")): \(item.article.title ?? item.article.file)")
                }
                report.variantMentions += claims.count
                for claim in claims where !hasOriginal(claim, base: item.base) {
                    report.missedMerges += 1
                    report.errors.append("MISSED MERGE (\(item.role.rawValue) of \(originalFile[item.base] ?? "?")): \(claim.summary) | \(claim.evidence.first?.sentence ?? "")")
                }
            }
            if item.role == .denial, let denies = item.denies {
                let targets = ledger.claims.values.filter {
                    hasOriginal($0, base: item.base) && $0.claimant?.key == denies.claimant && !$0.locationKeys.isDisjoint(with: denies.places)
                }
                denialTargets.formUnion(targets.map(\.id))
                if targets.contains(where: { $0.status == .contested }) {
                    report.contestedDenials += 1
                } else {
                    let read = claims.map(\.summary).joined(separator: "; ")
                    report.errors.append("DENIAL NOT CONTESTED (\(originalFile[item.base] ?? "?")): \(item.article.text.split(separator: "\n").dropFirst(2).first ?? "") | read as: \(read.isEmpty ? "nothing" : read) | targets: \(targets.map(\.summary))")
                }
            }
        }
        for claim in ledger.claims.values {
            let bases = Set(claim.sources.compactMap { itemByID[$0.article] }.filter { $0.role != .denial }.map(\.base))
            if bases.count == 1, claim.independentSources >= 2 || claim.status == .corroborated { report.falseCorroborations += 1 }
            if claim.status == .contested, claim.kind != .contested, !denialTargets.contains(claim.id) {
                report.otherContestedClaims += 1
                let rivals = claim.contestedBy.compactMap { ledger.claims[$0]?.summary }
                report.errors.append("OTHER CONTEST: \(claim.summary) vs \(rivals.joined(separator: "; "))")
            }
        }
        return report
    }
}
