/// Turns a GeoNames dump (`IQ.txt`, `cities15000.txt`, `allCountries.txt`: 19 tab-separated
/// columns, see https://download.geonames.org/export/dump/readme.txt) into gazetteer rows in the
/// format of `gazetteer.tsv`. Pure: text in, rows and counts out.
///
/// Kept: rows of the chosen feature classes, countries and minimum population. Names and
/// alternate names are kept when they can match English text: Latin script, at least three
/// characters, capitalised, and not a word the lexicon already uses for something else (an actor,
/// an outlet, a trigger or cue word, a weekday or a month) — a village called "Sunday" or "Army"
/// would otherwise turn ordinary words into places.
public struct GeoNamesImport: Sendable {
    public struct Options: Sendable, Hashable {
        /// GeoNames feature classes: `P` populated places, `A` administrative areas, `L` areas, `T` terrain…
        public var featureClasses: Set<String> = ["P", "A"]
        /// ISO country codes to keep; empty keeps all.
        public var countries: Set<String> = []
        public var minimumPopulation = 0

        public init() {}
    }

    public struct Result: Sendable {
        public var entries: [GazetteerEntry] = []
        public var rowsRead = 0
        public var filteredOut = 0
        public var malformedLines: [Int] = []
        public var namesDropped = 0
    }

    public var lexicon: Lexicon
    public var options: Options

    public init(lexicon: Lexicon, options: Options = Options()) {
        self.lexicon = lexicon
        self.options = options
    }

    public func run(_ text: String) -> Result {
        var result = Result()
        var populations: [String: Int] = [:]
        for row in TSVTable(name: "GeoNames dump", text: text).rows {
            let fields = row.fields
            guard fields.count >= 15, let lat = Double(fields[4]), let lon = Double(fields[5]), !fields[0].isEmpty else {
                result.malformedLines.append(row.line)
                continue
            }
            result.rowsRead += 1
            let featureClass = fields[6]
            let country = fields[8]
            let population = Int(fields[14]) ?? 0
            guard self.options.featureClasses.contains(featureClass),
                self.options.countries.isEmpty || self.options.countries.contains(country),
                population >= self.options.minimumPopulation
            else {
                result.filteredOut += 1
                continue
            }
            var names: [String] = []
            for candidate in [fields[1], fields[2]] + fields[3].split(separator: ",").map(String.init) {
                let name = candidate.trimmingSpaces().replacingPipes()
                if names.contains(name) { continue }
                if self.isUsable(name) { names.append(name) } else { result.namesDropped += 1 }
            }
            guard let name = names.first else { continue }
            let id = "gn:" + fields[0]
            populations[id] = population
            result.entries.append(
                GazetteerEntry(
                    id: id, name: name, lat: lat, lon: lon, country: country,
                    feature: Self.feature(class: featureClass, code: fields[7], population: population),
                    alternates: Array(names.dropFirst())))
        }
        // Most populous first: where two places share a name, the first one loaded wins.
        result.entries.sort { (populations[$0.id] ?? 0, $1.id) > (populations[$1.id] ?? 0, $0.id) }
        return result
    }

    /// A name that can match English text and means nothing else to the lexicon.
    func isUsable(_ name: String) -> Bool {
        guard name.count >= 3, let first = name.unicodeScalars.first, first.properties.isUppercase,
            name.unicodeScalars.allSatisfy({ $0.isASCII || Self.isLatinLetter($0) })
        else { return false }
        let tokens = Tokenizer.tokenize(name)
        guard !tokens.isEmpty else { return false }
        if tokens.count == 1 {
            let word = tokens[0].text
            if CalendarDate.monthNames[word] != nil || CalendarDate.weekdayNames[word] != nil { return false }
            if self.lexicon.cues.values.contains(where: { $0.matchesWhole(tokens[...]) }) {
                return false
            }
        }
        let whole = tokens[...]
        return !self.lexicon.actorMatcher.matchesWhole(whole) && !self.lexicon.outletMatcher.matchesWhole(whole)
            && !self.lexicon.triggerMatcher.matchesWhole(whole)
    }

    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        // Latin-1 Supplement, Latin Extended-A/B and Additional: "Tall ‘Afar", "Kobanî", "Ḩalab".
        switch scalar.value {
        case 0x00C0...0x024F, 0x1E00...0x1EFF, 0x2018, 0x2019, 0x02BB...0x02BF: return true
        default: return false
        }
    }

    /// The gazetteer's feature words from GeoNames classes and codes.
    static func feature(class featureClass: String, code: String, population: Int) -> String {
        switch (featureClass, code) {
        case ("A", let code) where code.hasPrefix("PCL"): return "country"
        case ("A", "ADM1"): return "region"
        case ("A", _): return "district"
        case ("P", "PPLC"), ("P", "PPLA"), ("P", "PPLA2"): return "city"
        case ("P", _): return population >= 100_000 ? "city" : population >= 10_000 ? "town" : "village"
        default: return code.isEmpty ? featureClass.lowercased() : code.lowercased()
        }
    }
}

extension GazetteerEntry {
    /// The entry as a row of `gazetteer.tsv`.
    public var tsvLine: String {
        [self.id, self.name, String(self.lat), String(self.lon), self.country, self.feature, self.alternates.joined(separator: "|")]
            .joined(separator: "\t")
    }
}

extension PhraseMatcher {
    /// Whether a phrase of the matcher spans all of `tokens`.
    func matchesWhole(_ tokens: ArraySlice<Token>) -> Bool {
        self.longestMatch(in: tokens, at: tokens.startIndex)?.range.count == tokens.count
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        String(self.map { $0 == "|" ? " " : $0 })
    }
}
