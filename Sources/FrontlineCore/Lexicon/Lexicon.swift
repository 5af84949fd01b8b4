/// Everything the extractor knows about words: actors, triggers, cue words, places, outlets and
/// boilerplate, parsed from the files of `Config/lexicon/`. Parsing is pure: the caller reads the
/// files and hands their contents over.
public struct Lexicon: Sendable {
    /// The files a lexicon directory holds.
    public static let fileNames = [
        "VERSION", "actors.tsv", "descriptors.tsv", "triggers.tsv", "cues.tsv", "gazetteer.tsv", "outlets.tsv",
        "boilerplate.txt", "languages.tsv",
    ]

    /// The tables, shared by every copy (see `Lexicon+Storage.swift`).
    var storage = Lexicon.emptyStorage

    /// Parses the contents of a lexicon directory, keyed by file name.
    /// - Throws: ``LexiconError`` naming the file, line and reason of the first bad row.
    public init(files: [String: String]) throws(LexiconError) {
        // Built here in tables of its own, then frozen in the storage every copy shares.
        var tables = LexiconTables()
        tables.version = (files["VERSION"] ?? "unversioned").trimmingSpaces().split(separator: "\n").first.map(String.init)
            ?? "unversioned"

        let actorTable = TSVTable(name: "actors.tsv", text: files["actors.tsv"] ?? "")
        for row in actorTable.rows {
            guard row.fields.count >= 3, !row[0].isEmpty, !row[1].isEmpty else {
                throw LexiconError(file: "actors.tsv", line: row.line, reason: "expected: id<TAB>name<TAB>aliases")
            }
            let entry = ActorEntry(id: row[0], name: row[1], aliases: row[2].alternatives())
            tables.actors[entry.id] = entry
            for alias in [entry.name] + entry.aliases {
                let capsOnly = alias.count <= 5 && alias == alias.uppercased()
                tables.actorMatcher.insert(alias, value: ActorAlias(actorID: entry.id, capsOnly: capsOnly))
            }
        }

        for row in TSVTable(name: "descriptors.tsv", text: files["descriptors.tsv"] ?? "").rows {
            guard tables.actors[row[0]] != nil else {
                throw LexiconError(file: "descriptors.tsv", line: row.line, reason: "unknown actor id '\(row[0])'")
            }
            let groups = row[1].split(separator: "+").map { group in
                Set(String(group).alternatives().flatMap { Tokenizer.tokenize($0).map(\.text) })
            }
            guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else {
                throw LexiconError(file: "descriptors.tsv", line: row.line, reason: "expected word groups joined by +")
            }
            tables.descriptors.append(ActorDescriptor(actorID: row[0], groups: groups))
        }

        for row in TSVTable(name: "triggers.tsv", text: files["triggers.tsv"] ?? "").rows {
            guard let kind = ClaimKind(rawValue: row[1]) else {
                throw LexiconError(file: "triggers.tsv", line: row.line, reason: "unknown kind '\(row[1])'")
            }
            guard let frame = Trigger.Frame(rawValue: row[2]) else {
                throw LexiconError(file: "triggers.tsv", line: row.line, reason: "unknown frame '\(row[2])'")
            }
            let formText = row[3].isEmpty ? "both" : row[3]
            guard let form = Trigger.Form(rawValue: formText) else {
                throw LexiconError(file: "triggers.tsv", line: row.line, reason: "unknown form '\(formText)'")
            }
            let objectText = row[4].isEmpty ? "place" : row[4]
            guard let object = Trigger.Object(rawValue: objectText) else {
                throw LexiconError(file: "triggers.tsv", line: row.line, reason: "unknown object '\(objectText)'")
            }
            for phrase in row[0].alternatives() {
                let trigger = Trigger(phrase: phrase, kind: kind, frame: frame, form: form, object: object)
                tables.triggers.append(trigger)
                tables.triggerMatcher.insert(phrase, value: trigger)
            }
        }

        for row in TSVTable(name: "cues.tsv", text: files["cues.tsv"] ?? "").rows {
            guard !row[0].isEmpty, !row[1].isEmpty else {
                throw LexiconError(file: "cues.tsv", line: row.line, reason: "expected: category<TAB>phrases")
            }
            var matcher = tables.cues[row[0]] ?? PhraseMatcher<String>()
            for phrase in row[1].alternatives() {
                matcher.insert(phrase, value: row[2].isEmpty ? phrase : row[2])
            }
            tables.cues[row[0]] = matcher
        }

        // The hand-kept gazetteer first (its names win), then imported ones (`gazetteer-*.tsv`) by name.
        for name in ["gazetteer.tsv"] + files.keys.filter(Self.isImportedGazetteer).sorted() {
            for row in TSVTable(name: name, text: files[name] ?? "").rows {
                guard row.fields.count >= 6, let lat = Double(row[2]), let lon = Double(row[3]) else {
                    throw LexiconError(
                        file: name, line: row.line,
                        reason: "expected: id<TAB>name<TAB>lat<TAB>lon<TAB>country<TAB>feature<TAB>alternates")
                }
                let entry = GazetteerEntry(
                    id: row[0], name: row[1], lat: lat, lon: lon, country: row[4], feature: row[5],
                    alternates: row[6].alternatives())
                tables.addPlace(entry)
            }
        }

        for row in TSVTable(name: "outlets.tsv", text: files["outlets.tsv"] ?? "").rows {
            let entry = OutletEntry(name: row[0], aliases: row[1].alternatives())
            tables.outlets.append(entry)
            for alias in [entry.name] + entry.aliases {
                tables.outletMatcher.insert(alias, value: entry.name)
            }
        }

        for line in (files["boilerplate.txt"] ?? "").split(separator: "\n") {
            let trimmed = String(line).trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasSuffix("*") {
                let prefix = Lexicon.normalizedLine(String(trimmed.dropLast()))
                if !prefix.isEmpty { tables.boilerplate.insertPrefix(normalized: prefix) }
            } else {
                tables.boilerplate.insertLine(normalized: Lexicon.normalizedLine(trimmed))
            }
        }

        for row in TSVTable(name: "languages.tsv", text: files["languages.tsv"] ?? "").rows {
            guard row.fields.count >= 3, !row[0].isEmpty, !row[1].isEmpty else {
                throw LexiconError(file: "languages.tsv", line: row.line, reason: "expected: code<TAB>script<TAB>words")
            }
            tables.languages.append(LanguageProfile(code: row[0], script: row[1], words: Set(row[2].alternatives().map { $0.lowercased() })))
        }
        tables.languageDetector = LanguageDetector(profiles: tables.languages)
        tables.cueMatchers = Self.cueMatchers(tables.cues)
        self.storage = LexiconStorage(tables)
    }

    static func cueMatchers(_ cues: [String: PhraseMatcher<String>]) -> [PhraseMatcher<String>] {
        CueCategory.allCases.map { cues[$0.name] ?? PhraseMatcher<String>() }
    }

    /// Gazetteers made by `frontlinectl gazetteer import`, loaded after `gazetteer.tsv`.
    public static func isImportedGazetteer(_ fileName: String) -> Bool {
        fileName.hasPrefix("gazetteer-") && fileName.hasSuffix(".tsv")
    }

    /// Adds a gazetteer entry; an entry already there under the same id is kept.
    public mutating func addPlace(_ entry: GazetteerEntry) {
        self.modifyTables { $0.addPlace(entry) }
    }

    /// A line folded for boilerplate comparison: lower case words and numbers, single spaces.
    public static func normalizedLine(_ line: String) -> String {
        var line = line
        return line.withUTF8 { Tokenizer.normalizedWords(bytes: $0).text }
    }

    /// Whether a phrase of `category` starts at token `index`; returns its length.
    func cueLength(_ category: CueCategory, in tokens: ArraySlice<Token>, at index: Int) -> Int? {
        guard index >= tokens.startIndex, index < tokens.endIndex else { return nil }
        return self.cueMatchers[category.rawValue].longestMatch(in: tokens, at: index)?.range.count
    }

    func cueValue(_ category: CueCategory, in tokens: ArraySlice<Token>, at index: Int) -> (value: String, length: Int)? {
        guard index >= tokens.startIndex, index < tokens.endIndex,
            let match = self.cueMatchers[category.rawValue].longestMatch(in: tokens, at: index)
        else { return nil }
        return (match.values[0], match.range.count)
    }

    /// Whether `word` alone is a phrase of `category`.
    func isCue(_ category: CueCategory, _ word: String) -> Bool {
        self.cueMatchers[category.rawValue].containsWord(word)
    }
}

extension Lexicon {
    /// The gazetteer id of a place named exactly by `text`, in any of its spellings ("Ba'aj" →
    /// Baaj's id); nil when the gazetteer does not know the whole text as one place.
    public func placeID(named text: String) -> String? {
        let tokens = Tokenizer.tokenize(text)
        guard let match = self.placeMatcher.matches(in: tokens[...], accept: { _, _ in true }).first,
            match.range == tokens.indices
        else { return nil }
        return match.values.first?.gazetteerID
    }

    /// The canonical id of the first actor alias in `text` ("the Iraqi army" → `iraqi-forces`).
    public func actorID(named text: String) -> String? {
        let tokens = Tokenizer.tokenize(text)
        return self.actorMatcher.matches(in: tokens[...]) { alias, slice in
            !alias.capsOnly || slice.allSatisfy { $0.isAllCaps || !$0.isWord }
        }.first?.values.first?.actorID
    }
}
