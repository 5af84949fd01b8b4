import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService

/// `frontlinectl gazetteer import`: a GeoNames dump into the lexicon's gazetteer.
struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer", abstract: "Extend the gazetteer from GeoNames dumps.", subcommands: [GazetteerImport.self])
}

struct GazetteerImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a GeoNames dump (e.g. IQ.txt from download.geonames.org/export/dump/) into the lexicon.",
        discussion: """
            Writes LEXICON_DIR/gazetteer-NAME.tsv (NAME from the dump's file name), which the daemon and \
            the offline commands load after gazetteer.tsv; hand-kept entries win where names collide. \
            Reload frontlined to use it (systemctl reload frontline, or SIGHUP), and run `frontlinectl reprocess` to read stored \
            articles again with it.
            """)

    @Argument(help: "A GeoNames dump, unzipped (19 tab-separated columns).") var file: String
    @Option(help: "Configuration file whose lexicon_dir to write into.") var config: String?
    @Option(name: .customLong("lexicon-dir"), help: "The lexicon directory to write into (overrides --config).") var lexiconDirectory: String?
    @Option(help: "Where to write instead of the lexicon directory.") var output: String?
    @Option(help: "Country codes to keep, comma-separated (default: all in the file).") var countries: String?
    @Option(name: .customLong("feature-classes"), help: "GeoNames feature classes to keep.") var featureClasses = "P,A"
    @Option(name: .customLong("min-population"), help: "Keep places with at least this population.") var minimumPopulation = 0

    func run() throws {
        if self.file.hasSuffix(".zip") {
            throw CommandFailure("\(self.file) is a zip archive; unzip it first (unzip \(self.file)) and import the .txt inside")
        }
        guard let data = FileManager.default.contents(atPath: self.file) else {
            throw CommandFailure("cannot read \(self.file): no such file or no permission")
        }
        let directory = try self.lexiconDirectory ?? LexiconLoader.locate(
            configured: self.config.map { try Reprocess.configuration(file: $0).lexiconDirectory } ?? nil, configFile: self.config)
        guard let directory else { throw CommandFailure("no lexicon found; pass --lexicon-dir or --config with lexicon_dir set") }
        let lexicon: Lexicon
        do {
            lexicon = try LexiconLoader.load(directory: directory)
        } catch {
            throw CommandFailure("\(error)")
        }

        var options = GeoNamesImport.Options()
        options.featureClasses = Set(self.featureClasses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        options.countries = Set((self.countries ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        options.minimumPopulation = self.minimumPopulation
        let text = String(decoding: data, as: UTF8.self)
        let result = GeoNamesImport(lexicon: lexicon, options: options).run(text)
        if result.rowsRead == 0 {
            let hint = result.malformedLines.first.map { " (line \($0) is not a GeoNames row)" } ?? ""
            throw CommandFailure("\(self.file) holds no GeoNames rows\(hint); expected the 19-column dump format")
        }

        let base = ((self.file as NSString).lastPathComponent as NSString).deletingPathExtension
        let safe = String(base.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        let target = self.output ?? directory + "/gazetteer-\(safe).tsv"
        var lines = [
            "# Imported by `frontlinectl gazetteer import \((self.file as NSString).lastPathComponent)`: \(result.entries.count) places.",
            "# Regenerate rather than edit; hand-kept entries belong in gazetteer.tsv.",
            "# id\tname\tlat\tlon\tcountry\tfeature\talternates",
        ]
        lines += result.entries.map(\.tsvLine)
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: target, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot write \(target): \(error.localizedDescription)")
        }
        print("read \(result.rowsRead) rows of \(self.file): kept \(result.entries.count) places, filtered out \(result.filteredOut) (classes, countries, population)")
        print("dropped \(result.namesDropped) names that cannot match English text or are lexicon words; \(result.malformedLines.count) malformed lines")
        if let first = result.malformedLines.first { print("first malformed line: \(first)") }
        print("wrote \(target)")
        print("next: reload frontlined (systemctl reload frontline) so new articles use it, and run `frontlinectl reprocess` for stored articles")
    }
}
