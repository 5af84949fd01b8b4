import Foundation
import Testing

/// `frontlinectl gazetteer import` into a lexicon directory, then `extract` with that lexicon.
@Suite struct GazetteerCommandTests {
    @Test func anImportedGeoNamesDumpResolvesPlacesOffline() throws {
        let work = URL(fileURLWithPath: "/tmp/flgz-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let lexicon = work.appendingPathComponent("lexicon")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Project.root.appendingPathComponent("Config/lexicon"), to: lexicon)
        let dump = Project.root.appendingPathComponent("Tests/FrontlineCoreTests/Fixtures/geonames-sample.txt").path

        let imported = try runCommand(Project.frontlinectl, ["gazetteer", "import", dump, "--lexicon-dir", lexicon.path, "--countries", "IQ"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("kept 4 places"), "\(imported.output)")
        let written = lexicon.appendingPathComponent("gazetteer-geonames-sample.tsv")
        #expect(FileManager.default.fileExists(atPath: written.path))

        let config = work.appendingPathComponent("frontline.toml")
        try "lexicon_dir = \"\(lexicon.path)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let article = work.appendingPathComponent("a.txt")
        try "Singara\n\nKurdish forces said they had retaken Singara from Islamic State on Friday.\n".write(to: article, atomically: true, encoding: .utf8)
        let extracted = try runCommand(Project.frontlinectl, ["extract", "--json", "--config", config.path, article.path], includeStandardError: false)
        let output = try #require(try JSONSerialization.jsonObject(with: Data(extracted.output.utf8)) as? [String: Any], "\(extracted.output)")
        let places = ((output["claims"] as? [[String: Any]])?.first?["places"] as? [[String: Any]]) ?? []
        #expect(places.first?["gazetteer_id"] as? String == "gn:98245", "\(places)")

        let refused = try runCommand(Project.frontlinectl, ["gazetteer", "import", "/etc/hostname", "--lexicon-dir", lexicon.path])
        #expect(refused.status == 1)
        #expect(refused.output.contains("holds no GeoNames rows") && !refused.output.contains("Usage"), "\(refused.output)")
    }
}
