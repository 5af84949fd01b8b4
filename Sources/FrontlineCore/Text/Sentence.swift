/// A sentence or a free-standing line (headline, caption) of an article.
public struct Sentence: Sendable, Hashable {
    /// Position of the sentence in its article, from 0.
    public var index: Int
    /// UTF-8 byte range in the article text.
    public var start: Int
    public var end: Int
    /// The sentence's tokens, a slice of the article's tokens.
    public var tokens: ArraySlice<Token>
    /// The sentence ends with terminal punctuation; headlines and captions do not.
    public var isTerminated: Bool

    public init(index: Int, start: Int, end: Int, tokens: ArraySlice<Token>, isTerminated: Bool) {
        self.index = index
        self.start = start
        self.end = end
        self.tokens = tokens
        self.isTerminated = isTerminated
    }

    /// The exact source text of the sentence, cut from the article's UTF-8 bytes (taken once per
    /// article by the caller, not once per sentence).
    public func text(in articleBytes: [UInt8]) -> String {
        String(decoding: articleBytes[self.start..<self.end], as: UTF8.self)
    }
}
