/// The categories of `cues.tsv` the rules read. The rules name a category by case, and the
/// lexicon keeps one matcher per case in an array, so finding a cue costs no lookup by name.
/// A category the file does not define matches nothing.
public enum CueCategory: Int, CaseIterable, Sendable {
    case accomplishment, according, actorModifier, actorNoun, attribution, backer, boundary, denial, determiner
    case direction, feature, history, include, intent, modal, negation, ownerNoun, passive, perfect, placePrefix
    case placeSuffix, pronoun, raidNoun, relation, reportNoun, speaker, target, time, transient

    /// The category's name in the first column of `cues.tsv`, in case order.
    static let names = [
        "accomplishment", "according", "actor-modifier", "actor-noun", "attribution", "backer", "boundary", "denial", "determiner",
        "direction", "feature", "history", "include", "intent", "modal", "negation", "owner-noun", "passive", "perfect", "place-prefix",
        "place-suffix", "pronoun", "raid-noun", "relation", "report-noun", "speaker", "target", "time", "transient",
    ]

    public var name: String { Self.names[self.rawValue] }
}
