/// Tells English from other languages, so other languages are recorded with their language and
/// no claims instead of being read by English rules.
///
/// First the script: text whose letters are mostly Arabic, Cyrillic, Hebrew, Greek, CJK,
/// Devanagari… is not English. Latin-script text is scored by the share of its words that are
/// function words of each language in `languages.tsv` (the, of, and… / le, de, et… / der, die…).
/// Text too short to tell (fewer than 12 words) counts as English.
public struct LanguageDetector: Sendable {
    public private(set) var profiles: [LanguageProfile]
    /// Function word (FNV-1a of its UTF-8) → the profiles that list it, as a bit set.
    private let words: WordMasks

    public init(profiles: [LanguageProfile]) {
        precondition(profiles.count <= 64, "at most 64 language profiles")
        self.profiles = profiles
        var words: [UInt64: UInt64] = [:]
        for (index, profile) in profiles.enumerated() {
            for word in profile.words { words[FNV1a.hash(word), default: 0] |= 1 << UInt64(index) }
        }
        self.words = WordMasks(words)
    }

    static let minimumWords = 12
    static let sampleWords = 1500
    static let sampleScalars = 24_000
    /// How much of the text's start decides its script.
    static let scriptScalars = 20_000

    public func detect(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var scriptCounts: [String: Int] = [:]
            var latin = 0
            var letters = 0
            var index = 0
            var scalars = 0
            while index < bytes.count, scalars < Self.scriptScalars {
                if bytes[index] < 0x80 {
                    // A run of ASCII, a scalar a byte: only its letters are counted.
                    let end = min(bytes.count, index + Self.scriptScalars - scalars)
                    var run = index
                    var runLetters = 0
                    while run + 8 <= end {
                        let word = ASCIIWords.load(bytes, at: run)
                        guard word & ASCIIWords.highs == 0 else { break }
                        runLetters += ASCIIWords.letterCount(ofASCII: word)
                        run += 8
                    }
                    while run < end, bytes[run] < 0x80 {
                        if ASCIIWords.isLetter(bytes[run]) { runLetters += 1 }
                        run += 1
                    }
                    letters += runLetters
                    latin += runLetters
                    scalars += run - index
                    index = run
                    continue
                }
                let (scalar, width) = Tokenizer.scalar(in: bytes, at: index)
                index += width
                scalars += 1
                if scalar.value < 0x80 {
                    if ASCIIWords.isLetter(UInt8(truncatingIfNeeded: scalar.value)) { letters += 1; latin += 1 }
                } else if scalar.properties.isAlphabetic {
                    letters += 1
                    if let script = Self.script(of: scalar.value) {
                        if script == "latin" { latin += 1 } else { scriptCounts[script, default: 0] += 1 }
                    }
                }
            }
            if latin > 0 { scriptCounts["latin"] = latin }
            if letters > 0, let (script, count) = scriptCounts.max(by: { $0.value < $1.value }), count * 2 > letters, script != "latin" {
                return self.bestProfile(bytes, script: script) ?? Self.scriptDefault[script] ?? script
            }
            return self.bestProfile(bytes, script: "latin") ?? "en"
        }
    }

    /// The profile of `script` whose function words cover most words of the text's start (the
    /// earliest profile among equals); nil when too short to tell. A word is a run of letters and
    /// ASCII apostrophes, lower-cased; combining marks stay with the letter they follow.
    func bestProfile(_ bytes: UnsafeBufferPointer<UInt8>, script: String) -> String? {
        var allowed: UInt64 = 0
        for (index, profile) in self.profiles.enumerated() where profile.script == script { allowed |= 1 << UInt64(index) }
        guard allowed != 0 else { return nil }
        var hits = [Int](repeating: 0, count: self.profiles.count)
        var count = 0
        var hash = FNV1a.offsetBasis
        var inWord = false
        var index = 0
        var scalars = 0
        func endWord() {
            count += 1
            var mask = self.words[hash] & allowed
            while mask != 0 {
                hits[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
            hash = FNV1a.offsetBasis
            inWord = false
        }
        while index < bytes.count, scalars < Self.sampleScalars, count < Self.sampleWords {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                scalars += 1
                if ASCIIWords.isLetter(byte) {
                    hash = FNV1a.mix(hash, byte | 0x20)
                    inWord = true
                } else if byte == 0x27 {
                    hash = FNV1a.mix(hash, byte)
                    inWord = true
                } else if inWord {
                    endWord()
                }
                continue
            }
            let (scalar, width) = Tokenizer.scalar(in: bytes, at: index)
            index += width
            scalars += 1
            if scalar.properties.isAlphabetic || (inWord && scalar.properties.isGraphemeExtend) {
                for lowered in scalar.properties.lowercaseMapping.utf8 { hash = FNV1a.mix(hash, lowered) }
                inWord = true
            } else if inWord {
                endWord()
            }
        }
        if inWord, count < Self.sampleWords { endWord() }
        guard count >= Self.minimumWords else { return nil }
        var best: (Int, Int)?
        for index in hits.indices where hits[index] > (best?.1 ?? 0) { best = (index, hits[index]) }
        guard let best, best.1 * 20 >= count else { return nil }
        return self.profiles[best.0].code
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

/// A read-only map from 64-bit word hashes to bit sets, probed linearly in a table kept at most
/// half full: the hash is already a hash, so it is not hashed again (as a `Dictionary` would).
struct WordMasks: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt64]
    /// Whether the key 0 (the empty slot's marker) is itself in the map, and its mask.
    private var zeroMask: UInt64 = 0

    init(_ entries: [UInt64: UInt64]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        self.keys = [UInt64](repeating: 0, count: capacity)
        self.masks = [UInt64](repeating: 0, count: capacity)
        for (key, mask) in entries {
            guard key != 0 else {
                self.zeroMask = mask
                continue
            }
            var slot = Self.slot(key, capacity - 1)
            while self.keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            self.keys[slot] = key
            self.masks[slot] = mask
        }
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The mask of `key`; 0 when absent.
    subscript(key: UInt64) -> UInt64 {
        guard key != 0 else { return self.zeroMask }
        let mask = self.keys.count - 1
        var slot = Self.slot(key, mask)
        while true {
            let found = self.keys[slot]
            if found == key { return self.masks[slot] }
            if found == 0 { return 0 }
            slot = (slot + 1) & mask
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
