/// Finds lexicon phrases in a token sequence: a trie over normalised token texts, scanned
/// leftmost-longest in one pass (each start position walks the trie only as far as it matches).
public struct PhraseMatcher<Value: Sendable>: Sendable {
    struct Node: Sendable {
        var children: [String: Int] = [:]
        var values: [Value] = []
    }

    public struct Match: Sendable {
        /// Token indices (into the scanned collection) of the match.
        public var range: Range<Int>
        public var values: [Value]
    }

    private var nodes: [Node] = [Node()]

    public init() {}

    public var isEmpty: Bool { self.nodes.count == 1 }

    /// Adds a phrase given as its surface text; it is tokenised like article text.
    public mutating func insert(_ phrase: String, value: Value) {
        let words = Tokenizer.tokenize(phrase).map(\.text)
        self.insert(tokens: words, value: value)
    }

    public mutating func insert(tokens words: [String], value: Value) {
        guard !words.isEmpty else { return }
        var node = 0
        for word in words {
            if let next = self.nodes[node].children[word] {
                node = next
            } else {
                self.nodes.append(Node())
                self.nodes[node].children[word] = self.nodes.count - 1
                node = self.nodes.count - 1
            }
        }
        self.nodes[node].values.append(value)
    }

    /// The longest phrase starting at `start` whose values pass `accept`.
    public func longestMatch(
        in tokens: ArraySlice<Token>, at start: Int, accept: (Value, ArraySlice<Token>) -> Bool = { _, _ in true }
    ) -> Match? {
        var node = 0
        var best: Match?
        var index = start
        while index < tokens.endIndex, let next = self.nodes[node].children[tokens[index].text] {
            node = next
            index += 1
            let values = self.nodes[node].values.filter { accept($0, tokens[start..<index]) }
            if !values.isEmpty { best = Match(range: start..<index, values: values) }
        }
        return best
    }

    /// All non-overlapping matches, leftmost-longest.
    public func matches(
        in tokens: ArraySlice<Token>, accept: (Value, ArraySlice<Token>) -> Bool = { _, _ in true }
    ) -> [Match] {
        var result: [Match] = []
        var index = tokens.startIndex
        while index < tokens.endIndex {
            if let match = self.longestMatch(in: tokens, at: index, accept: accept) {
                result.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }
}
