/// Recognises a line that is only a date ("May 29, 2017", "29 May 2017", "2017-05-29",
/// "Monday 29 May 2017 10.15 BST") and returns the date.
public enum DateLineParser {
    public static func parse(line: String) -> CalendarDate? {
        let words = Tokenizer.tokenize(line).filter { $0.text != "," && $0.text != "." }
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var rest = words[...]
        if let first = rest.first, CalendarDate.weekdayNames[first.text] != nil { rest = rest.dropFirst() }
        let texts = rest.map(\.text)
        if texts.count >= 3 {
            // May 29 2017
            if let m = CalendarDate.monthNames[texts[0]], let d = Int(texts[1]), let y = Int(texts[2]),
                trailingIsTime(texts.dropFirst(3)), let date = CalendarDate(year: y, month: m, day: d)
            {
                return date
            }
            // 29 May 2017
            if let d = Int(texts[0]), let m = CalendarDate.monthNames[texts[1]], let y = Int(texts[2]),
                trailingIsTime(texts.dropFirst(3)), let date = CalendarDate(year: y, month: m, day: d)
            {
                return date
            }
        }
        // 2017-05-29 comes through the tokenizer as one hyphenated number-like word.
        if texts.count >= 1, let date = CalendarDate(iso: texts[0]), trailingIsTime(texts.dropFirst()) {
            return date
        }
        return nil
    }

    /// Clock times and zones after a date ("10.15", "BST", "GMT", "am") do not make it a sentence.
    static func trailingIsTime(_ rest: ArraySlice<String>) -> Bool {
        let zones: Set<String> = ["gmt", "bst", "utc", "est", "edt", "cet", "cest", "am", "pm", "ast", "z", ":"]
        return rest.count <= 4 && rest.allSatisfy { Int($0) != nil || zones.contains($0) || $0.contains(":") }
    }
}
