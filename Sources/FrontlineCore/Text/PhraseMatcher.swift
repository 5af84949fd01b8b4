/// Finds lexicon phrases in a token sequence: a trie over normalised token texts, scanned
/// leftmost-longest in one pass (each start position walks the trie only as far as it matches).
///
/// The trie's edges live in one open-addressing table keyed by (node, word), probed with the
/// word's FNV-1a key that every ``Token`` carries: a step costs a multiply, a probe or two and
/// one comparison of the word, with no hashing of the text while matching.
public struct PhraseMatcher<Value: Sendable>: Sendable {
    public struct Match: Sendable {
        /// Token indices (into the scanned collection) of the match.
        public var range: Range<Int>
        public var values: [Value]
    }

    struct Edge: Sendable {
        /// The node the edge leaves; -1 marks an empty slot.
        var parent: Int32
        var child: Int32
        var key: UInt64

        static var empty: Edge { Edge(parent: -1, child: 0, key: 0) }
    }

    /// The values of the phrase ending at each node (node 0 is the root).
    private var values: [[Value]] = [[]]
    /// The edge table, and the word of each slot's edge beside it (read only when the keys match).
    private var edges = [Edge](repeating: .empty, count: 16)
    private var words = [String](repeating: "", count: 16)
    private var edgeCount = 0
    /// The most tokens a phrase of the matcher has.
    public private(set) var longestPhrase = 0

    public init() {}

    public var isEmpty: Bool { self.values.count == 1 }

    /// Adds a phrase given as its surface text; it is tokenised like article text.
    public mutating func insert(_ phrase: String, value: Value) {
        let words = Tokenizer.tokenize(phrase).map(\.text)
        self.insert(tokens: words, value: value)
    }

    public mutating func insert(tokens words: [String], value: Value) {
        guard !words.isEmpty else { return }
        self.longestPhrase = max(self.longestPhrase, words.count)
        var node = 0
        for word in words {
            let key = FNV1a.hash(word)
            if let next = self.child(of: node, key: key, word: word) {
                node = next
            } else {
                self.values.append([])
                node = self.addEdge(from: node, key: key, word: word)
            }
        }
        self.values[node].append(value)
    }

    /// The node reached from `node` by `word` (whose FNV-1a key is `key`), if any.
    @inline(__always)
    func child(of node: Int, key: UInt64, word: String) -> Int? {
        let mask = self.edges.count - 1
        var slot = Self.slot(node, key, mask: mask)
        while true {
            let edge = self.edges[slot]
            if edge.parent < 0 { return nil }
            if edge.parent == node, edge.key == key, self.words[slot] == word { return Int(edge.child) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    static func slot(_ node: Int, _ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(node)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func addEdge(from node: Int, key: UInt64, word: String) -> Int {
        if (self.edgeCount + 1) * 2 > self.edges.count { self.grow() }
        let child = self.values.count - 1
        self.place(Edge(parent: Int32(node), child: Int32(child), key: key), word: word)
        self.edgeCount += 1
        return child
    }

    private mutating func place(_ edge: Edge, word: String) {
        let mask = self.edges.count - 1
        var slot = Self.slot(Int(edge.parent), edge.key, mask: mask)
        while self.edges[slot].parent >= 0 { slot = (slot + 1) & mask }
        self.edges[slot] = edge
        self.words[slot] = word
    }

    /// Doubles the table (kept at most half full, so probes stay short).
    private mutating func grow() {
        let (oldEdges, oldWords) = (self.edges, self.words)
        self.edges = [Edge](repeating: .empty, count: oldEdges.count * 2)
        self.words = [String](repeating: "", count: oldEdges.count * 2)
        for (edge, word) in zip(oldEdges, oldWords) where edge.parent >= 0 { self.place(edge, word: word) }
    }

    /// Whether a phrase of exactly one word, `word`, is in the matcher.
    func containsWord(_ word: String) -> Bool {
        guard let node = self.child(of: 0, key: FNV1a.hash(word), word: word) else { return false }
        return !self.values[node].isEmpty
    }

    /// The longest phrase starting at `start` whose values pass `accept`.
    public func longestMatch(
        in tokens: ArraySlice<Token>, at start: Int, accept: (Value, ArraySlice<Token>) -> Bool = { _, _ in true }
    ) -> Match? {
        var node = 0
        var best: Match?
        var index = start
        while index < tokens.endIndex, let next = self.child(of: node, key: tokens[index].key, word: tokens[index].text) {
            node = next
            index += 1
            guard !self.values[node].isEmpty else { continue }
            let values = self.values[node].filter { accept($0, tokens[start..<index]) }
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
