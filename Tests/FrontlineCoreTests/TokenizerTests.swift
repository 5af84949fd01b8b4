import Foundation
import Testing

@testable import FrontlineCore

/// The byte-level tokenizer against the scalar-based one it replaced: the same tokens, offsets
/// and flags on real text and on the cases each rule is about.
@Suite struct TokenizerTests {
    static let cases = [
        "Iraq's army retook al-Ba'aj and Kocho — Shi\u{2019}ite PMF, ISIS' fighters; U.S.-led strikes.",
        "Rebels\u{00A0}took\u{2009}the town\u{200B}of Manbij\u{FEFF} on 3,000 km² — «quoted» … “done”",
        "ÉTAT ISLAMIQUE İstanbul straße ǅemal Ⅻ ½ ٣ 中文 العربية Ωmega\u{0301}x",
        "line one\r\nline two\u{2028}three\u{2029}four\u{0085}five\tsix\u{000B}seven",
        "it's ISIL's 's x' 'S AB'C 2014-2015 9/11 a\u{2010}b a\u{2011}b 's",
        "", "'", "-", "a", "A'", "x's", "\u{2019}s", "\u{2019}st", "1,000.5",
    ]

    @Test func agreesWithTheReferenceOnEdgeCases() throws {
        for text in Self.cases {
            #expect(Tokenizer.tokenize(text) == ReferenceTokenizer.tokenize(text), "\(text)")
        }
    }

    @Test func agreesWithTheReferenceOnRealArticles() throws {
        var files = try TestPaths.seedFiles()
        files += try FileManager.default.contentsOfDirectory(
            at: TestPaths.fixtures.appendingPathComponent("fakes40"), includingPropertiesForKeys: nil)
        var tokens = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let fast = Tokenizer.tokenize(text)
            let reference = ReferenceTokenizer.tokenize(text)
            #expect(fast == reference, "\(file.lastPathComponent)")
            tokens += fast.count
        }
        #expect(tokens > 10_000)
    }

    /// Random strings over an alphabet of the scalars the rules treat apart.
    @Test func agreesWithTheReferenceOnRandomText() throws {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "s", "S", "0", "9", " ", "\n", "\r", "\t", "-", "'", ".", ",", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{2010}",
            "\u{2011}", "\u{00A0}", "\u{200B}", "\u{FEFF}", "\u{2028}", "\u{0085}", "É", "ß", "İ", "ǅ", "Ⅻ", "½", "٣", "中", "\u{0301}",
            "\u{1F600}", "\u{201C}", "\u{2014}", "\u{2026}",
        ]
        var state: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<24 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let string = String(text)
            #expect(Tokenizer.tokenize(string) == ReferenceTokenizer.tokenize(string), "\(string.debugDescription)")
        }
    }

    /// The joined words the cleaner compares lines by, made without building tokens, against the
    /// tokens' texts joined.
    @Test func joinedWordsAreTheWordTokensJoined() throws {
        var texts = Self.cases
        for file in try TestPaths.seedFiles() { texts += try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") }
        for text in texts {
            let words = Tokenizer.tokenize(text).filter(\.isWord).map(\.text)
            var copy = text
            let joined = copy.withUTF8 { Tokenizer.normalizedWords(bytes: $0) }
            #expect(joined.text == words.joined(separator: " "), "\(text)")
            #expect(joined.count == words.count, "\(text)")
        }
    }

    /// A limited tokenization is the start of the whole one, at every limit.
    @Test func aLimitGivesTheFirstTokens() throws {
        var texts = Self.cases
        for file in try TestPaths.seedFiles() { texts += try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") }
        for text in texts {
            let all = Tokenizer.tokenize(text)
            for limit in [0, 1, 2, 3, 5, 8, 16, all.count, all.count + 1] {
                #expect(Tokenizer.tokenize(text, limit: limit) == Array(all.prefix(limit)), "\(text) limit \(limit)")
            }
        }
    }

    @Test func offsetsAreUTF8Bytes() throws {
        let text = "Shi\u{2019}ite forces took Tal Afar"
        let tokens = Tokenizer.tokenize(text)
        let bytes = Array(text.utf8)
        for token in tokens where token.isWord {
            let slice = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            #expect(slice.lowercased().replacingOccurrences(of: "\u{2019}", with: "'") == token.text)
        }
        #expect(tokens.first?.end == 9)
    }
}
