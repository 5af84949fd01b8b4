/// The lexicon's contents, shared between copies until one is changed (copy on write): the
/// extractor, the reader and each sentence's analysis hold the lexicon, and copying it is one
/// reference count rather than one per table. Reads borrow the tables in place.
final class LexiconStorage: @unchecked Sendable {
    var version: String = ""
    var actors: [String: ActorEntry] = [:]
    var descriptors: [ActorDescriptor] = []
    var triggers: [Trigger] = []
    var gazetteer: [String: GazetteerEntry] = [:]
    var outlets: [OutletEntry] = []
    var boilerplate = Boilerplate()
    var languages: [LanguageProfile] = []
    var languageDetector: LanguageDetector = LanguageDetector(profiles: [])
    var cues: [String: PhraseMatcher<String>] = [:]
    var cueMatchers: [PhraseMatcher<String>] = []
    var actorMatcher: PhraseMatcher<ActorAlias> = PhraseMatcher<ActorAlias>()
    var triggerMatcher: PhraseMatcher<Trigger> = PhraseMatcher<Trigger>()
    var placeMatcher: PhraseMatcher<PlaceAlias> = PhraseMatcher<PlaceAlias>()
    var outletMatcher: PhraseMatcher<String> = PhraseMatcher<String>()

    init() {}

    func copy() -> LexiconStorage {
        let copy = LexiconStorage()
        copy.version = self.version
        copy.actors = self.actors
        copy.descriptors = self.descriptors
        copy.triggers = self.triggers
        copy.gazetteer = self.gazetteer
        copy.outlets = self.outlets
        copy.boilerplate = self.boilerplate
        copy.languages = self.languages
        copy.languageDetector = self.languageDetector
        copy.cues = self.cues
        copy.cueMatchers = self.cueMatchers
        copy.actorMatcher = self.actorMatcher
        copy.triggerMatcher = self.triggerMatcher
        copy.placeMatcher = self.placeMatcher
        copy.outletMatcher = self.outletMatcher
        return copy
    }
}

extension Lexicon {
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&self.storage) { self.storage = self.storage.copy() }
    }

    public var version: String {
        _read { yield self.storage.version }
        _modify {
            self.makeUnique()
            yield &self.storage.version
        }
    }

    public var actors: [String: ActorEntry] {
        _read { yield self.storage.actors }
        _modify {
            self.makeUnique()
            yield &self.storage.actors
        }
    }

    public var descriptors: [ActorDescriptor] {
        _read { yield self.storage.descriptors }
        _modify {
            self.makeUnique()
            yield &self.storage.descriptors
        }
    }

    public var triggers: [Trigger] {
        _read { yield self.storage.triggers }
        _modify {
            self.makeUnique()
            yield &self.storage.triggers
        }
    }

    public var gazetteer: [String: GazetteerEntry] {
        _read { yield self.storage.gazetteer }
        _modify {
            self.makeUnique()
            yield &self.storage.gazetteer
        }
    }

    public var outlets: [OutletEntry] {
        _read { yield self.storage.outlets }
        _modify {
            self.makeUnique()
            yield &self.storage.outlets
        }
    }

    /// Web boilerplate: whole lines and line beginnings, normalised.
    public var boilerplate: Boilerplate {
        _read { yield self.storage.boilerplate }
        _modify {
            self.makeUnique()
            yield &self.storage.boilerplate
        }
    }

    /// Function words of the languages told apart from English.
    public var languages: [LanguageProfile] {
        _read { yield self.storage.languages }
        _modify {
            self.makeUnique()
            yield &self.storage.languages
            self.storage.languageDetector = LanguageDetector(profiles: self.storage.languages)
        }
    }

    /// The detector over `languages`, built once.
    public var languageDetector: LanguageDetector {
        _read { yield self.storage.languageDetector }
    }

    /// Cue word lists by category (`attribution`, `modal`, `negation`…), as token sequences.
    public var cues: [String: PhraseMatcher<String>] {
        _read { yield self.storage.cues }
        _modify {
            self.makeUnique()
            yield &self.storage.cues
            self.storage.cueMatchers = Self.cueMatchers(self.storage.cues)
        }
    }

    /// `cues` by ``CueCategory``, in case order.
    var cueMatchers: [PhraseMatcher<String>] {
        _read { yield self.storage.cueMatchers }
    }

    var actorMatcher: PhraseMatcher<ActorAlias> {
        _read { yield self.storage.actorMatcher }
        _modify {
            self.makeUnique()
            yield &self.storage.actorMatcher
        }
    }

    var triggerMatcher: PhraseMatcher<Trigger> {
        _read { yield self.storage.triggerMatcher }
        _modify {
            self.makeUnique()
            yield &self.storage.triggerMatcher
        }
    }

    var placeMatcher: PhraseMatcher<PlaceAlias> {
        _read { yield self.storage.placeMatcher }
        _modify {
            self.makeUnique()
            yield &self.storage.placeMatcher
        }
    }

    var outletMatcher: PhraseMatcher<String> {
        _read { yield self.storage.outletMatcher }
        _modify {
            self.makeUnique()
            yield &self.storage.outletMatcher
        }
    }
}
