import ArgumentParser
import Foundation
import FrontlineService

/// `frontline-bench`: the figures of docs/performance.md, measured in one run (`make bench`).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline-bench",
        abstract: "Measures Frontline against its performance targets and prints a Markdown table.")

    @Option(help: "Directory holding the frontlined and frontlinectl under test.") var bin = ".build/release"
    @Option(help: "The corpus scripts/bench-corpus built.") var corpus = ".build-bench/corpus"
    @Option(help: "Scratch directory (emptied first).") var work = "/tmp/frontline-bench"
    @Option(help: "Project root (for Config/).") var root = FileManager.default.currentDirectoryPath
    @Option(help: "Records in the append and recovery logs.") var records = 1_000_000
    @Option(help: "Claims in the query read model (one claim.updated record each).") var claims = 1_000_000
    @Option(help: "Files in the latency run (after 50 warm-up files).") var latencyFiles = 2_000
    @Option(parsing: .upToNextOption, help: "Parts to run: extract log neardup ingest latency load recovery query (default: all).")
    var only: [String] = []
    @Option(help: "Also write the table to this file.") var out: String?
    @Flag(help: "Keep the scratch directory (logs, read models, daemon output) for a look afterwards.") var keep = false

    func run() throws {
        let parts = Set(self.only.isEmpty ? ["extract", "log", "neardup", "ingest", "latency", "load", "recovery", "query"] : self.only)
        try? FileManager.default.removeItem(atPath: self.work)
        try FileManager.default.createDirectory(atPath: self.work, withIntermediateDirectories: true)
        var figures: [Figure] = []
        let report = { (part: String, new: [Figure]) in
            figures += new
            for figure in new { FileHandle.standardError.write(Data("[\(part)] \(figure.name): \(figure.value) \(figure.verdict.rawValue)\n".utf8)) }
        }
        let started = Stopwatch.now()
        if parts.contains("extract") { report("extract", try ExtractBench.run(bin: self.bin, corpus: self.corpus)) }
        var template: LogTemplate?
        if !parts.isDisjoint(with: ["log", "recovery", "query"]) {
            let lexicon = try LexiconLoader.load(directory: self.root + "/Config/lexicon")
            let built = try LogTemplate.build(directory: self.corpus + "/extract", lexicon: lexicon)
            report("template", [
                Figure("in-process ingest (read, extract, merge), one core", "\(Figure.format(Double(built.articles) / built.seconds)) articles/s",
                       note: "\(built.articles) articles → \(built.records) records, \(Figure.format(Double(built.bytes) / 1e6)) MB of payload"),
            ])
            template = built
        }
        if parts.contains("log"), let template { report("log", try LogBench.run(template: template, work: self.work, records: self.records, keep: self.keep)) }
        if parts.contains("neardup") { report("neardup", try NearDupBench.run(corpus: self.corpus)) }
        var baseline: IngestBench.Burst?
        if parts.contains("ingest") || parts.contains("load") {
            let daemon = try DaemonRun(bin: self.bin, root: self.root, work: self.work + "/burst")
            try daemon.start()
            defer { daemon.stop() }
            let burst = try IngestBench.burst(daemon: daemon, files: self.corpus + "/burst")
            report("ingest", IngestBench.burstFigures(burst))
            baseline = burst
        }
        if parts.contains("latency") {
            let daemon = try DaemonRun(bin: self.bin, root: self.root, work: self.work + "/latency")
            try daemon.start()
            defer { daemon.stop() }
            report("latency", try IngestBench.latency(daemon: daemon, files: self.corpus + "/fresh", count: self.latencyFiles, warmup: 50, rate: 20))
        }
        if parts.contains("load"), let baseline {
            report("load", try ServerBench.underLoad(bin: self.bin, root: self.root, work: self.work + "/load", corpus: self.corpus,
                                                     baseline: baseline, clients: 500, subscribers: 50))
        }
        if parts.contains("recovery"), let template {
            report("recovery", try ServerBench.recovery(template: template, bin: self.bin, root: self.root, work: self.work + "/recovery", records: self.records))
        }
        if parts.contains("query"), let template {
            report("query", try ServerBench.query(template: template, bin: self.bin, root: self.root, work: self.work + "/query",
                                                  claims: self.claims, rate: 1000, seconds: 10))
        }
        var table = FigureTable.render(figures, title: "frontline-bench, \(Self.today())")
        table += "\nMachine: \(FigureTable.machine(workDirectory: self.work)). Build: \(self.bin). Run took \(Int(Stopwatch.seconds(since: started))) s.\n"
        print(table)
        if let out { try table.write(toFile: out, atomically: true, encoding: .utf8) }
        if !self.keep { try? FileManager.default.removeItem(atPath: self.work) }
    }

    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
