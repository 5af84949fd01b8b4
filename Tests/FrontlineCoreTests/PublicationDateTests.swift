import Foundation
import Testing

@testable import FrontlineCore

/// Publication dates heading running text, as scraped pages start; never a date inside a sentence.
@Suite struct PublicationDateTests {
    @Test(arguments: [
        ("Date of publication 1 September 2016 At least 25 civilians were killed", nil, "2016-09-01"),
        ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use", nil, "2017-04-05"),
        ("24-08-2014 Syrian Army Kills 50 militants", nil, "2014-08-24"),
        ("17.05.2017 The Syrian army killed 28 militants", nil, "2017-05-17"),
        ("Published November 13 2017 A war monitoring group said", nil, "2017-11-13"),
        ("Mines kill dozens in town AP Wednesday 26 Oct 2016 A rights group says", "Mines kill dozens in town", "2016-10-26"),
        ("Rebels said they took the town on 3 May 2017 after heavy fighting", nil, nil),
        ("The army said on Sunday 12 May 2019 that it had advanced", nil, nil),
    ] as [(String, String?, String?)])
    func leadingDates(line: String, title: String?, date: String?) {
        #expect(DateLineParser.leadingDate(in: line, title: title)?.description == date)
    }

    /// The byte fast paths of the title comparison and the 240-character cut agree with the
    /// Character operations they stand for, on random text with combining marks and non-ASCII.
    @Test func fastPrefixesAgreeWithCharacters() {
        let alphabet: [String] = ["a", "b", "A", " ", "1", "-", "e\u{0301}", "\u{0301}", "é", "ß", "\u{2019}", "中", "\r\n", "\r"]
        var state: UInt64 = 0xDA7E
        func random(_ count: Int) -> String {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 33) % (Int(state >> 20) % 3 == 0 ? alphabet.count : 5)]
            }.joined()
        }
        for _ in 0..<3_000 {
            let title = random(6)
            let line = Substring(title + random(8))
            let other = Substring(random(14))
            for (line, title) in [(line, title), (other, title), (Substring(title), String(line))] {
                #expect(DateLineParser.sharedPrefix(line, title) == zip(line, title).prefix { $0 == $1 }.count, "\(line.debugDescription) \(title.debugDescription)")
            }
            for count in [3, 6, 12] {
                #expect(DateLineParser.prefix(line, characters: count) == line.prefix(count), "\(line.debugDescription) \(count)")
            }
        }
    }

    /// The check on the bytes that spares most lines the tokenizer never turns away a line the
    /// tokens read as a date: date lines in many forms, and every short line of the fixtures.
    @Test func theByteCheckKeepsEveryDateLine() throws {
        let forms = [
            "May 29, 2017", "29 May 2017", "2017-05-29", "Monday 29 May 2017 10.15 BST", "Wednesday, 27 September 2017 10:15 BST",
            "22 Feb 2015", "Thursday, June 1, 2017", "29 May 2017 10:15 am", "29\u{00A0}May\u{00A0}2017", "1 . June , 2017 , 10 : 15 am",
        ]
        var lines = forms
        for folder in ["fakes40", "fakes-blind20", "fakes-blind20b"] {
            let directory = TestPaths.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                lines += text.split(separator: "\n").map(String.init).filter { $0.utf8.count <= DateLineParser.longestLine }
            }
        }
        for form in forms { #expect(DateLineParser.parseTokens(of: form) != nil, "\(form.debugDescription)") }
        for line in lines where DateLineParser.parseTokens(of: line) != nil {
            #expect(DateLineParser.mayBeDateLine(line), "\(line.debugDescription)")
        }
        for line in ["Rebels took the town of Baaj on Thursday after a week of heavy fighting", "By Maher Chmaytelli", "BAGHDAD (Reuters) -"] {
            #expect(!DateLineParser.mayBeDateLine(line))
        }
    }

    /// The same for a date heading running text: every line of the fixtures the tokens read a
    /// leading date in has four digits in a row.
    @Test func theByteCheckKeepsEveryLeadingDate() throws {
        var lines: [String] = []
        for folder in ["fakes40", "fakes-blind20", "fakes-blind20b"] {
            let directory = TestPaths.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                lines += text.split(separator: "\n").prefix(12).map(String.init)
            }
        }
        var dated = 0
        for line in lines where DateLineParser.leadingDateTokens(in: line, title: nil) != nil {
            dated += 1
            #expect(DateLineParser.hasFourDigits(line), "\(line.debugDescription)")
        }
        #expect(dated >= 5)
        #expect(!DateLineParser.hasFourDigits("Rebels took 200 villages in 19 days"))
        #expect(DateLineParser.hasFourDigits("Wed 05 Apr 2017 Syria attack"))
    }

    @Test func anArticleWithoutADateLineTakesTheHeadingDate() throws {
        let text = "Rebels push into the suburbs\n\nDate of publication 1 September 2016 Rebels took two villages on Thursday.\n"
        let article = TextArticleReader(lexicon: try TestPaths.lexicon()).read(id: "a", file: "a.txt", text: text)
        #expect(article.published == "2016-09-01")
        #expect(article.title == "Rebels push into the suburbs")
    }
}
