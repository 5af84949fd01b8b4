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
