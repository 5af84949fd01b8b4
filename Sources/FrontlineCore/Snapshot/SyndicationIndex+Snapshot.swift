extension SyndicationIndex {
    /// The buckets with only the postings a lookup can reach: the `bucketCapacity` newest of
    /// each (``matches(to:threshold:)`` visits no more), renumbered. A bucket that boilerplate
    /// filled keeps 16 postings instead of thousands.
    func compactedPostings() -> (keys: [UInt64], heads: [Int32], article: [Int32], next: [Int32]) {
        var keys: [UInt64] = []
        var heads: [Int32] = []
        var article: [Int32] = []
        var next: [Int32] = []
        keys.reserveCapacity(self.heads.count)
        heads.reserveCapacity(self.heads.count)
        for (key, head) in self.heads {
            keys.append(key)
            heads.append(Int32(article.count))
            var posting = head
            var kept = 0
            while posting >= 0, kept < self.bucketCapacity {
                article.append(self.postingArticle[Int(posting)])
                posting = self.postingNext[Int(posting)]
                kept += 1
                next.append(posting >= 0 && kept < self.bucketCapacity ? Int32(article.count) : -1)
            }
        }
        return (keys, heads, article, next)
    }

    /// Drops the postings no lookup reaches (what a snapshot keeps); lookups are unchanged.
    mutating func compact() {
        let compacted = self.compactedPostings()
        self.heads = Dictionary(uniqueKeysWithValues: zip(compacted.keys, compacted.heads))
        self.postingArticle = compacted.article
        self.postingNext = compacted.next
    }

    /// Writes the index: its arrays as raw bytes, its maps as pairs, its buckets compacted.
    func write(to writer: inout BinaryWriter) {
        writer.write(UInt32(self.bands))
        writer.write(UInt32(self.bucketCapacity))
        writer.write(strings: self.ids)
        writer.write(array: self.matrix)
        let postings = self.compactedPostings()
        writer.write(array: postings.keys)
        writer.write(array: postings.heads)
        writer.write(array: postings.article)
        writer.write(array: postings.next)
        writer.write(array: self.parent)
        writer.write(array: self.rootOf)
        writer.write(UInt64(self.members.count))
        for (root, members) in self.members {
            writer.write(root)
            writer.write(array: members)
        }
    }

    /// Reads an index written by ``write(to:)``, checking that its arrays agree in size and that
    /// every stored position points inside them.
    init(reading reader: inout BinaryReader) throws(SnapshotFormatError) {
        let bands = Int(try reader.read(UInt32.self))
        let capacity = Int(try reader.read(UInt32.self))
        guard bands > 0, bands <= MinHashSignature.size else { throw SnapshotFormatError("an index of \(bands) bands") }
        self.init(bands: bands, bucketCapacity: capacity)
        self.ids = try reader.readStrings()
        self.matrix = try reader.readArray(of: UInt64.self)
        let keys = try reader.readArray(of: UInt64.self)
        let heads = try reader.readArray(of: Int32.self)
        self.postingArticle = try reader.readArray(of: Int32.self)
        self.postingNext = try reader.readArray(of: Int32.self)
        self.parent = try reader.readArray(of: Int32.self)
        self.rootOf = try reader.readArray(of: Int32.self)
        let count = self.ids.count
        let postings = self.postingArticle.count
        guard self.matrix.count == count * MinHashSignature.size, keys.count == heads.count, self.postingNext.count == postings,
            self.parent.count == count, self.rootOf.count == count,
            self.postingArticle.allSatisfy({ $0 >= 0 && Int($0) < count }),
            self.postingNext.allSatisfy({ $0 >= -1 && Int($0) < postings }), heads.allSatisfy({ $0 >= 0 && Int($0) < postings }),
            self.parent.allSatisfy({ $0 >= -1 && Int($0) < count }), self.rootOf.allSatisfy({ $0 >= 0 && Int($0) < count })
        else { throw SnapshotFormatError("the near-duplicate index's arrays disagree in size or point outside them") }
        self.heads.reserveCapacity(keys.count)
        for (key, head) in zip(keys, heads) where self.heads.updateValue(head, forKey: key) != nil {
            throw SnapshotFormatError("the near-duplicate index names a bucket twice")
        }
        self.position.reserveCapacity(count)
        for (index, id) in self.ids.enumerated() { self.position[id] = Int32(index) }
        guard self.position.count == count else { throw SnapshotFormatError("the near-duplicate index names an article twice") }
        let stories = try reader.readCount()
        self.members.reserveCapacity(stories)
        for _ in 0..<stories {
            let root = try reader.read(Int32.self)
            let members = try reader.readArray(of: Int32.self)
            guard root >= 0, Int(root) < count, members.allSatisfy({ $0 >= 0 && Int($0) < count }) else {
                throw SnapshotFormatError("a story of the near-duplicate index points outside it")
            }
            self.members[root] = members
        }
    }
}

extension SyndicationIndex {
    /// An article's signature row, as the index stores it.
    func row(of id: String) -> ArraySlice<UInt64>? {
        guard let index = self.position[id] else { return nil }
        let base = Int(index) * MinHashSignature.size
        return self.matrix[base..<(base + MinHashSignature.size)]
    }
}
