import Foundation
import FrontlineCore

/// Paths to the project's own data, found from this file so tests run from any directory.
enum TestPaths {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = projectRoot.appendingPathComponent("seeds")
    static let lexiconDirectory = projectRoot.appendingPathComponent("Config/lexicon")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func lexicon() throws -> Lexicon {
        var files: [String: String] = [:]
        for name in Lexicon.fileNames {
            let url = lexiconDirectory.appendingPathComponent(name)
            if let text = try? String(contentsOf: url, encoding: .utf8) { files[name] = text }
        }
        return try Lexicon(files: files)
    }

    /// A gold file of the fixtures, in the format `frontlinectl eval --gold` reads.
    static func gold(_ name: String) throws -> [GoldArticle] {
        let url = fixtures.appendingPathComponent(name)
        return try GoldArticle.parseJSONLines(try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    static func seedFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func article(_ url: URL, lexicon: Lexicon) throws -> Article {
        let bytes = try [UInt8](Data(contentsOf: url))
        return try ArticleReader(lexicon: lexicon).read(id: url.lastPathComponent, file: url.lastPathComponent, bytes: bytes).get()
    }
}
