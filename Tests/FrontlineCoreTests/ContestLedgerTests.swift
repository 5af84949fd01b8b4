import FrontlineCore
import Testing

/// Denials and rival claims on the pure ledger: the claim becomes `contested`, `claim.contested`
/// is raised once per contested claim, a denial alone raises nothing, and the result is the same
/// in every arrival order and after a replay.
@Suite struct ContestLedgerTests {
    static let capture = """
        June 5, 2017

        BAGHDAD (Reuters) - Iraqi forces captured the town of Baaj on Monday, the army said in a statement.

        The militants had held the town since 2014.
        """
    static let denial = """
        June 6, 2017

        BEIRUT (AFP) - Islamic State denied on Tuesday that Iraqi forces had captured Baaj.

        The group said its fighters were still in the town.
        """
    static let rival = """
        June 7, 2017

        AMMAN (Al Jazeera) - Islamic State fighters recaptured the town of Baaj on Wednesday, the group said.
        """
    static let elsewhere = """
        June 6, 2017

        ERBIL (Rudaw) - Kurdish Peshmerga forces captured the village of Kojo on Tuesday, a commander said.
        """
    static let muchLater = """
        September 20, 2017

        AMMAN (Al Jazeera) - Islamic State fighters recaptured the town of Baaj on Wednesday, the group said.
        """

    static func run(_ texts: [String]) throws -> (ClaimLedger, [LogEvent]) {
        let lexicon = try TestPaths.lexicon()
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        var ledger = ClaimLedger()
        var events: [LogEvent] = []
        for (index, text) in texts.enumerated() {
            let name = "\(index)-\(text.hashValue)"
            let bytes = Array(text.utf8)
            let article = try reader.read(id: String(UInt64(bitPattern: Int64(text.hashValue)), radix: 16), file: name, bytes: bytes).get()
            events += ledger.ingest(article: article, bytes: bytes.count, extraction: extractor.extract(article: article), now: "2026-11-21T00:00:00Z")
        }
        return (ledger, events)
    }

    static func alerts(_ events: [LogEvent]) -> [Alert] {
        events.compactMap { if case .alertRaised(let alert) = $0 { alert } else { nil } }
    }

    @Test func aDenialContestsTheClaimInEitherOrder() throws {
        for texts in [[Self.capture, Self.denial], [Self.denial, Self.capture]] {
            let (ledger, events) = try Self.run(texts)
            let alerts = Self.alerts(events)
            #expect(alerts.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.claimContested, .claimNew])
            let capture = try #require(ledger.claims.values.first { $0.kind == .captured })
            #expect(capture.status == .contested)
            let denial = try #require(ledger.claims.values.first { $0.kind == .contested })
            #expect(denial.claimant?.id == "islamic-state")
            #expect(denial.opponent?.id == "iraqi-forces")
            #expect(capture.contestedBy == [denial.id])
            #expect(denial.contestedBy == [capture.id])
            let contested = try #require(alerts.first { $0.kind == .claimContested })
            #expect(contested.claim.id == capture.id)
            #expect(contested.summary.hasSuffix("(contested by Islamic State)"), "\(contested.summary)")
        }
    }

    @Test func aRivalCaptureContestsBothClaims() throws {
        let (ledger, events) = try Self.run([Self.capture, Self.rival])
        let alerts = Self.alerts(events)
        #expect(alerts.filter { $0.kind == .claimNew }.count == 2)
        #expect(Set(alerts.filter { $0.kind == .claimContested }.map(\.claim.id)) == Set(ledger.claims.keys))
        #expect(ledger.claims.values.allSatisfy { $0.status == .contested })
    }

    @Test func claimsAboutOtherPlacesOrOutsideTheWindowAreNotContested() throws {
        let (ledger, events) = try Self.run([Self.capture, Self.elsewhere, Self.muchLater])
        #expect(Self.alerts(events).allSatisfy { $0.kind == .claimNew })
        #expect(ledger.claims.count == 3)
        #expect(ledger.claims.values.allSatisfy { $0.status == .new && $0.contestedBy.isEmpty })
    }

    @Test func aSecondDenialRaisesNoSecondAlertAndReplayRebuildsTheLedger() throws {
        let again = Self.denial.replacingOccurrences(of: "BEIRUT (AFP)", with: "CAIRO (Asharq Al-Awsat)")
            .replacingOccurrences(of: "The group said", with: "Its statement said")
        let (ledger, events) = try Self.run([Self.capture, Self.denial, again, Self.rival])
        let contested = Self.alerts(events).filter { $0.kind == .claimContested }
        #expect(contested.count == 2, "the capture and the rival capture, once each")
        var replayed = ClaimLedger()
        for event in events { replayed.apply(try LogEvent(type: event.type, payload: event.binaryPayload())) }
        #expect(replayed.claims == ledger.claims)
    }
}

/// Denials and ongoing fights read as `contested` mentions by the speaker.
@Suite struct DenialExtractionTests {
    static func mentions(_ text: String) throws -> [ClaimMention] {
        let lexicon = try TestPaths.lexicon()
        let article = try ArticleReader(lexicon: lexicon).read(id: "denial", file: "d.txt", bytes: Array("Snippet\n\n\(text)\n".utf8)).get()
        return ClaimExtractor(lexicon: lexicon).extract(article: article).claims
    }

    @Test(arguments: [
        ("Islamic State denied that Iraqi forces had captured Baaj.", "islamic-state", "iraqi-forces"),
        ("Iraqi forces are still fighting for Baaj, a commander said.", "iraqi-forces", nil),
    ] as [(String, String, String?)])
    func aDenialOrAFightIsContested(text: String, claimant: String, opponent: String?) throws {
        let mention = try #require(try Self.mentions(text).first)
        #expect(mention.kind == .contested)
        #expect(mention.claimant?.id == claimant)
        #expect(mention.opponent?.id == opponent)
    }

    @Test func aDenialOutOfReachLeavesTheClaim() throws {
        // The comma ends the denial: what follows is asserted.
        let mentions = try Self.mentions("The rebels denied the report, and the army said it had captured the town of Marka on Monday.")
        #expect(mentions.map(\.kind) == [.captured])
    }
}
