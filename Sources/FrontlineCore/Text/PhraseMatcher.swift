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
        /// Whether a phrase ends at `child` (each node but the root has exactly one edge in).
        var childEnds = false

        static var empty: Edge { Edge(parent: -1, child: 0, key: 0) }
    }

    /// The trie: its edge table, each slot's word and each node's values, in memory of their own
    /// (a node but the root has one edge in, so the nodes fit in as many places as the slots). A
    /// matcher is probed for nearly every token of a sentence; holding the trie by one reference,
    /// and its tables by pointers that live as long as it, makes a probe cost no reference
    /// counting or access check beyond that one reference. Copies share the trie until one inserts.
    final class Trie: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Edge>
        /// The word of each slot's edge (read only when the keys match).
        let words: UnsafeMutableBufferPointer<String>
        /// The values of the phrase ending at each node (node 0 is the root).
        let values: UnsafeMutableBufferPointer<[Value]>
        /// Nodes in use; the edges are one fewer (each node but the root has one edge in).
        var nodeCount = 1

        init(capacity: Int) {
            self.slots = .allocate(capacity: capacity)
            self.slots.initialize(repeating: .empty)
            self.words = .allocate(capacity: capacity)
            self.words.initialize(repeating: "")
            self.values = .allocate(capacity: capacity)
            self.values.initialize(repeating: [])
        }

        /// A trie of `capacity` slots holding this one's nodes and no edges yet.
        func nodes(capacity: Int) -> Trie {
            let copy = Trie(capacity: capacity)
            for node in 0..<self.nodeCount { copy.values[node] = self.values[node] }
            copy.nodeCount = self.nodeCount
            return copy
        }

        func copy() -> Trie {
            let copy = self.nodes(capacity: self.slots.count)
            _ = copy.slots.update(fromContentsOf: self.slots)
            _ = copy.words.update(fromContentsOf: self.words)
            return copy
        }

        deinit {
            self.slots.deallocate()
            self.words.deinitialize().deallocate()
            self.values.deinitialize().deallocate()
        }
    }

    private var trie = Trie(capacity: 16)
    /// The most tokens a phrase of the matcher has.
    public private(set) var longestPhrase = 0

    public init() {}

    public var isEmpty: Bool { self.trie.nodeCount == 1 }

    /// Adds a phrase given as its surface text; it is tokenised like article text.
    public mutating func insert(_ phrase: String, value: Value) {
        let words = Tokenizer.tokenize(phrase).map(\.text)
        self.insert(tokens: words, value: value)
    }

    public mutating func insert(tokens words: [String], value: Value) {
        guard !words.isEmpty else { return }
        if !isKnownUniquelyReferenced(&self.trie) { self.trie = self.trie.copy() }
        self.longestPhrase = max(self.longestPhrase, words.count)
        var node = 0
        var slot = -1
        for word in words {
            let key = FNV1a.hash(word)
            if let found = self.slot(of: node, key: key, word: word) {
                slot = found
            } else {
                slot = self.addEdge(from: node, key: key, word: word)
            }
            node = Int(self.trie.slots[slot].child)
        }
        self.trie.values[node].append(value)
        self.trie.slots[slot].childEnds = true
    }

    /// The slot of the edge from `node` by `word` (whose FNV-1a key is `key`), if any.
    @inline(__always)
    func slot(of node: Int, key: UInt64, word: String) -> Int? {
        let slots = self.trie.slots
        let mask = slots.count - 1
        var slot = Self.slot(node, key, mask: mask)
        while true {
            let edge = slots[slot]
            if edge.parent < 0 { return nil }
            if edge.parent == node, edge.key == key, self.trie.words[slot] == word { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// The node reached from `node` by `word`, and whether a phrase ends there.
    @inline(__always)
    func child(of node: Int, key: UInt64, word: String) -> (node: Int, ends: Bool)? {
        guard let slot = self.slot(of: node, key: key, word: word) else { return nil }
        let edge = self.trie.slots[slot]
        return (Int(edge.child), edge.childEnds)
    }

    @inline(__always)
    static func slot(_ node: Int, _ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(node)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds an edge from `node` to a new node; returns its slot.
    private mutating func addEdge(from node: Int, key: UInt64, word: String) -> Int {
        // The new edge is edge number `nodeCount`: the table stays at most half full.
        if self.trie.nodeCount * 2 > self.trie.slots.count { self.grow() }
        let child = self.trie.nodeCount
        self.trie.nodeCount += 1
        return Self.place(Edge(parent: Int32(node), child: Int32(child), key: key), word: word, in: self.trie)
    }

    @discardableResult
    private static func place(_ edge: Edge, word: String, in trie: Trie) -> Int {
        let slots = trie.slots
        let mask = slots.count - 1
        var slot = Self.slot(Int(edge.parent), edge.key, mask: mask)
        while slots[slot].parent >= 0 { slot = (slot + 1) & mask }
        slots[slot] = edge
        trie.words[slot] = word
        return slot
    }

    /// Doubles the table (kept at most half full, so probes stay short).
    private mutating func grow() {
        let old = self.trie
        let grown = old.nodes(capacity: old.slots.count * 2)
        for (edge, word) in zip(old.slots, old.words) where edge.parent >= 0 { Self.place(edge, word: word, in: grown) }
        self.trie = grown
    }

    /// Whether a phrase of exactly one word, `word`, is in the matcher.
    func containsWord(_ word: String) -> Bool {
        self.child(of: 0, key: FNV1a.hash(word), word: word)?.ends ?? false
    }

    /// The longest phrase starting at `start` whose values pass `accept`.
    public func longestMatch(
        in tokens: ArraySlice<Token>, at start: Int, accept: (Value, ArraySlice<Token>) -> Bool = { _, _ in true }
    ) -> Match? {
        var node = 0
        var best: Match?
        var index = start
        while index < tokens.endIndex, let next = self.child(of: node, key: tokens[index].key, word: tokens[index].text) {
            node = next.node
            index += 1
            guard next.ends else { continue }
            let values = self.trie.values[node].filter { accept($0, tokens[start..<index]) }
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
