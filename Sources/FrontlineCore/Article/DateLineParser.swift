/// Recognises a line that is only a date ("May 29, 2017", "29 May 2017", "2017-05-29",
/// "Monday 29 May 2017 10.15 BST") and returns the date.
public enum DateLineParser {
    public static func parse(line: String) -> CalendarDate? {
        // At most eight words: a paragraph is not tokenized to find that out.
        guard line.utf8.count <= Self.longestLine, Self.mayBeDateLine(line) else { return nil }
        return Self.parseTokens(of: line)
    }

    /// `parse(line:)` without its checks on the bytes: the tests' oracle for them.
    static func parseTokens(of line: String) -> CalendarDate? {
        let words = Tokenizer.tokenize(line).filter { $0.text != "," && $0.text != "." }
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var rest = words[...]
        if let first = rest.first, CalendarDate.weekdayNames[first.text] != nil { rest = rest.dropFirst() }
        let texts = rest.map(\.text)
        if let date = Self.dayMonthYear(texts[...]), trailingIsTime(texts.dropFirst(3)) { return date }
        // 2017-05-29 comes through the tokenizer as one hyphenated number-like word.
        if texts.count >= 1, let date = CalendarDate(iso: texts[0]), trailingIsTime(texts.dropFirst()) {
            return date
        }
        return nil
    }

    /// Whether `line` has an ASCII digit (every date read here has a year in them) and at most
    /// eight space-separated pieces with an ASCII letter or digit in them (each holds a word).
    /// Most lines fail this on their bytes, without being tokenized.
    static func mayBeDateLine(_ line: String) -> Bool {
        var digit = false
        var pieces = 0
        var inPiece = false
        for byte in line.utf8 {
            if byte == 0x20 || byte == 0x09 {
                inPiece = false
                continue
            }
            let isDigit = ASCIIWords.isDigit(byte)
            digit = digit || isDigit
            // Only ASCII letters and digits start a counted piece, so the count is never more than
            // the tokens `parse` counts (a piece of other characters may hold none).
            guard !inPiece, isDigit || ASCIIWords.isLetter(byte) else { continue }
            inPiece = true
            pieces += 1
            if pieces > 8 { return false }
        }
        return digit
    }

    /// Longer than any date line of eight words ("Wednesday, 27 September 2017 10:15 BST").
    static let longestLine = 160

    /// "May 29 2017" or "29 May 2017" at the start of `texts` (tokens, commas removed).
    static func dayMonthYear(_ texts: ArraySlice<String>) -> CalendarDate? {
        guard texts.count >= 3 else { return nil }
        let (a, b, c) = (texts[texts.startIndex], texts[texts.startIndex + 1], texts[texts.startIndex + 2])
        guard let y = Int(c) else { return nil }
        if let m = CalendarDate.monthNames[a], let d = Int(b) { return CalendarDate(year: y, month: m, day: d) }
        if let d = Int(a), let m = CalendarDate.monthNames[b] { return CalendarDate(year: y, month: m, day: d) }
        return nil
    }

    /// Clock times and zones after a date ("10.15", "BST", "GMT", "am") do not make it a sentence.
    static func trailingIsTime(_ rest: ArraySlice<String>) -> Bool {
        rest.count <= 4 && rest.allSatisfy { Int($0) != nil || Self.zones.contains($0) || $0.contains(":") }
    }

    static let zones: Set<String> = ["gmt", "bst", "utc", "est", "edt", "cet", "cest", "am", "pm", "ast", "z", ":"]
}

extension DateLineParser {
    static let weekdayAbbreviations: Set<String> = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
    /// Words a page header may put before its date ("Date of publication", "Last updated at").
    static let headerWords: Set<String> = ["date", "of", "publication", "published", "last", "updated", "at", "on", "posted", "|", "-", ","]

    /// A full date (with its year) heading a line of running text, the way scraped pages start:
    /// "Date of publication 1 September 2016 At least…", "Wed 05 Apr 2017 Syria attack…",
    /// "24-08-2014 Syrian Army…", or after the title repeated and an agency ("… town AP Wednesday
    /// 26 Oct 2016 A leading…"). Only capitalised words and header words may come before it, so a
    /// date inside the first sentence ("Rebels said on 3 May 2017…") is not taken for publication.
    public static func leadingDate(in line: String, title: String?) -> CalendarDate? {
        // Every date read here has a year of four ASCII digits; most lines have none, and are
        // turned away on their bytes without being tokenized.
        guard Self.hasFourDigits(line) else { return nil }
        return Self.leadingDateTokens(in: line, title: title)
    }

    /// Whether `line` holds four ASCII digits in a row.
    static func hasFourDigits(_ line: String) -> Bool {
        var run = 0
        for byte in line.utf8 {
            run = ASCIIWords.isDigit(byte) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// `leadingDate(in:title:)` without its check on the bytes: the tests' oracle for it.
    static func leadingDateTokens(in line: String, title: String?) -> CalendarDate? {
        var head = Substring(line)
        if let title {
            // The title repeated (its site suffix may differ: "… NGO - Region - World - Ahram Online").
            let shared = Self.sharedPrefix(head, title)
            if shared >= title.prefix(20).count { head = head.dropFirst(shared) }
        }
        let numeric = head.drop { $0 == " " }.prefix(10)
        if Self.mayStartNumber(numeric), numeric.count == 10, let date = Self.numericDate(String(numeric)) { return date }
        let tokens = Tokenizer.tokenize(Self.prefix(head, characters: 240), limit: 16)
        for start in 0..<min(tokens.count, 7) {
            if start > 0 {
                let before = tokens[start - 1]
                guard before.isCapitalized || before.isAllCaps || Self.headerWords.contains(before.text) else { return nil }
            }
            if let date = Self.date(at: start, in: tokens) { return date }
        }
        return nil
    }

    /// How many Characters `line` and `title` share at their start. Bytes are compared while both
    /// are simple: ASCII but CR, where a byte is a Character unless a combining mark follows (CR
    /// LF is one Character too). Past that, Characters are compared.
    static func sharedPrefix(_ line: Substring, _ title: String) -> Int {
        let onBytes = line.utf8.withContiguousStorageIfAvailable { line in
            title.utf8.withContiguousStorageIfAvailable { title in Self.sharedSimplePrefix(line, title) } ?? nil
        }
        return (onBytes ?? nil) ?? zip(line, title).prefix { $0 == $1 }.count
    }

    /// The shared start of two texts in bytes, when every byte up to the first difference and
    /// the byte after the shared part are simple; nil when Characters must be compared.
    static func sharedSimplePrefix(_ line: UnsafeBufferPointer<UInt8>, _ title: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = min(line.count, title.count)
        var shared = 0
        while shared < count {
            let (a, b) = (line[shared], title[shared])
            guard Self.isSimple(a), Self.isSimple(b) else { return nil }
            guard a == b else { break }
            shared += 1
        }
        let next = (shared < line.count ? line[shared] : 0, shared < title.count ? title[shared] : 0)
        guard Self.isSimple(next.0), Self.isSimple(next.1) else { return nil }
        return shared
    }

    @inline(__always)
    static func isSimple(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x0D }

    /// `text.prefix(count)` in Characters, found on the bytes when they are ASCII.
    static func prefix(_ text: Substring, characters count: Int) -> Substring {
        let utf8 = text.utf8
        guard utf8.count > count else { return text }
        let end = utf8.index(utf8.startIndex, offsetBy: count)
        let simple = utf8[...end].withContiguousStorageIfAvailable { $0.allSatisfy(Self.isSimple) } ?? utf8[...end].allSatisfy(Self.isSimple)
        guard simple else { return text.prefix(count) }
        return text[..<end]
    }

    /// "Wednesday 26 Oct 2016", "Sun 22 Feb 2015", "November 13 2017", "24-08-2014" at `start`.
    static func date(at start: Int, in tokens: [Token]) -> CalendarDate? {
        var index = start
        if index < tokens.count, CalendarDate.weekdayNames[tokens[index].text] != nil || Self.weekdayAbbreviations.contains(tokens[index].text) {
            index += 1
        }
        // Every date read below starts (after commas) with a month name or what a number can start with.
        guard let first = tokens[min(index, tokens.count)...].prefix(4).first(where: { $0.text != "," }),
            Self.mayStartNumber(first.text) || CalendarDate.monthNames[first.text] != nil
        else { return nil }
        let texts = tokens[index...].prefix(4).map(\.text).filter { $0 != "," }
        if texts.count >= 3, texts[2].count == 4, let date = Self.dayMonthYear(texts[...]) { return date }
        return texts.first.flatMap(Self.numericDate)
    }

    /// Whether `text` starts with a digit, a sign or a separator: a numeric date can only start so
    /// (`Int` reads "+5"; a split drops a leading separator).
    static func mayStartNumber(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first else { return false }
        return (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
            || first == UInt8(ascii: "/")
    }

    /// "2014-08-24", "24-08-2014", "17.05.2017", "05/17/2017".
    static func numericDate(_ text: String) -> CalendarDate? {
        if let date = CalendarDate(iso: text) { return date }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).compactMap { Int($0) }
        guard parts.count == 3, text.count == 10, parts[2] > 1900 else { return nil }
        // Day first, as outside the United States; month first only when the day-first reading is impossible.
        return CalendarDate(year: parts[2], month: parts[1], day: parts[0]) ?? CalendarDate(year: parts[2], month: parts[0], day: parts[1])
    }
}
