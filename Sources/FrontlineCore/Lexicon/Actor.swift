/// A canonical actor of the actor lexicon, or an actor the lexicon does not know, kept as its text.
public struct ActorRef: Sendable, Hashable, Codable {
    /// Canonical id from the lexicon; `nil` for an unknown actor.
    public var id: String?
    public var name: String

    public init(id: String?, name: String) {
        self.id = id
        self.name = name
    }

    /// The key two mentions must share to be the same actor.
    public var key: String { self.id ?? "text:" + Tokenizer.tokenize(self.name).map(\.text).joined(separator: " ") }
}

/// An entry of `actors.tsv`.
public struct ActorEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    public var aliases: [String]
}

/// A descriptor of `descriptors.tsv`: every group must have one of its words in a noun phrase for it
/// to name the actor ("Iraq's Iran-backed Shi'ite paramilitary force" → Popular Mobilisation Forces).
public struct ActorDescriptor: Sendable, Hashable {
    public var actorID: String
    public var groups: [Set<String>]

    public func matches(_ words: Set<String>) -> Bool {
        self.groups.allSatisfy { !$0.isDisjoint(with: words) }
    }
}
