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
