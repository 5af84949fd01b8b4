/// Finds an article's nearest earlier article by MinHash similarity in time that does not grow with
/// the index, and keeps stories (an original with its copies and rewrites) as explicit groups.
///
/// Lookup is LSH banding with one value per band: two articles are candidates when they share the
/// minimum of any of the first `bands` hash functions, so a pair of similarity `s` is found with
/// probability `1 - (1 - s)^bands` (at the rewrite threshold 0.12 and 64 bands, 0.9997). Each
/// bucket keeps only its `bucketCapacity` most recent articles: a bucket shared by hundreds of
/// articles is boilerplate every story contains, and a true original is still found through the
/// other buckets it shares. Candidates are then scored exactly on all the signature's values.
public struct SyndicationIndex: Sendable, Equatable {
    public let bands: Int
    public let bucketCapacity: Int

    /// Article ids by position of arrival.
    public internal(set) var ids: [String] = []
    var position: [String: Int32] = [:]
    /// Every article's signature values, back to back (`MinHashSignature.size` per article).
    var matrix: [UInt64] = []
    /// Bucket key (band and value mixed) → newest posting; postings chain to older ones.
    var heads: [UInt64: Int32] = [:]
    var postingArticle: [Int32] = []
    var postingNext: [Int32] = []
    /// Each article's parent (the original it copies or rewrites) and its story's root.
    var parent: [Int32] = []
    var rootOf: [Int32] = []
    var members: [Int32: [Int32]] = [:]

    public init(bands: Int = MinHashSignature.size, bucketCapacity: Int = 16) {
        precondition(bands > 0 && bands <= MinHashSignature.size)
        self.bands = bands
        self.bucketCapacity = bucketCapacity
    }

    public var count: Int { self.ids.count }

    public func contains(_ id: String) -> Bool { self.position[id] != nil }

    /// Adds an article; its parent must already be in the index (or it is its own story).
    public mutating func insert(_ id: String, signature: MinHashSignature, parent parentID: String?) {
        guard self.position[id] == nil else { return }
        let index = Int32(self.ids.count)
        self.ids.append(id)
        self.position[id] = index
        let row = Self.row(signature)
        self.matrix += row
        if row[0] != .max {
            for band in 0..<self.bands {
                let key = Self.bucketKey(band: band, value: row[band])
                self.postingArticle.append(index)
                self.postingNext.append(self.heads[key] ?? -1)
                self.heads[key] = Int32(self.postingArticle.count - 1)
            }
        }
        let parentIndex = parentID.flatMap { self.position[$0] } ?? -1
        self.parent.append(parentIndex)
        let root = parentIndex >= 0 ? self.rootOf[Int(parentIndex)] : index
        self.rootOf.append(root)
        self.members[root, default: []].append(index)
    }

    /// Re-links an article to a new parent (a better original arrived): it joins that story.
    public mutating func link(_ id: String, to parentID: String?) {
        guard let index = self.position[id] else { return }
        let parentIndex = parentID.flatMap { self.position[$0] } ?? -1
        self.parent[Int(index)] = parentIndex
        let oldRoot = self.rootOf[Int(index)]
        let newRoot = parentIndex >= 0 ? self.rootOf[Int(parentIndex)] : index
        guard oldRoot != newRoot else { return }
        self.members[oldRoot]?.removeAll { $0 == index }
        if self.members[oldRoot]?.isEmpty == true { self.members[oldRoot] = nil }
        self.rootOf[Int(index)] = newRoot
        self.members[newRoot, default: []].append(index)
    }

    /// The most similar article at or above `threshold` (the earliest of equals), and its similarity.
    public func nearest(to signature: MinHashSignature, threshold: Double) -> (id: String, similarity: Double)? {
        self.matches(to: signature, threshold: threshold).first
    }

    /// Every article at or above `threshold` among the candidates the buckets give, most similar
    /// first (earliest first among equals).
    public func matches(to signature: MinHashSignature, threshold: Double) -> [(id: String, similarity: Double)] {
        let probe = Self.row(signature)
        guard probe[0] != .max else { return [] }
        let width = MinHashSignature.size
        let needed = Int((threshold * Double(width)).rounded(.up))
        var seen: Set<Int32> = []
        var found: [(index: Int32, equal: Int)] = []
        for band in 0..<self.bands {
            var posting = self.heads[Self.bucketKey(band: band, value: probe[band])] ?? -1
            var visited = 0
            while posting >= 0, visited < self.bucketCapacity {
                let candidate = self.postingArticle[Int(posting)]
                posting = self.postingNext[Int(posting)]
                visited += 1
                guard seen.insert(candidate).inserted else { continue }
                let base = Int(candidate) * width
                var equal = 0
                for i in 0..<width where self.matrix[base + i] == probe[i] { equal += 1 }
                if equal >= needed { found.append((candidate, equal)) }
            }
        }
        found.sort { ($0.equal, -$0.index) > ($1.equal, -$1.index) }
        return found.map { (self.ids[Int($0.index)], Double($0.equal) / Double(width)) }
    }

    public func similarity(_ a: String, _ signature: MinHashSignature) -> Double {
        guard let index = self.position[a] else { return 0 }
        let width = MinHashSignature.size
        let base = Int(index) * width
        return MinHashSignature(values: Array(self.matrix[base..<(base + width)])).similarity(to: signature)
    }

    /// The original at the root of an article's story.
    public func root(of id: String) -> String {
        guard let index = self.position[id] else { return id }
        return self.ids[Int(self.rootOf[Int(index)])]
    }

    /// The original and every article linked to it, in arrival order.
    public func story(of id: String) -> [String] {
        guard let index = self.position[id] else { return [id] }
        return (self.members[self.rootOf[Int(index)]] ?? [index]).sorted().map { self.ids[Int($0)] }
    }

    /// A signature as one matrix row: exactly `size` values (an empty text's signature becomes a
    /// row of `.max`, which matches nothing).
    static func row(_ signature: MinHashSignature) -> [UInt64] {
        guard signature.values.count == MinHashSignature.size else {
            return Array(repeating: .max, count: MinHashSignature.size)
        }
        return signature.values
    }

    static func bucketKey(band: Int, value: UInt64) -> UInt64 {
        MinHashSignature.mix(value ^ (UInt64(band) &* 0x9E37_79B9_7F4A_7C15))
    }
}
