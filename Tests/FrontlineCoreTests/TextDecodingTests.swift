import Foundation
import Testing

@testable import FrontlineCore

/// Bytes to text: every encoding people drop is decoded, not rejected; binaries are named.
@Suite struct TextDecodingTests {
    static let sentence = "Iraqi forces said on Sunday they had recaptured Baaj — “a victory”, é."

    @Test func unicodeEncodingsWithAndWithoutAMark() throws {
        let utf8 = Array(Self.sentence.utf8)
        let utf16le = Self.sentence.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16be = Self.sentence.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let cases: [([UInt8], String)] = [
            (utf8, "utf-8"),
            ([0xEF, 0xBB, 0xBF] + utf8, "utf-8"),
            ([0xFF, 0xFE] + utf16le, "utf-16le"),
            ([0xFE, 0xFF] + utf16be, "utf-16be"),
            (Array("Iraqi forces took Baaj on Sunday, officials said.".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "utf-16le"),
        ]
        for (bytes, encoding) in cases {
            let decoded = try TextDecoding.decode(bytes).get()
            #expect(decoded.encoding == encoding)
            #expect(decoded.text.hasPrefix("Iraqi forces"), "\(encoding): \(decoded.text.prefix(20))")
        }
        #expect(try TextDecoding.decode(utf8).get().text == Self.sentence)
        #expect(try TextDecoding.decode([0xFF, 0xFE] + utf16le).get().text == Self.sentence)
    }

    @Test func windows1252IsDecodedNotRejected() throws {
        // “Baaj” – café in Windows-1252: curly quotes 0x93/0x94, en dash 0x96, é 0xE9.
        let bytes: [UInt8] = [0x93] + Array("Baaj".utf8) + [0x94, 0x20, 0x96, 0x20] + Array("caf".utf8) + [0xE9]
        let decoded = try TextDecoding.decode(bytes).get()
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == "“Baaj” – café")
    }

    @Test func binariesAreNamed() {
        let cases: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG image"),
            ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0], "ELF executable"),
            (Array("%PDF-1.7\n".utf8), "PDF"),
            ([0x50, 0x4B, 0x03, 0x04, 20, 0], "ZIP"),
            (Array("text with a NUL\u{0} inside it".utf8), "NUL"),
            ((0..<200).map { UInt8($0 % 8 + 1) }, "control characters"),
        ]
        for (bytes, expected) in cases {
            switch TextDecoding.decode(bytes) {
            case .success(let decoded): Issue.record("decoded as \(decoded.encoding): \(expected)")
            case .failure(let failure): #expect(failure.reason.contains(expected), "\(failure.reason)")
            }
        }
    }
}

/// Web furniture out, evidence offsets still pointing into the stored text.
@Suite struct TextCleanerTests {
    /// The photo-credit test on bytes against its first form on Characters (trim, count, lower-case).
    @Test(arguments: [
        "REUTERS/Ahmed Jadallah", "  Reuters/Ahmed Jadallah\t", "(Photo by Ahmed Jadallah/AFP via Getty Images)", "PHOTO BY X",
        "Photo: AP", "(photo: AP)", "AFP/File", "AP Photo/Hussein Malla", "(AP Photo/Hussein Malla)", "A caption. Getty Images",
        "Fighters near Raqqa, Getty Images", "Fighters near Raqqa (Getty Images)", "Photography by X", "Reuters reported the fall",
        String(repeating: "é", count: 130) + " Getty Images", "REUTERS/" + String(repeating: "x", count: 115),
        "REUTERS/" + String(repeating: "x", count: 112), "REUTERS/" + String(repeating: "e\u{0301}", count: 60), "", " ",
    ])
    func photoCreditsOnBytes(line: String) {
        func reference(_ line: String) -> Bool {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard trimmed.prefix(120).count < 120 else { return false }
            let lowered = trimmed.lowercased()
            if ["(photo by", "photo by ", "(photo:", "reuters/", "afp/", "ap photo/", "(ap photo"].contains(where: lowered.hasPrefix) { return true }
            if lowered.hasSuffix("getty images") || lowered.hasSuffix("getty images)") { return !lowered.contains(". ") }
            return false
        }
        #expect(Array(line.utf8).withUnsafeBufferPointer(TextCleaner.isPhotoCredit) == reference(line), "\(line)")
    }

    /// The two-byte check before the lists of marks lets through every mark of the lists.
    @Test func theQuickCheckKnowsEveryCreditMark() {
        for prefix in TextCleaner.creditPrefixes { #expect(TextCleaner.creditFirstBytes.contains(prefix[0]), "\(prefix)") }
        for suffix in TextCleaner.creditSuffixes { #expect(TextCleaner.creditLastBytes.contains(suffix.last!), "\(suffix)") }
        #expect(!TextCleaner.creditFirstBytes.contains(UInt8(ascii: "t")) && !TextCleaner.creditLastBytes.contains(UInt8(ascii: ".")))
        #expect(!TextCleaner.creditFirstBytes.contains(0xC3) && TextCleaner.creditFirstBytes.contains(UInt8(ascii: "(")))
    }

    /// Control characters counted on bytes against the scalars they encode.
    @Test func controlCharactersAreCountedOnBytes() {
        let pieces = ["a", "\u{01}", "\t", "\n", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é", "\u{2028}", "\u{1F600}", "\u{0C}", "\r"]
        var state: UInt64 = 0xC0DE
        // Mostly printable ASCII, so runs of eight take the fast path and end at every offset.
        for length in [0, 1, 10, 5_000, 9_000, 20_000] {
            let text = (0..<length).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(state >> 60) < 12 ? "a" : pieces[Int(state >> 33) % pieces.count]
            }.joined()
            var controls = 0
            var total = 0
            for scalar in text.unicodeScalars.prefix(8192) {
                total += 1
                let value = scalar.value
                if (value < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C].contains(value)) || (0x7F..<0xA0).contains(value) { controls += 1 }
            }
            var copy = text
            let counted = copy.withUTF8(TextDecoding.controlCount)
            #expect(counted.controls == controls && counted.total == total, "length \(length)")
        }
    }

    @Test func furnitureIsDroppedAndOffsetsMapBack() throws {
        let lexicon = try TestPaths.lexicon()
        let text = """
            Skip to main content
            Iraqi forces retake Baaj
            Fighters near Baaj on Sunday. Photograph: Reuters
            Fighters near Baaj on Sunday. Photograph: Reuters
            REUTERS/Ahmed Jadallah
            Read more: Iraq's war in numbers
            Iraqi\u{00A0}forces said on Sunday they had recaptured Baaj from Islamic State, press@mod.example said.
            Sign up for our newsletter
            """
        let body = TextCleaner(lexicon: lexicon).clean(text)
        #expect(!body.text.contains("Skip to main content"))
        #expect(!body.text.contains("REUTERS/Ahmed"))
        #expect(!body.text.contains("Read more"))
        #expect(!body.text.contains("newsletter"))
        #expect(!body.text.contains("press@mod.example"))
        #expect(!body.text.contains("\u{00A0}"))
        #expect(body.text.components(separatedBy: "Fighters near Baaj").count == 2, "a repeated caption is kept once")

        var article = try ArticleReader(lexicon: lexicon).read(id: "a", file: "a.txt", bytes: Array(text.utf8)).get()
        article.published = "2017-06-04"
        let claims = ClaimExtractor(lexicon: lexicon).extract(article: article).claims
        let claim = try #require(claims.first)
        let evidence = try #require(claim.evidence.first)
        let stored = Array(article.text.utf8)
        #expect(String(decoding: stored[evidence.start..<evidence.end], as: UTF8.self) == evidence.sentence)
        #expect(evidence.sentence.hasPrefix("Iraqi\u{00A0}forces said"), "evidence is the exact stored sentence: \(evidence.sentence)")
        #expect(article.title == "Iraqi forces retake Baaj")
    }

    /// Whole lines match whole; a prefix matches when its last word ends the line or a space follows.
    @Test func boilerplateIsMatchedOnNormalisedBytes() {
        var boilerplate = Boilerplate()
        boilerplate.insertLine(normalized: "sign up")
        boilerplate.insertLine(normalized: "skip to main content")
        boilerplate.insertPrefix(normalized: "read more")
        boilerplate.insertPrefix(normalized: "photo")
        func matches(_ line: String) -> Bool {
            var line = line
            return line.withUTF8 { boilerplate.matches(normalized: $0) }
        }
        #expect(matches("sign up"))
        #expect(matches("skip to main content"))
        #expect(!matches("sign up now"), "a whole line is not a prefix")
        #expect(!matches("skip to main"))
        #expect(matches("read more"))
        #expect(matches("read more iraq 's war in numbers"))
        #expect(!matches("read moreover"), "a prefix ends at a word's end")
        #expect(matches("photo reuters"))
        #expect(!matches("photographs show the town"))
        #expect(!matches("rebels read more statements"))
    }

    @Test func theTitleIsTheFirstLineThatIsNeitherFurnitureNorADate() throws {
        let text = "Skip to main content\nMay 29, 2017\n\nIran-backed force takes villages on Syria border\n\nBy Jane Doe\n\nBAGHDAD (Reuters) - The force said on Monday it had taken the villages.\n"
        let article = try ArticleReader(lexicon: try TestPaths.lexicon()).read(id: "t", file: "t.txt", bytes: Array(text.utf8)).get()
        #expect(article.title == "Iran-backed force takes villages on Syria border")
        #expect(article.published == "2017-05-29")
        #expect(article.byline == "Jane Doe")
        #expect(article.outlet == "Reuters")
        #expect(article.dateline == "BAGHDAD")
    }

    @Test func languagesAreToldApart() throws {
        let detector = LanguageDetector(profiles: try TestPaths.lexicon().languages)
        let samples: [(String, String)] = [
            ("Iraqi forces said on Sunday that they had recaptured the town from Islamic State after a week of fighting in the west.", "en"),
            ("Les forces irakiennes ont annoncé dimanche avoir repris la ville à l'État islamique après une semaine de combats dans l'ouest.", "fr"),
            ("Die irakischen Streitkräfte haben am Sonntag mitgeteilt, dass sie die Stadt nach einer Woche der Kämpfe im Westen zurückerobert haben.", "de"),
            ("Las fuerzas iraquíes dijeron el domingo que habían recuperado la ciudad del Estado Islámico tras una semana de combates en el oeste.", "es"),
            ("Иракские силы заявили в воскресенье, что они вернули город после недели боев на западе страны и что бои продолжаются.", "ru"),
            ("قالت القوات العراقية يوم الأحد إنها استعادت السيطرة على البلدة من تنظيم الدولة الإسلامية بعد أسبوع من القتال في الغرب.", "ar"),
            ("Short English line.", "en"),
        ]
        for (text, language) in samples {
            #expect(detector.detect(text) == language, "\(text.prefix(30))")
        }
        for seed in try TestPaths.seedFiles() {
            #expect(try TestPaths.article(seed, lexicon: TestPaths.lexicon()).language == "en", "\(seed.lastPathComponent)")
        }
    }
}
