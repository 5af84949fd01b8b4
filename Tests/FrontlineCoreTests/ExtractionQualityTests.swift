import Foundation
import FrontlineCore
import Testing

/// The figures of docs/quality.md, measured the way `frontlinectl eval` measures them. Floors sit
/// just under today's figures so a rule change that costs quality fails here, with the misses named.
@Suite struct ExtractionQualityTests {
    static func snippets(_ name: String) throws -> SnippetEvaluation {
        let url = TestPaths.fixtures.appendingPathComponent("quality/\(name)")
        let snippets = try LabelledSnippet.parseTSV(try String(contentsOf: url, encoding: .utf8), file: url.path)
        let extractor = ClaimExtractor(lexicon: try TestPaths.lexicon())
        var evaluation = SnippetEvaluation()
        for snippet in snippets {
            evaluation.record(snippet, claims: extractor.extract(article: SnippetEvaluation.article(for: snippet)).claims)
        }
        return evaluation
    }

    static func errors(_ evaluation: SnippetEvaluation) -> String {
        evaluation.outcomes.filter { $0.expected != $0.detected }.map { "\($0.detected ? "false" : "missed") \($0.id) \($0.label)" }
            .joined(separator: ", ")
    }

    /// A gold file scored the way `frontlinectl eval --gold FILE DIR` scores it.
    static func gold(_ name: String, articles directory: URL) throws -> GoldEvaluation {
        let lexicon = try TestPaths.lexicon()
        var evaluation = GoldEvaluation(lexicon: lexicon)
        for gold in try TestPaths.gold(name) {
            let article = try TestPaths.article(directory.appendingPathComponent(gold.file), lexicon: lexicon)
            evaluation.record(gold, claims: ClaimExtractor(lexicon: lexicon).extract(article: article).claims)
        }
        return evaluation
    }

    /// A FA-KES fixture scored against its floors, with every miss named when one fails.
    @discardableResult
    static func fakesFixture(
        _ directory: String, gold: String, articles: Int, precision: Double, recall: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> GoldEvaluation {
        let evaluation = try Self.gold(gold, articles: TestPaths.fixtures.appendingPathComponent(directory))
        let misses = evaluation.findings.filter { $0.verdict != "found" && $0.verdict != "background" }
        #expect(evaluation.articles == articles, sourceLocation: sourceLocation)
        #expect(evaluation.claims.precision >= precision, "\(misses)", sourceLocation: sourceLocation)
        #expect(evaluation.claims.recall >= recall, "\(misses)", sourceLocation: sourceLocation)
        return evaluation
    }

    @Test func seedsGiveEveryGoldClaimAndNothingFromBackground() throws {
        let evaluation = try Self.gold("seeds-gold.jsonl", articles: TestPaths.seeds)
        #expect(evaluation.claims.recall == 1 && evaluation.claims.precision == 1, "\(evaluation.findings.filter { $0.verdict != "found" })")
        #expect(evaluation.fromBackground == 0)
        #expect(evaluation.dates.f1 == 1 && evaluation.attributions.f1 == 1)
    }

    /// Forty FA-KES articles labelled by hand (Fixtures/SOURCE.md). The first score, before any rule
    /// looked at them, was P 0.700 R 0.318; rules written since from their errors were checked on
    /// invented sentences and the CASE tune half, but these figures are no longer blind.
    @Test func fakes40() throws {
        let evaluation = try Self.fakesFixture("fakes40", gold: "fakes40-gold.jsonl", articles: 40, precision: 0.80, recall: 0.50)
        #expect(evaluation.dates.precision >= 0.80 && evaluation.dates.recall >= 0.40, "\(evaluation.dates)")
    }

    /// Twenty more FA-KES articles, labelled before the extractor read them (Fixtures/SOURCE.md).
    /// First score P 0.700 R 0.350; two general fixes since (backers in a coordinated phrase,
    /// "al-" name parts) were made after reading its errors, so 0.800 / 0.400 is no longer blind;
    /// the rules of 2026-11-22, written from its misses too, give 0.769 / 0.500.
    @Test func fakesBlind20() throws {
        try Self.fakesFixture("fakes-blind20", gold: "fakes-blind20-gold.jsonl", articles: 20, precision: 0.75, recall: 0.45)
    }

    /// Twenty more, drawn and labelled on 2026-11-22 after that day's rules were committed and
    /// scored once blind (Fixtures/SOURCE.md): P 0.778 R 0.412, the same as the build before those
    /// rules. Floors sit at that blind score; no rule may be written from its errors.
    @Test func fakesBlind20b() throws {
        try Self.fakesFixture("fakes-blind20b", gold: "fakes-blind20b-gold.jsonl", articles: 20, precision: 0.75, recall: 0.40)
    }

    /// Twenty more, drawn and labelled at the start of the second session of 2026-11-22, before
    /// that session's rules were written from other FA-KES articles (Fixtures/SOURCE.md): blind,
    /// P 1.000 R 0.000 before the rules and P 1.000 R 0.077 (one claim of 13) after. Floors sit
    /// at that blind score; no rule may be written from its errors.
    @Test func fakesBlind20c() throws {
        try Self.fakesFixture("fakes-blind20c", gold: "fakes-blind20c-gold.jsonl", articles: 20, precision: 0.5, recall: 0.07)
    }

    /// The issue's target on the whole CASE dev set: precision ≥ 0.90, recall ≥ 0.85.
    @Test func case2021DevMeetsTheTarget() throws {
        let evaluation = try Self.snippets("case2021-dev.tsv")
        #expect(evaluation.score.precision >= 0.90, "\(Self.errors(evaluation))")
        #expect(evaluation.score.recall >= 0.85, "\(Self.errors(evaluation))")
    }

    /// The half the rules were first written against.
    @Test func case2021TuneHalf() throws {
        let evaluation = try Self.snippets("case2021-tune.tsv")
        #expect(evaluation.score.precision >= 0.90, "\(Self.errors(evaluation))")
        #expect(evaluation.score.recall >= 0.80, "\(Self.errors(evaluation))")
    }

    /// The other half, blind until 2026-11-21, when its misses were read with the tune half's
    /// (Fixtures/quality/SOURCE.md); the blind check is now `fakesBlind20`.
    @Test func case2021HeldOutHalf() throws {
        let evaluation = try Self.snippets("case2021-heldout.tsv")
        #expect(evaluation.score.precision >= 0.80, "\(Self.errors(evaluation))")
        #expect(evaluation.score.recall >= 0.85, "\(Self.errors(evaluation))")
    }

    @Test func scoresCountWhatTheyShould() {
        var score = DetectionScore()
        for (predicted, actual) in [(true, true), (true, true), (true, false), (false, true), (false, false)] {
            score.count(predicted: predicted, actual: actual)
        }
        #expect(score.precision == 2.0 / 3.0)
        #expect(score.recall == 2.0 / 3.0)
        #expect(DetectionScore().precision == 1, "nothing predicted is not a wrong prediction")
    }

    @Test func badRowsAreNamed() {
        #expect(throws: EvaluationError.self) { try LabelledSnippet.parseTSV("id\ttext\tlabel\n7\tonly two", file: "x.tsv") }
        #expect(throws: EvaluationError.self) { try GoldArticle.parseJSONLines("{\"file\": 1}", file: "g.jsonl") }
    }
}

/// General patterns of territorial language, each as one plain sentence; none is a sentence of
/// the corpora.
@Suite struct ExtractionPatternTests {
    static func claims(_ text: String) throws -> [ClaimMention] {
        let article = Article(id: "t", file: "t.txt", text: text)
        return ClaimExtractor(lexicon: try TestPaths.lexicon()).extract(article: article).claims
    }

    @Test(arguments: [
        ("Government troops recaptured Marka on Tuesday.", "Marka"),
        ("Rebel fighters took control of Dar al Salam after heavy fighting.", "Dar al Salam"),
        ("The militia seized the town of Qaryat from the army.", "Qaryat"),
        ("Insurgents captured three police posts in Helmand province.", "three police posts in Helmand province"),
        ("Tribal forces, backed by air strikes from the coalition, retook the airport.", "the airport"),
        ("The army advanced on the city after retaking Wadi Khalid.", "Wadi Khalid"),
        ("Opposition fighters stormed the village, capturing Tal Hamid.", "Tal Hamid"),
        ("Haftar's forces withdrew from Gharyan on Friday.", "Gharyan"),
        ("Villages north of Palmyra fell to government forces.", "Palmyra"),
        ("Kasba was recaptured on Sunday, the ministry said.", "Kasba"),
        ("A strip of land was handed over by the rebels to the army.", "A strip of land"),
        ("Tribal fighters - supported by drones - retook Wadi Saqra on Monday.", "Wadi Saqra"),
        ("The army regained Tal Kurdi hill after a night of clashes.", "Tal Kurdi"),
        ("Marines seized the power plant on Monday.", "the power plant"),
        ("Police withdrew on Sunday from the Tarqa crossing.", "Tarqa"),
        ("Police withdrew today [Sunday] from the town of Kasba.", "Kasba"),
        ("Tribal fighters took control by force of the village of Umm Jurn.", "Umm Jurn"),
        ("Marines have taken two Free Syrian Army (FSA) camps in Marka.", "Marka"),
        ("The army pulled out of Zawiya area on Monday.", "Zawiya"),
        ("Islamic State fighters were driven out of Kasba by Kurdish forces.", "Kasba"),
        ("Rebel fighters stormed the town of Tell al-Sakhr on Monday.", "Tell al-Sakhr"),
    ])
    func statesAClaim(text: String, place: String) throws {
        let found = try Self.claims(text)
        #expect(found.contains { $0.kind.changesControl && ($0.places.map(\.name) + $0.areas.map(\.text) + $0.areas.compactMap(\.anchor)).contains(place) },
            "\(found.map(\.summaryLine))")
    }

    @Test(arguments: [
        "Police captured Abu Omar, a senior commander, in a raid.",  // a person
        "Customs officers seized weapons in the area.",  // goods
        "Ten rebels surrendered to the army in Idlib province.",  // people gave up, no place left
        "The army vowed to retake Marka.",  // an aim
        "Rebels did not capture the town.",  // negated
        "The militia could seize Qaryat within days.",  // modal
        "Landowners demanded the return of property seized by government forces.",  // goods, passive
        "The rebels seized Syrian positions last year in 2014.",  // history
        "The air force withdrew six jets from its base near Marka.",  // equipment, not a force
        "The agency did not say the rebels had been driven out of Kasba.",  // negated report of a passive
        "They failed to retake Marka, though they have driven rebel fighters back from villages south of it.",  // "they" unresolved
    ])
    func statesNoClaim(text: String) throws {
        let found = try Self.claims(text).filter { $0.kind.changesControl }
        #expect(found.isEmpty, "\(found.map(\.summaryLine))")
    }

    @Test func aPassiveAgentIsTheActorAfterBy() throws {
        let claim = try #require(try Self.claims("A strip of land was handed over by the rebels to the army.").first)
        #expect(claim.claimant?.name == "rebels")
        #expect(claim.kind == .withdrew)
    }

    /// Event dates against a publication date of Tuesday 2 January 2018; null when unknowable.
    @Test(arguments: [
        ("Government troops recaptured Marka on Sunday.", "2017-12-31"),
        ("Government troops recaptured Marka yesterday.", "2018-01-01"),
        ("Government troops recaptured Marka on Tuesday.", "2018-01-02"),
        ("Government troops recaptured Marka on December 30.", "2017-12-30"),
        ("Government troops recaptured Marka on 1 January.", "2018-01-01"),
        ("Government troops recaptured Marka on 29 May 2017, the ministry said.", "2017-05-29"),
        ("Government troops recaptured Marka after a week of fighting.", nil),
    ] as [(String, String?)])
    func datesResolveAgainstPublication(text: String, date: String?) throws {
        var article = Article(id: "t", file: "t.txt", text: text)
        article.published = "2018-01-02"
        let claims = ClaimExtractor(lexicon: try TestPaths.lexicon()).extract(article: article).claims
        let claim = try #require(claims.first)
        #expect(claim.eventDate == date)
        let undated = try #require(try Self.claims(text).first)
        #expect(undated.eventDate == (text.contains("2017") ? date : nil), "no publication date: only an explicit year dates it")
    }

    @Test func anOffensiveToTakeANamedPlaceKeepsTheName() throws {
        let claim = try #require(try Self.claims("The militia launched a counterattack to retake Qaryat on Friday.").first)
        #expect(claim.kind == .offensive)
        #expect(claim.places.map(\.name) == ["Qaryat"])
    }

    @Test(arguments: [
        ("Government troops recaptured Marka the interior ministry said.", "interior ministry"),
        ("Government troops recaptured Marka, a monitor said on Sunday.", "a monitor"),
        ("Government troops recaptured Marka, the Syrian Observatory for Human Rights said.", "Syrian Observatory for Human Rights"),
        ("Government troops recaptured Marka after they said talks had failed.", nil),
    ] as [(String, String?)])
    func aSpeakerAtTheEndAttributesTheClaim(text: String, speaker: String?) throws {
        let claim = try #require(try Self.claims(text).first)
        if let speaker {
            #expect(claim.attributedTo?.contains(speaker) == true, "\(claim.attributedTo ?? "nil")")
        } else {
            #expect(claim.attributedTo == nil)
        }
    }

    /// "X was driven out of P by Y": Y took P from X.
    @Test func aPassiveExpulsionNamesTheLoser() throws {
        let claim = try #require(try Self.claims("Islamic State was driven out of Kasba by Kurdish forces on Sunday.").first)
        #expect(claim.kind == .recaptured)
        #expect(claim.claimant?.name == "Kurdish forces")
        #expect(claim.opponent?.id == "islamic-state")
    }

    /// With no one named who drove it out ("were pushed back from", a headline's "pushed from",
    /// "shelling forced X from"), the side driven out lost the place: its withdrawal, never a
    /// capture by someone invented.
    @Test(arguments: [
        "Islamic State fighters were pushed back from the village of Tal Hamid.",
        "Islamic State fighters pushed from the town of Tal Hamid as rebels advance.",
        "Heavy shelling forced Islamic State fighters out of the town of Tal Hamid.",
    ])
    func anExpulsionByNoOneNamedIsTheLosersWithdrawal(text: String) throws {
        let claim = try #require(try Self.claims(text).first)
        #expect(claim.kind == .withdrew)
        #expect(claim.claimant?.id == "islamic-state")
        #expect(claim.opponent == nil)
        #expect(claim.places.map(\.name) == ["Tal Hamid"])
    }

    /// An infinitive after a verb of accomplishment states a done deed; after an aim, a failure
    /// or an inability it does not.
    @Test(arguments: [
        ("The army managed to take control of several villages east of Marka.", "army", "Marka"),
        ("Kurdish fighters were able to recapture Tal Hamid on Sunday.", "Kurdish fighters", "Tal Hamid"),
        ("The rebels continued to seize villages north of Kasba.", "rebels", "Kasba"),
        ("The army was able to restore security to Tal Hamid.", "army", "Tal Hamid"),
        ("The army restored security to Tal Hamid and Wadi Saqra.", "army", "Wadi Saqra"),
        ("Government troops forced the rebels from the town of Kasba.", "Government troops", "Kasba"),
    ])
    func anAccomplishedDeedIsAClaim(text: String, claimant: String, place: String) throws {
        let claim = try #require(try Self.claims(text).first)
        #expect(claim.kind.changesControl)
        #expect(claim.claimant?.name == claimant)
        #expect((claim.places.map(\.name) + claim.areas.compactMap(\.anchor)).contains(place), "\(claim.summaryLine)")
    }

    @Test(arguments: [
        "The rebels failed to take control of Marka.",
        "The army was unable to retake Kasba.",
        "Rebels tried to seize Kasba.",
        "The rebels had not managed to seize Kasba.",
        "Government troops forced thousands of residents from their homes in Marka.",  // people, not a force
        "The convoy drove from Marka to Kasba.",  // travel
    ])
    func anAimAFailureOrADisplacementIsNoClaim(text: String) throws {
        let found = try Self.claims(text).filter { $0.kind.changesControl }
        #expect(found.isEmpty, "\(found.map(\.summaryLine))")
    }

    /// Offensives told with other verbs and word orders: a perfect ("had begun"), "announced a
    /// campaign", "opened a new front", the noun before its verb ("an operation launched on Friday
    /// to seize", "an offensive that began on Sunday against"), and a bare name after "on",
    /// "against" or a direction.
    @Test(arguments: [
        ("The militia had begun a new offensive to capture Qaryat.", "militia", "Qaryat"),
        ("Kurdish forces announced a new campaign against Tal Hamid, a town held by the militants.", "Kurdish forces", "Tal Hamid"),
        ("Rebel fighters opened a new front against the army in the Kasba district.", "Rebel fighters", "Kasba"),
        ("The clashes are part of an operation launched on Friday to seize Wadi Saqra.", nil, "Wadi Saqra"),
        ("Militia fighters clashed with the army in an offensive that began last Sunday against rebel-held Kasba.", "Militia fighters", "Kasba"),
        ("The town was shelled during an assault launched by Kurdish forces on Marka.", "Kurdish forces", "Marka"),
        ("Tribal fighters began an assault north of Marka on Monday.", "Tribal fighters", "Marka"),
    ] as [(String, String?, String)])
    func anOffensiveIsReadInOtherWordings(text: String, claimant: String?, place: String) throws {
        let claim = try #require(try Self.claims(text).first { $0.kind == .offensive })
        #expect(claim.claimant?.name == claimant)
        #expect((claim.places.map(\.name) + claim.areas.compactMap(\.anchor)).contains(place), "\(claim.summaryLine)")
    }

    /// Who launched an offensive named before its verb: the owner in its noun phrase, never the
    /// sentence's first actor when that actor answers it; time words never join the name.
    @Test(arguments: [
        ("Rebels retaliated to a government offensive that began on Monday against Marka.", "government"),
        ("On Sunday evening rebels opened a new front against the army in the Kasba district.", "rebels"),
        ("In late September the army announced an operation to recapture Marka.", "army"),
    ])
    func anOffensiveNamesWhoLaunchedIt(text: String, claimant: String) throws {
        let claim = try #require(try Self.claims(text).first { $0.kind == .offensive })
        #expect(claim.claimant?.name == claimant)
    }

    /// "in November 2016" dates a sentence to the past as "in 2016" does, unless it also tells a
    /// recent day.
    @Test func aMonthAndYearMakeBackgroundUnlessADayIsTold() throws {
        #expect(try Self.claims("The army launched an offensive in November 2016 to retake Marka.").isEmpty)
        let claim = try #require(try Self.claims("On Sunday the militants recaptured the town of Marka, which the army took in April 2016.").first)
        #expect(claim.kind == .recaptured)
    }

    @Test(arguments: [
        "A chemical attack was launched on Marka this week.",  // a raid, not a push for ground
        "Gunmen opened fire on the front line near Marka.",
        "The army vowed to launch an offensive to retake Marka.",
        "The offensive that the army had planned against Marka never began.",
    ])
    func notAnOffensive(text: String) throws {
        let found = try Self.claims(text).filter { $0.kind == .offensive }
        #expect(found.isEmpty, "\(found.map(\.summaryLine))")
    }

    /// An actor named with what describes it ("loyal to", "backed by", "from") keeps the
    /// description; a pronoun subject stands for the nearest actor before it that is not a backer.
    @Test(arguments: [
        ("Forces loyal to the exiled government have wrested control of a military camp from the separatists.",
         "Forces loyal to the exiled government"),
        ("Sources close to the militants backed by Turkey reported that they have taken control of the village of Tal Hamid.",
         "militants backed by Turkey"),
        ("Tribal fighters backed by Syrian and Iranian forces have driven the militants out of the town of Kasba.",
         "Tribal fighters backed by Syrian and Iranian forces"),
        ("For nearly a week regime troops backed by Russian warplanes have been battling for control of Kasba.",
         "regime troops backed by Russian warplanes"),
    ])
    func anActorKeepsItsDescription(text: String, claimant: String) throws {
        let claim = try #require(try Self.claims(text).first)
        #expect(claim.claimant?.name == claimant)
    }

    @Test func anAcronymInBracketsIsNotAPlace() throws {
        let claim = try #require(try Self.claims("Marines have taken two Free Syrian Army (FSA) camps in Marka.").first)
        #expect(claim.places.map(\.name) == ["Marka"])
    }

    /// The rules of 2026-11-22 (second session), written from FA-KES articles outside every
    /// fixture; each sentence here is invented.
    @Test(arguments: [
        ("IS fighters captured four villages near Marka.", "Islamic State", "four villages near Marka"),  // "IS" is no "is"
        ("The rebels captured most of Wadi Saqra on Monday.", "rebels", "Wadi Saqra"),  // a bare name after "most of"
        ("Marines took control of part of the town on Sunday.", "Marines", "part of the town"),
        ("The militia took total control of Kasba.", "militia", "Kasba"),
        ("Kurdish fighters seized the grain silos and a road junction south of the city.", "Kurdish fighters", "the grain silos"),
        ("The army captured 5 square kilometres of territory on Monday.", "army", "5 square kilometres of territory"),
        ("Kurdish fighters battling the militia made advances near Marka seizing two villages.", "Kurdish fighters", "two villages"),
        ("The militia managed to control the 7 8 and 9 gas fields.", "militia", "the 7 8 and 9 gas fields"),
        ("Army units took control of al-Tawila and al-Jisr al-Kabir areas.", "Army units", "al-Jisr al-Kabir"),  // lower-case "al-" names
        ("Tribal fighters captured Tal Hamra Region after clashes.", "Tribal fighters", "Tal Hamra"),  // a capitalised place word
        ("The militia has since seized control of most of the countryside south of Kasba.", "militia", "most of the countryside south of Kasba"),
        ("Tribal forces made new advances near Marka overnight seizing a string of villages.", "Tribal forces", "a string of villages"),  // a lost comma
        ("Marines pushed back the rebels but the militia returned a week later retaking the town.", "militia", "the town"),
        ("Villagers fled with Kurdish fighters having retaken the town of Kasba.", "Kurdish fighters", "Kasba"),
        ("A doctor died in an airstrike on the Wadi Saqra area recently seized by rebels from the army.", "rebels", "Wadi Saqra"),
        ("Troops operating in the Kasba region seized the village of Tal Hamid.", "Troops operating in the Kasba region", "Tal Hamid"),
        ("1 August 2016 The rebels captured villages near Marka.", "rebels", "villages near Marka"),  // a date heading the text
        ("The official said the Kurds have taken two villages near Marka.", "Kurds", "two villages near Marka"),
        // Two verbs, one subject, with the subject's short name in brackets before the first.
        ("The Northern Brigades (NB) shot down two army drones and captured the town of Marka.", "Northern Brigades", "Marka"),
    ])
    func aNewFormStatesAClaim(text: String, claimant: String, place: String) throws {
        let found = try Self.claims(text).filter { $0.kind.changesControl }
        let claim = try #require(found.first, "\(text)")
        #expect(claim.claimant?.name == claimant, "\(claim.summaryLine)")
        #expect((claim.places.map(\.name) + claim.places.map(\.mention) + claim.areas.map(\.text)).contains(place), "\(claim.summaryLine)")
    }

    @Test(arguments: [
        "Militants briefly seized control of Kasba after overrunning an army post.",  // a raid, not held
        "Villagers fighting the militia made advances near Marka seizing villages.",  // the only actor is an object
        "The rebels accused the army of seizing the town of Kasba.",  // governed -ing
        "The army is focusing its efforts on capturing Tal Hamid.",  // an aim
        "The rebels took over most of the city in the summer of 2012.",  // history
        "The army has captured vast territory over the past two years.",  // a summary, not news
        "Iraqi territory taken by the militia joined land held by the army.",  // "Iraqi" is no place
    ])
    func aNewFormStatesNoClaim(text: String) throws {
        let found = try Self.claims(text).filter { $0.kind.identityClass == "control" }
        #expect(found.isEmpty, "\(found.map(\.summaryLine))")
    }

    @Test func anAgentlessPassiveKeepsTheClaimantUnknown() throws {
        let claim = try #require(try Self.claims("Kasba was recaptured from Islamic State on Sunday.").first)
        #expect(claim.claimant == nil, "never invented")
        #expect(claim.opponent?.id == "islamic-state")
    }
}
