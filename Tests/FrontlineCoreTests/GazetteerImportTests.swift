import Foundation
import FrontlineCore
import Testing

/// GeoNames rows into gazetteer entries, and those entries resolving places in claims.
@Suite struct GazetteerImportTests {
    func imported(_ options: GeoNamesImport.Options = .init()) throws -> (Lexicon, GeoNamesImport.Result) {
        let lexicon = try TestPaths.lexicon()
        let text = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("geonames-sample.txt"), encoding: .utf8)
        return (lexicon, GeoNamesImport(lexicon: lexicon, options: options).run(text))
    }

    @Test func rowsAreFilteredAndNamesKeptOnlyWhenTheyCanMatchEnglish() throws {
        let (_, result) = try self.imported()
        #expect(result.rowsRead == 8)
        #expect(result.malformedLines == [6])
        #expect(result.filteredOut == 1, "the river is class H")
        let names = result.entries.map(\.name)
        #expect(!names.contains("Sunday") && !names.contains("Army"), "lexicon words never become places: \(names)")
        #expect(names.first == "Nīnawá", "most populous first: \(names)")
        let talAfar = try #require(result.entries.first { $0.id == "gn:99062" })
        #expect(talAfar.name == "Tall ‘Afar")
        #expect(talAfar.alternates.contains("Tal Afar") && talAfar.alternates.contains("Telafer"))
        #expect(!talAfar.alternates.contains { $0.unicodeScalars.contains { $0.value >= 0x0600 && $0.value <= 0x06FF } }, "Arabic script dropped")
        #expect(talAfar.feature == "city" && talAfar.country == "IQ")
        #expect(result.entries.first { $0.id == "gn:99131" }?.feature == "region")
        #expect(result.entries.first { $0.id == "gn:170017" }?.feature == "town")

        var options = GeoNamesImport.Options()
        options.countries = ["SY"]
        options.minimumPopulation = 1000
        #expect(try self.imported(options).1.entries.map(\.id) == ["gn:170017"])
    }

    @Test func importedPlacesResolveAndHandKeptNamesWin() throws {
        let (base, result) = try self.imported()
        var files: [String: String] = [:]
        for name in Lexicon.fileNames {
            files[name] = try? String(contentsOf: TestPaths.lexiconDirectory.appendingPathComponent(name), encoding: .utf8)
        }
        files["gazetteer-sample.tsv"] = result.entries.map(\.tsvLine).joined(separator: "\n")
        let lexicon = try Lexicon(files: files)
        #expect(lexicon.gazetteer.count == base.gazetteer.count + result.entries.count)

        let text = """
            Kurdish fighters said on Monday they had recaptured Kobani from Islamic State.

            Iraqi forces retook Telafer from Islamic State, the army said.

            Iraqi forces recaptured Mosul from Islamic State, the prime minister said.
            """
        let article = ArticleReader(lexicon: lexicon).article(id: "a", file: "a.txt", text: text)
        let claims = ClaimExtractor(lexicon: lexicon).extract(article: article).claims
        let places = claims.flatMap(\.places)
        #expect(places.first { $0.mention == "Kobani" }?.gazetteerID == "gn:170017", "\(places)")
        // A spelling only the import knows ("Telafer"); the hand-kept Tal Afar entry lacks it.
        let talAfar = try #require(places.first { $0.mention == "Telafer" }, "\(places)")
        #expect(talAfar.gazetteerID == "gn:99062" && talAfar.name == "Tall ‘Afar")
        #expect(talAfar.lat == 36.37644)
        #expect(places.first { $0.mention == "Mosul" }?.gazetteerID == "iq-mosul", "gazetteer.tsv wins over imports")
    }
}
