@testable import FrontlineCore

/// The first tokenizer, over Unicode scalars and their properties: slow, plainly correct, kept as
/// the oracle the byte-level ``Tokenizer`` must agree with token for token.
enum ReferenceTokenizer {
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)

        var index = 0
        var newlinePending = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                newlinePending = true
                index += 1
                continue
            }
            if isSpace(scalar) {
                index += 1
                continue
            }
            if isWordScalar(scalar) {
                let begin = index
                var word = String.UnicodeScalarView()
                var upper = 0
                var letters = 0
                while index < scalars.count {
                    let current = scalars[index]
                    if isWordScalar(current) {
                        if current.properties.isUppercase { upper += 1 }
                        if current.properties.isAlphabetic { letters += 1 }
                        word.append(contentsOf: current.properties.lowercaseMapping.unicodeScalars)
                        index += 1
                        continue
                    }
                    // Inner hyphen or apostrophe joins two word parts, except a possessive "'s".
                    if (isHyphen(current) || isApostrophe(current)), index + 1 < scalars.count,
                        isWordScalar(scalars[index + 1]), !word.isEmpty
                    {
                        if isApostrophe(current), isPossessive(scalars, at: index) { break }
                        word.append(isHyphen(current) ? "-" : "'")
                        index += 1
                        continue
                    }
                    break
                }
                let first = scalars[begin]
                let isNumber = word.allSatisfy { $0.properties.numericType != nil || $0 == "," || $0 == "." }
                tokens.append(
                    Token(
                        text: String(word), start: offsets[begin], end: offsets[index],
                        kind: isNumber ? .number : .word, isCapitalized: first.properties.isUppercase,
                        isAllCaps: letters > 0 && upper == letters, newlineBefore: newlinePending))
                newlinePending = false
                continue
            }
            if isApostrophe(scalar), isPossessive(scalars, at: index) {
                tokens.append(
                    Token(
                        text: "'s", start: offsets[index], end: offsets[index + 2], kind: .word,
                        isCapitalized: false, isAllCaps: false, newlineBefore: newlinePending))
                newlinePending = false
                index += 2
                continue
            }
            tokens.append(
                Token(
                    text: String(foldPunctuation(scalar)), start: offsets[index], end: offsets[index + 1],
                    kind: .punctuation, isCapitalized: false, isAllCaps: false, newlineBefore: newlinePending))
            newlinePending = false
            index += 1
        }
        return tokens
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "\u{2018}"
    }

    /// `'s` followed by a non-letter: a possessive or a contraction, split off from its word.
    static func isPossessive(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 1 < scalars.count, scalars[index + 1] == "s" || scalars[index + 1] == "S" else { return false }
        return index + 2 >= scalars.count || !isWordScalar(scalars[index + 2])
    }

    static func foldPunctuation(_ scalar: Unicode.Scalar) -> Character {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{02BC}": return "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": return "\""
        case "\u{2013}", "\u{2014}", "\u{2012}", "\u{2015}", "\u{2212}": return "-"
        case "\u{2026}": return "."
        default: return Character(scalar)
        }
    }
}
