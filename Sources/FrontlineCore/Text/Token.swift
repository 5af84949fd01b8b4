/// One word or punctuation mark of an article, with its place in the article's UTF-8 bytes.
///
/// `text` is the normalised form used for matching: lower case, typographic apostrophes and
/// quotes folded to ASCII. `start`/`end` are UTF-8 byte offsets into the original text, so a match
/// always maps back to the exact bytes a human can check.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word
        case number
        case punctuation
    }

    public var text: String {
        didSet { self.key = FNV1a.hash(self.text) }
    }
    /// FNV-1a of `text`'s UTF-8: the key the phrase matcher probes with.
    public private(set) var key: UInt64
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// The first letter was upper case in the source.
    public var isCapitalized: Bool
    /// Every letter was upper case in the source (acronyms such as "IS", "PMF").
    public var isAllCaps: Bool
    /// A line break separates this token from the previous one.
    public var newlineBefore: Bool

    public init(
        text: String, start: Int, end: Int, kind: Kind, isCapitalized: Bool, isAllCaps: Bool, newlineBefore: Bool
    ) {
        self.init(
            text: text, key: FNV1a.hash(text), start: start, end: end, kind: kind, isCapitalized: isCapitalized, isAllCaps: isAllCaps,
            newlineBefore: newlineBefore)
    }

    /// A token whose key is already known (the tokenizer hashes the folded bytes as it writes them).
    init(text: String, key: UInt64, start: Int, end: Int, kind: Kind, isCapitalized: Bool, isAllCaps: Bool, newlineBefore: Bool) {
        self.text = text
        self.key = key
        self.start = start
        self.end = end
        self.kind = kind
        self.isCapitalized = isCapitalized
        self.isAllCaps = isAllCaps
        self.newlineBefore = newlineBefore
    }

    public var isWord: Bool { self.kind != .punctuation }
}
