import FrontlineCore
import Testing

/// The near-duplicate index: banded lookup finds copies and rewrites, a crowded bucket stays
/// bounded, and stories follow re-links.
@Suite struct SyndicationIndexTests {
    static func words(_ seed: UInt64, count: Int) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "w\((state >> 33) % 5000)"
        }
    }

    static func signature(_ words: [String]) -> MinHashSignature { MinHashSignature(text: words.joined(separator: " ")) }

    /// The log's hex form: 16 lowercase digits per value, read back exactly; anything else is refused.
    @Test func signaturesRoundTripThroughHex() {
        var values = (0..<UInt64(MinHashSignature.size)).map { $0 &* 0x9E37_79B9_7F4A_7C15 }
        values[0] = 0
        values[1] = .max
        let signature = MinHashSignature(values: values)
        let hex = signature.hex
        #expect(hex.count == MinHashSignature.size * 16)
        #expect(hex.hasPrefix("0000000000000000ffffffffffffffff3c6ef372fe94f82a"))
        #expect(MinHashSignature(hex: hex) == signature)
        #expect(MinHashSignature(hex: hex.uppercased()) == signature)
        #expect(MinHashSignature(hex: String(hex.dropLast())) == nil)
        #expect(MinHashSignature(hex: String(hex.dropLast()) + "g") == nil)
        #expect(MinHashSignature(text: "Kurdish forces captured the village of Tal Abyad on Monday.").hex.count == hex.count)
    }

    @Test func findsTheCopyAndTheRewriteAmongManyArticles() throws {
        var index = SyndicationIndex()
        for n in 0..<2000 { index.insert("a\(n)", signature: Self.signature(Self.words(UInt64(n), count: 300)), parent: nil) }
        let original = Self.words(777, count: 300)
        var copy = original
        copy.insert(contentsOf: ["subscribe", "to", "our", "newsletter", "today"], at: 0)
        let copyFound = index.nearest(to: Self.signature(copy), threshold: 0.12)
        let copyMatch = try #require(copyFound)
        #expect(copyMatch.id == "a777")
        #expect(copyMatch.similarity >= 0.6)
        // A rewrite: every tenth word changed.
        var rewrite = original
        for i in stride(from: 0, to: rewrite.count, by: 10) { rewrite[i] = "changed\(i)" }
        let rewriteFound = index.nearest(to: Self.signature(rewrite), threshold: 0.12)
        let rewriteMatch = try #require(rewriteFound)
        #expect(rewriteMatch.id == "a777")
        #expect(rewriteMatch.similarity < 0.6)
        let unrelated = index.nearest(to: Self.signature(Self.words(99_999, count: 300)), threshold: 0.12)
        #expect(unrelated == nil)
    }

    @Test func aCrowdedBucketIsReadOnlyToItsCapacity() throws {
        // 500 articles that all share one long boilerplate paragraph and differ elsewhere.
        var index = SyndicationIndex(bucketCapacity: 8)
        let boilerplate = Self.words(1, count: 40)
        for n in 0..<500 {
            index.insert("a\(n)", signature: Self.signature(boilerplate + Self.words(UInt64(10 + n), count: 200)), parent: nil)
        }
        let probe = boilerplate + Self.words(10 + 3, count: 200)
        let found = index.nearest(to: Self.signature(probe), threshold: 0.12)
        #expect(found?.id == "a3")
    }

    @Test func storiesFollowLinksAndRelinks() {
        var index = SyndicationIndex()
        let s = Self.signature(Self.words(5, count: 100))
        index.insert("copy", signature: s, parent: nil)
        index.insert("rewrite", signature: s, parent: "copy")
        #expect(index.root(of: "rewrite") == "copy")
        #expect(index.story(of: "copy") == ["copy", "rewrite"])
        index.insert("original", signature: s, parent: nil)
        index.link("copy", to: "original")
        index.link("rewrite", to: "original")
        #expect(index.root(of: "copy") == "original")
        #expect(index.story(of: "rewrite") == ["copy", "rewrite", "original"])
        #expect(index.story(of: "unknown") == ["unknown"])
    }
}
