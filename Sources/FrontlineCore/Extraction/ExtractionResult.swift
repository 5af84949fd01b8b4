/// A sentence that speaks of territory but is not a claim, and why.
public struct ContextNote: Sendable, Hashable, Codable {
    public var sentence: String
    public var reason: String
    public var start: Int
    public var end: Int

    public init(sentence: String, reason: String, start: Int, end: Int) {
        self.sentence = sentence
        self.reason = reason
        self.start = start
        self.end = end
    }
}

/// What the extractor found in one article.
public struct ExtractionResult: Sendable, Hashable, Codable {
    public var claims: [ClaimMention]
    public var context: [ContextNote]

    public init(claims: [ClaimMention], context: [ContextNote]) {
        self.claims = claims
        self.context = context
    }
}
