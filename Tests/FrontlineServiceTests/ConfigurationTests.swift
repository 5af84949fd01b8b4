import Foundation
import FrontlineService
import Testing

@Suite struct ConfigurationTests {
    static let projectConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/frontline.toml").path

    @Test func shippedConfigParsesToTheDefaults() throws {
        let configuration = try DaemonConfiguration.load(file: Self.projectConfig)
        #expect(configuration == DaemonConfiguration())
    }

    @Test func deskKeysParse() throws {
        let text = """
            editors = [1000, "root"]
            alert_command = ["/usr/share/frontline/hooks/alert-line", "/tmp/alerts.txt"]
            alert_command_timeout = 2.5

            [[alert_rule]]
            name = "Nineveh"
            place = "Mosul"
            within_km = 120
            to = ["hook"]

            [[alert_rule]]
            kind = ["claim.contested", "captured"]
            actor = "PMF"
            country = "IQ"
            min_sources = 2
            """
        let configuration = try DaemonConfiguration(tomlText: text, file: "x.toml")
        #expect(configuration.editors == [1000, 0])
        #expect(configuration.alertCommand == ["/usr/share/frontline/hooks/alert-line", "/tmp/alerts.txt"])
        #expect(configuration.alertCommandTimeout == 2.5)
        #expect(configuration.alertRules.map(\.name) == ["Nineveh", "alert_rule #2"])
        #expect(configuration.alertRules[0].withinKm == 120 && configuration.alertRules[0].targets == [.hook])
        #expect(configuration.alertRules[1].kinds == ["claim.contested", "captured"] && configuration.alertRules[1].minIndependentSources == 2)
        #expect(configuration.alertRules[1].targets == [.journal, .hook])
        for (bad, reason) in [
            ("[[alert_rule]]\nplace = \"Mosul\"\nradius = 5\n", "unknown key 'radius'"),
            ("[[alert_rule]]\nwithin_km = 5\n", "with 'place' to measure from"),
            ("[[alert_rule]]\nto = [\"pager\"]\n", "not 'pager'"),
            ("alert_command = \"notify-desk\"\n", "absolute path"),
            ("editors = [\"no-such-user-here\"]\n", "neither a user id nor a known user name"),
        ] {
            #expect {
                _ = try DaemonConfiguration(tomlText: bad, file: "x.toml")
            } throws: { error in
                (error as? ConfigurationError)?.reason.contains(reason) == true
            }
        }
    }

    @Test func errorsNameTheLineAndReason() {
        let text = "inbox = \"/tmp/in\"\n\nprocessed = \"archive\"\n"
        #expect {
            _ = try DaemonConfiguration(tomlText: text, file: "x.toml")
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.line == 3 && error?.reason.contains("move, keep or delete") == true
        }
        #expect {
            _ = try DaemonConfiguration(tomlText: "inbx = \"/tmp\"\n", file: "x.toml")
        } throws: { error in
            (error as? ConfigurationError)?.description == "x.toml:1: unknown key 'inbx'"
        }
        #expect {
            _ = try DaemonConfiguration(tomlText: "inbox = [\n", file: "x.toml")
        } throws: { error in
            (error as? ConfigurationError)?.line != nil
        }
    }

    @Test(arguments: [
        ("article.txt", true), (".article.txt", false), ("article.tmp", false), ("article.part", false),
        ("article.txt.swp", false), ("article.txt~", false), ("bad.txt.reason", false),
    ])
    func temporaryNamesAreIgnored(name: String, candidate: Bool) {
        #expect(InboxName(name).isCandidate == candidate)
    }

    @Test func lexiconErrorsNameFileAndLine() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lex-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "pmf\tPMF\tPMF\n".write(to: directory.appendingPathComponent("actors.tsv"), atomically: true, encoding: .utf8)
        try "# comment\ncaptured\tcaptured\tsideways\n".write(to: directory.appendingPathComponent("triggers.tsv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try LexiconLoader.load(directory: directory.path)
        } throws: { error in
            (error as? ConfigurationError)?.description == "\(directory.path)/triggers.tsv:2: unknown frame 'sideways'"
        }
    }
}

@Suite struct ReloadPlanTests {
    @Test func restartOnlyKeysKeepTheirRunningValueAndAreNamed() {
        let running = DaemonConfiguration()
        var new = running
        new.inbox = "/elsewhere"
        new.dateWindowDays = 3
        new.allowPost = false
        new.logLevel = "debug"
        new.maxArticleBytes = 1024
        let plan = running.reloadPlan(to: new)
        #expect(plan.needRestart == ["inbox", "date_window_days"])
        #expect(plan.applied.inbox == running.inbox)
        #expect(plan.applied.dateWindowDays == running.dateWindowDays)
        #expect(!plan.applied.allowPost)
        #expect(plan.applied.logLevel == "debug")
        #expect(plan.applied.maxArticleBytes == 1024)
    }

    @Test func anUnchangedFileNeedsNoRestart() {
        #expect(DaemonConfiguration().reloadPlan(to: DaemonConfiguration()).needRestart.isEmpty)
    }
}

@Suite struct PipelineProgressTests {
    let start = ContinuousClock.now

    @Test func anIdlePipelineIsMovingHoweverLongItWaits() {
        let progress = PipelineProgress(now: self.start)
        #expect(progress.isMoving(now: self.start + .seconds(3600), limit: .seconds(1)))
    }

    @Test func workWithNoOutcomeFinishedWithinTheLimitIsAStall() {
        let progress = PipelineProgress(now: self.start)
        progress.queued(now: self.start + .seconds(100))
        #expect(progress.isMoving(now: self.start + .seconds(100.5), limit: .seconds(1)))
        #expect(!progress.isMoving(now: self.start + .seconds(102), limit: .seconds(1)))
        #expect(progress.waiting == 1)
        progress.finished(now: self.start + .seconds(103))
        #expect(progress.isMoving(now: self.start + .seconds(200), limit: .seconds(1)))
    }

    @Test func aBusyPipelineThatKeepsFinishingIsMoving() {
        let progress = PipelineProgress(now: self.start)
        for second in 0..<10 {
            progress.queued(now: self.start + .seconds(second))
            progress.queued(now: self.start + .seconds(second))
            progress.finished(now: self.start + .seconds(Double(second) + 0.9))
            #expect(progress.isMoving(now: self.start + .seconds(Double(second) + 1.5), limit: .seconds(1)))
        }
        #expect(progress.waiting == 10)
        #expect(!progress.isMoving(now: self.start + .seconds(12), limit: .seconds(1)))
    }
}

@Suite struct JournalLogHandlerTests {
    @Test func metadataKeysBecomeJournalFieldNames() {
        #expect(JournalLogHandler.fieldName("article.path") == "FRONTLINE_ARTICLE_PATH")
        #expect(JournalLogHandler.fieldName("log.cut_bytes") == "FRONTLINE_LOG_CUT_BYTES")
        #expect(JournalLogHandler.fieldName("peer-uid") == "FRONTLINE_PEER_UID")
    }

    @Test func aStreamThatIsNotStandardErrorIsNotTheJournal() {
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: [:]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "1:2"]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "garbage"]))
    }
}
