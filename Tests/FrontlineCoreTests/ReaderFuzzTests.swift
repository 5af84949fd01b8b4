import Foundation
import FrontlineCore
import Testing

/// Generated inputs through the readers and the extractor: none may crash, hang or break the
/// evidence invariant (offsets inside the stored text, pointing at the evidence sentence).
/// 10,000 inputs here; `make stress` runs 100,000. Seeded: a failure names its seed.
@Suite struct ReaderFuzzTests {
    static var count: Int { ProcessInfo.processInfo.environment["FRONTLINE_STRESS"] != nil ? 100_000 : 10_000 }

    @Test func generatedInputsNeverCrashTheReaders() throws {
        let lexicon = try TestPaths.lexicon()
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        let seeds = try TestPaths.seedFiles().map { try [UInt8](Data(contentsOf: $0)) }
        let fragments: [[UInt8]] = [
            "<p>", "</p>", "<script>", "<html><body>", "<!--", "-->", "&amp;", "&#x0;", "&#99999999;", "<![CDATA[", "---\n", "+++\n",
            "{\"title\":", "\"body\": \"", "}", "[", "From: a@b.c\n", "Subject: =?utf-8?B?", "?=", "Content-Type: multipart/mixed; boundary=x\n\n--x\n",
            "Content-Transfer-Encoding: quoted-printable\n\n", "=C3=A9=\n", "--x--", "\u{00A0}", "@", ".", "\n\n", "Skip to main content\n",
            "May 29, 2017\n", "BAGHDAD (Reuters) - ", " captured ", " from Islamic State", " said on Sunday", "\u{FEFF}", "\r\n",
        ].map { Array($0.utf8) }
        let extensions = ["txt", "md", "html", "json", "eml", "bin", ""]
        var failures = 0
        for seed in 0..<Self.count {
            var random = SplitMix(seed: UInt64(seed))
            let bytes = Self.generate(&random, seeds: seeds, fragments: fragments)
            let file = "fuzz-\(seed)." + extensions[Int(random.next() % UInt64(extensions.count))]
            guard case .success(let article) = reader.read(id: "f\(seed)", file: file, bytes: bytes) else { continue }
            let stored = Array(article.text.utf8)
            for claim in extractor.extract(article: article).claims {
                for evidence in claim.evidence where !(evidence.start <= evidence.end && evidence.end <= stored.count) {
                    failures += 1
                    Issue.record("seed \(seed): evidence \(evidence.start)..<\(evidence.end) outside \(stored.count) bytes")
                }
            }
            if failures > 5 { break }
        }
    }

    /// One input: random bytes, a mutated seed, or a splice of format fragments and seed text.
    static func generate(_ random: inout SplitMix, seeds: [[UInt8]], fragments: [[UInt8]]) -> [UInt8] {
        switch random.next() % 4 {
        case 0:
            return (0..<Int(random.next() % 600)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case 1:
            var bytes = Array(seeds[Int(random.next() % UInt64(seeds.count))].prefix(Int(random.next() % 3000) + 200))
            for _ in 0..<Int(random.next() % 12) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(contentsOf: fragments[Int(random.next() % UInt64(fragments.count))], at: at)
                }
            }
            return bytes
        default:
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 40) {
                if random.next() % 3 == 0 {
                    let seed = seeds[Int(random.next() % UInt64(seeds.count))]
                    let start = Int(random.next() % UInt64(seed.count))
                    bytes += seed[start..<min(seed.count, start + Int(random.next() % 200))]
                } else {
                    bytes += fragments[Int(random.next() % UInt64(fragments.count))]
                }
            }
            return bytes
        }
    }
}
