import Testing

@testable import FrontlineCore

/// The phrase matcher's edge table against a plain dictionary trie.
@Suite struct PhraseMatcherTests {
    /// The trie the matcher had before its edge table: children by word in a dictionary.
    struct ReferenceTrie {
        var children: [[String: Int]] = [[:]]
        var values: [[Int]] = [[]]

        mutating func insert(_ words: [String], value: Int) {
            var node = 0
            for word in words {
                if let next = self.children[node][word] {
                    node = next
                } else {
                    self.children.append([:])
                    self.values.append([])
                    self.children[node][word] = self.children.count - 1
                    node = self.children.count - 1
                }
            }
            self.values[node].append(value)
        }

        func matches(_ tokens: [Token]) -> [(Range<Int>, [Int])] {
            var result: [(Range<Int>, [Int])] = []
            var index = 0
            while index < tokens.count {
                var node = 0
                var best: (Range<Int>, [Int])?
                var end = index
                while end < tokens.count, let next = self.children[node][tokens[end].text] {
                    node = next
                    end += 1
                    if !self.values[node].isEmpty { best = (index..<end, self.values[node]) }
                }
                if let best {
                    result.append(best)
                    index = best.0.upperBound
                } else {
                    index += 1
                }
            }
            return result
        }
    }

    /// Thousands of phrases over a small vocabulary (so they share prefixes and the table grows
    /// many times), matched over random word sequences: the same matches as the reference.
    @Test func findsWhatADictionaryTrieFinds() throws {
        let vocabulary = (0..<60).map { "w\($0)" } + ["al-baaj", "'s", "é", "islamic", "state"]
        var state: UInt64 = 0xF00D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var matcher = PhraseMatcher<Int>()
        var reference = ReferenceTrie()
        for value in 0..<3_000 {
            let words = (0..<(1 + next(4))).map { _ in vocabulary[next(vocabulary.count)] }
            matcher.insert(tokens: words, value: value)
            reference.insert(words, value: value)
        }
        #expect(matcher.longestPhrase == 4)
        var compared = 0
        for _ in 0..<300 {
            let text = (0..<40).map { _ in next(5) == 0 ? "unknown\(next(9))" : vocabulary[next(vocabulary.count)] }.joined(separator: " ")
            let tokens = Tokenizer.tokenize(text)
            let found = matcher.matches(in: tokens[...])
            let expected = reference.matches(tokens)
            #expect(found.map(\.range) == expected.map(\.0))
            #expect(found.map(\.values) == expected.map(\.1))
            compared += expected.count
        }
        #expect(compared > 1_000)
        #expect(matcher.containsWord("w7") == (reference.children[0]["w7"].map { !reference.values[$0].isEmpty } ?? false))
        #expect(!matcher.containsWord("unknown1"))
    }

    @Test func aTokenCarriesTheKeyOfItsText() {
        var token = Tokenizer.tokenize("Rebels")[0]
        #expect(token.key == FNV1a.hash("rebels"))
        token.text = "army"
        #expect(token.key == FNV1a.hash("army"))
    }
}
