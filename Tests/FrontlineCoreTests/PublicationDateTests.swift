import FrontlineCore
import Testing

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

    @Test func anArticleWithoutADateLineTakesTheHeadingDate() throws {
        let text = "Rebels push into the suburbs\n\nDate of publication 1 September 2016 Rebels took two villages on Thursday.\n"
        let article = TextArticleReader(lexicon: try TestPaths.lexicon()).read(id: "a", file: "a.txt", text: text)
        #expect(article.published == "2016-09-01")
        #expect(article.title == "Rebels push into the suburbs")
    }
}
