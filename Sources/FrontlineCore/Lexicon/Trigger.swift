/// A trigger of `triggers.tsv`: a verb phrase that can state a change of control.
public struct Trigger: Sendable, Hashable {
    /// How the trigger's arguments sit around it.
    public enum Frame: String, Sendable, Hashable {
        /// ACTOR took PLACE (from OPPONENT).
        case direct
        /// ACTOR pushed OPPONENT out of / from PLACE.
        case expel
        /// ACTOR withdrew from PLACE: the actor is the side that left.
        case withdraw
        /// PLACE fell to ACTOR.
        case fell
        /// ACTOR launched an offensive (to take PLACE / on PLACE).
        case offensive
        /// The noun an `offensive` verb must govern ("offensive", "operation", "assault").
        case offensiveNoun = "offensive-noun"
    }

    /// Which verb form the phrase is; participles state a claim only after "had/has/have", and
    /// -ing forms only as a done deed ("after seizing X", "by retaking X", ", capturing X").
    public enum Form: String, Sendable, Hashable {
        case past
        case participle
        case both
        case gerund
        /// An -ing form that alone tells a state ("the group, controlling the north, …"): a done
        /// deed only right after "after" or "by" ("by controlling the entire area").
        case gerundAfter = "gerund-after"
        /// A bare infinitive ("retake"): a done deed only after a verb of accomplishment ("managed
        /// to retake", "were able to seize", "continued to seize"); never after "vowed to".
        case infinitive
        /// Whether this is an -ing form (its subject is the sentence's main subject).
        public var isGerund: Bool { self == .gerund || self == .gerundAfter }
        /// An ongoing fight ("are still fighting for X", "battling for control of X"): read in the
        /// active voice whatever auxiliary comes before it.
        case progressive
    }

    /// What the object of a `direct` trigger must be for a claim.
    public enum Object: String, Sendable, Hashable {
        /// A known place, a named place ("the town of X", "X province") or a territorial noun
        /// ("a central town", "positions"): verbs that also take people or goods ("captured",
        /// "seized") need one.
        case place
        /// Any of those, or a bare capitalised name ("retook Marka"): verbs that only take territory.
        case named
        /// A preposition, then a place ("gained ground inside X").
        case locative
    }

    public var phrase: String
    public var kind: ClaimKind
    public var frame: Frame
    public var form: Form
    public var object: Object = .place
}

/// A gazetteer match on a token range.
public struct PlaceAlias: Sendable, Hashable {
    public var gazetteerID: String
}

/// An actor alias match; all-caps aliases ("IS") match only all-caps text.
public struct ActorAlias: Sendable, Hashable {
    public var actorID: String
    public var capsOnly: Bool
}

/// A known news outlet and how it signs its copy.
public struct OutletEntry: Sendable, Hashable {
    public var name: String
    /// Names as they appear in a dateline "(Reuters)" or a footer.
    public var aliases: [String]
}
