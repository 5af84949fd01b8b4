/// Tells English from other languages, so other languages are recorded with their language and
/// no claims instead of being read by English rules.
///
/// First the script: text whose letters are mostly Arabic, Cyrillic, Hebrew, Greek, CJK,
/// Devanagari… is not English. Latin-script text is scored by the share of its words that are
/// function words of each language in `languages.tsv` (the, of, and… / le, de, et… / der, die…).
/// Text too short to tell (fewer than 12 words) counts as English.
public struct LanguageDetector: Sendable {
    public var profiles: [LanguageProfile]

    public init(profiles: [LanguageProfile]) {
        self.profiles = profiles
    }

    static let minimumWords = 12
    static let sampleWords = 1500

    public func detect(_ text: String) -> String {
        var scriptCounts: [String: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars.prefix(20_000) where scalar.properties.isAlphabetic {
            letters += 1
            if let script = Self.script(of: scalar.value) { scriptCounts[script, default: 0] += 1 }
        }
        if letters > 0, let (script, count) = scriptCounts.max(by: { $0.value < $1.value }), count * 2 > letters, script != "latin" {
            return self.bestProfile(text, among: self.profiles.filter { $0.script == script }) ?? Self.scriptDefault[script] ?? script
        }
        return self.bestProfile(text, among: self.profiles.filter { $0.script == "latin" }) ?? "en"
    }

    /// The profile whose function words cover most words of the text; nil when too short to tell.
    func bestProfile(_ text: String, among profiles: [LanguageProfile]) -> String? {
        var words: [Substring] = []
        var wordStart: String.Index?
        // The sample is the first words; only that much of a long article is lower-cased.
        let lowered = String(text.prefix(Self.sampleWords * 16)).lowercased()
        var current = lowered.startIndex
        while current < lowered.endIndex, words.count < Self.sampleWords {
            let character = lowered[current]
            if character.isLetter || character == "'" {
                if wordStart == nil { wordStart = current }
            } else if let start = wordStart {
                words.append(lowered[start..<current])
                wordStart = nil
            }
            current = lowered.index(after: current)
        }
        if let start = wordStart, words.count < Self.sampleWords { words.append(lowered[start...]) }
        guard words.count >= Self.minimumWords else { return nil }
        var best: (String, Int)?
        for profile in profiles {
            let hits = words.reduce(0) { $0 + (profile.words.contains(String($1)) ? 1 : 0) }
            if hits > (best?.1 ?? 0) { best = (profile.code, hits) }
        }
        guard let best, best.1 * 20 >= words.count else { return nil }
        return best.0
    }

    static let scriptDefault = ["arabic": "ar", "cyrillic": "ru", "hebrew": "he", "greek": "el", "han": "zh", "hangul": "ko", "kana": "ja", "devanagari": "hi", "thai": "th", "armenian": "hy", "georgian": "ka"]

    static func script(of value: UInt32) -> String? {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: "latin"
        case 0x370...0x3FF: "greek"
        case 0x400...0x52F: "cyrillic"
        case 0x530...0x58F: "armenian"
        case 0x590...0x5FF: "hebrew"
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: "arabic"
        case 0x900...0x97F: "devanagari"
        case 0xE00...0xE7F: "thai"
        case 0x10A0...0x10FF: "georgian"
        case 0x3040...0x30FF: "kana"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: "hangul"
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: "han"
        default: nil
        }
    }
}

/// A language's function words, from `languages.tsv`.
public struct LanguageProfile: Sendable, Hashable {
    public var code: String
    public var script: String
    public var words: Set<String>

    public init(code: String, script: String, words: Set<String>) {
        self.code = code
        self.script = script
        self.words = words
    }
}
