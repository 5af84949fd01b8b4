/// Splits tokenised text into sentences.
///
/// A line break always ends a sentence (news text puts paragraphs on lines). Inside a line, `.`,
/// `!` or `?` ends a sentence when the next token starts a new one (a capital, a quote, a digit)
/// and the word before it is not an abbreviation ("U.S.", "Gen.", "km") or a single initial.
public enum SentenceSplitter {
    public static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pte", "adm", "brig", "cmdr",
        "gov", "sen", "rep", "pres", "st", "mt", "ft", "km", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "jr", "sr", "prof", "rev",
        "approx", "est", "dept", "univ", "u.s", "u.n", "u.k", "e.g", "i.e",
    ]

    public static func split(_ tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        var begin = 0
        var index = 0
        func close(_ endIndex: Int, terminated: Bool) {
            guard endIndex > begin else { return }
            let slice = tokens[begin..<endIndex]
            sentences.append(
                Sentence(
                    index: sentences.count, start: slice.first!.start, end: slice.last!.end, tokens: slice,
                    isTerminated: terminated))
            begin = endIndex
        }
        while index < tokens.count {
            let token = tokens[index]
            if token.newlineBefore, index > begin {
                close(index, terminated: endsWithTerminal(tokens[begin..<index]))
            }
            if token.kind == .punctuation, token.text == "." || token.text == "!" || token.text == "?" {
                var end = index + 1
                // Closing quotes and brackets belong to the sentence they close.
                while end < tokens.count, !tokens[end].newlineBefore,
                    tokens[end].text == "\"" || tokens[end].text == "'" || tokens[end].text == ")"
                {
                    end += 1
                }
                if end >= tokens.count || tokens[end].newlineBefore {
                    index = end
                    continue
                }
                if token.text == ".", isAbbreviation(tokens, before: index) {
                    index += 1
                    continue
                }
                let next = tokens[end]
                if next.isCapitalized || next.kind == .number || next.text == "\"" || next.text == "'" {
                    close(end, terminated: true)
                    index = end
                    continue
                }
            }
            index += 1
        }
        close(tokens.count, terminated: endsWithTerminal(tokens[begin..<tokens.count]))
        return sentences
    }

    static func endsWithTerminal(_ slice: ArraySlice<Token>) -> Bool {
        for token in slice.reversed() {
            if token.text == "\"" || token.text == "'" || token.text == ")" { continue }
            return token.text == "." || token.text == "!" || token.text == "?"
        }
        return false
    }

    static func isAbbreviation(_ tokens: [Token], before index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        guard previous.isWord, previous.end == tokens[index].start else { return false }
        if previous.text.count == 1 { return true }  // initials: "U.S.", "J. Smith"
        if abbreviations.contains(previous.text) { return true }
        return false
    }
}
