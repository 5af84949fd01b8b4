/// The lexicon's contents. `Lexicon.init(files:)` builds them in a `LexiconTables` of its own
/// and then freezes them in a `LexiconStorage` that every copy of the lexicon shares: the
/// extractor, the reader and each sentence's analysis hold the lexicon, and copying it is one
/// reference count rather than one per table.
///
/// The tables are a `let` of a final class, so reads borrow them in place with no reference
/// counting: the extractor reads a matcher for nearly every token of a sentence. A change after
/// the build (tests do this; the daemon never does) copies the tables into new storage.
struct LexiconTables: Sendable {
    var version: String = ""
    var actors: [String: ActorEntry] = [:]
    var descriptors: [ActorDescriptor] = []
    var triggers: [Trigger] = []
    var gazetteer: [String: GazetteerEntry] = [:]
    var outlets: [OutletEntry] = []
    var boilerplate: Boilerplate = Boilerplate()
    var languages: [LanguageProfile] = []
    var languageDetector: LanguageDetector = LanguageDetector(profiles: [])
    var cues: [String: PhraseMatcher<String>] = [:]
    var cueMatchers: [PhraseMatcher<String>] = []
    var actorMatcher: PhraseMatcher<ActorAlias> = PhraseMatcher<ActorAlias>()
    var triggerMatcher: PhraseMatcher<Trigger> = PhraseMatcher<Trigger>()
    var placeMatcher: PhraseMatcher<PlaceAlias> = PhraseMatcher<PlaceAlias>()
    var outletMatcher: PhraseMatcher<String> = PhraseMatcher<String>()

    /// Adds a gazetteer entry; an entry already there under the same id is kept.
    mutating func addPlace(_ entry: GazetteerEntry) {
        guard self.gazetteer[entry.id] == nil else { return }
        self.gazetteer[entry.id] = entry
        for name in [entry.name] + entry.alternates {
            self.placeMatcher.insert(name, value: PlaceAlias(gazetteerID: entry.id))
        }
    }
}

final class LexiconStorage: Sendable {
    let tables: LexiconTables

    init(_ tables: LexiconTables) {
        self.tables = tables
    }
}

extension Lexicon {
    static let emptyStorage = LexiconStorage(LexiconTables())

    /// Changes the tables and stores them in new storage (other copies of the lexicon keep
    /// theirs). When this lexicon held the storage alone, the tables are taken out of it first,
    /// so their contents are not shared and change in place.
    mutating func modifyTables(_ body: (inout LexiconTables) -> Void) {
        var tables = self.storage.tables
        self.storage = Self.emptyStorage
        body(&tables)
        self.storage = LexiconStorage(tables)
    }

    public var version: String {
        _read { yield self.storage.tables.version }
        set { self.modifyTables { $0.version = newValue } }
    }

    public var actors: [String: ActorEntry] {
        _read { yield self.storage.tables.actors }
        set { self.modifyTables { $0.actors = newValue } }
    }

    public var descriptors: [ActorDescriptor] {
        _read { yield self.storage.tables.descriptors }
        set { self.modifyTables { $0.descriptors = newValue } }
    }

    public var triggers: [Trigger] {
        _read { yield self.storage.tables.triggers }
        set { self.modifyTables { $0.triggers = newValue } }
    }

    public var gazetteer: [String: GazetteerEntry] {
        _read { yield self.storage.tables.gazetteer }
        set { self.modifyTables { $0.gazetteer = newValue } }
    }

    public var outlets: [OutletEntry] {
        _read { yield self.storage.tables.outlets }
        set { self.modifyTables { $0.outlets = newValue } }
    }

    /// Web boilerplate: whole lines and line beginnings, normalised.
    public var boilerplate: Boilerplate {
        _read { yield self.storage.tables.boilerplate }
        set { self.modifyTables { $0.boilerplate = newValue } }
    }

    /// Function words of the languages told apart from English.
    public var languages: [LanguageProfile] {
        _read { yield self.storage.tables.languages }
        set {
            self.modifyTables { tables in
                tables.languages = newValue
                tables.languageDetector = LanguageDetector(profiles: tables.languages)
            }
        }
    }

    /// The detector over `languages`, built once.
    public var languageDetector: LanguageDetector {
        _read { yield self.storage.tables.languageDetector }
    }

    /// Cue word lists by category (`attribution`, `modal`, `negation`…), as token sequences.
    public var cues: [String: PhraseMatcher<String>] {
        _read { yield self.storage.tables.cues }
        set {
            self.modifyTables { tables in
                tables.cues = newValue
                tables.cueMatchers = Self.cueMatchers(tables.cues)
            }
        }
    }

    /// `cues` by ``CueCategory``, in case order.
    var cueMatchers: [PhraseMatcher<String>] {
        _read { yield self.storage.tables.cueMatchers }
    }

    var actorMatcher: PhraseMatcher<ActorAlias> {
        _read { yield self.storage.tables.actorMatcher }
    }

    var triggerMatcher: PhraseMatcher<Trigger> {
        _read { yield self.storage.tables.triggerMatcher }
    }

    var placeMatcher: PhraseMatcher<PlaceAlias> {
        _read { yield self.storage.tables.placeMatcher }
    }

    var outletMatcher: PhraseMatcher<String> {
        _read { yield self.storage.tables.outletMatcher }
    }
}
