import Testing

@testable import FrontlineCore

/// The lexicon as a value: copies share their tables until one changes; the cue categories the
/// rules name are all in the shipped `cues.tsv`.
@Suite struct LexiconTests {
    @Test func aCopyChangesAloneAndKeepsItsDerivedTables() throws {
        let original = try TestPaths.lexicon()
        var copy = original
        copy.addPlace(GazetteerEntry(id: "test-1", name: "Qaryat Zzyzx", lat: 1, lon: 2, country: "XX", feature: "PPL", alternates: ["Zzyzx"]))
        copy.languages = []
        copy.cues["negation"] = PhraseMatcher<String>()
        #expect(copy.placeID(named: "Zzyzx") == "test-1")
        #expect(original.placeID(named: "Zzyzx") == nil)
        #expect(copy.languageDetector.profiles.isEmpty)
        #expect(!original.languageDetector.profiles.isEmpty)
        #expect(!copy.isCue(.negation, "not"))
        #expect(original.isCue(.negation, "not"))
    }

    /// Every category a rule names is defined in the shipped `cues.tsv` (a misspelt name would
    /// silently match nothing), and the names line up with the cases.
    @Test func everyCueCategoryIsInTheLexicon() throws {
        let lexicon = try TestPaths.lexicon()
        #expect(CueCategory.names.count == CueCategory.allCases.count)
        #expect(Set(CueCategory.names).count == CueCategory.names.count)
        for category in CueCategory.allCases {
            #expect(lexicon.cues[category.name].map { !$0.isEmpty } == true, "\(category.name)")
        }
        #expect(lexicon.isCue(.negation, "not"))
        #expect(!lexicon.isCue(.negation, "captured"))
    }
}
