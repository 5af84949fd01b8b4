import Foundation

/// Offline extraction against the cost floors any user has: `grep -E` with the trigger words
/// (reading the text) and `sha256sum` (touching the bytes), on the same files, best of three.
enum ExtractBench {
    static func run(bin: String, corpus: String) throws -> [Figure] {
        let directory = corpus + "/extract"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted().map { directory + "/" + $0 }
        let bytes = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let megabytes = Double(bytes) / 1e6
        let pattern = try String(contentsOfFile: corpus + "/triggers.regex", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        // The folder, as a user runs it (`frontlinectl extract DIR`), not 2,928 arguments.
        let extract = try CommandRun.run(bin + "/frontlinectl", ["extract", directory])
        let startup = try CommandRun.run(bin + "/frontlinectl", ["extract", files[0]], runs: 5)
        let grep = try CommandRun.run("/bin/grep", ["-E", "-c", "-e", pattern] + files)
        let sha = try CommandRun.run("/usr/bin/sha256sum", files)
        let claims = String(decoding: extract.output, as: UTF8.self).split(separator: "\n").count { $0.hasPrefix("  ") && !$0.hasPrefix("    ") && !$0.contains("no claims") }

        let perCore = megabytes / extract.cpu
        let ratio = extract.wall / grep.wall
        let corpusNote = "\(files.count) files, \(String(format: "%.1f", megabytes)) MB, \(claims) claim lines"
        return [
            .atLeast("extract: MB/s per core (CPU time)", perCore, 40, unit: "MB/s",
                     note: "frontlinectl extract, \(corpusNote); wall \(String(format: "%.2f", extract.wall)) s, CPU \(String(format: "%.2f", extract.cpu)) s"),
            .atMost("extract: time vs grep -E baseline", ratio, 5, unit: "x",
                    note: "grep -E -c with \(pattern.split(separator: "|").count) trigger phrases: \(String(format: "%.3f", grep.wall)) s = \(Figure.format(megabytes / grep.wall)) MB/s"),
            Figure("baseline: sha256sum", "\(Figure.format(megabytes / sha.wall)) MB/s", note: "\(String(format: "%.3f", sha.wall)) s over the same files"),
            Figure("extract: start-up (one small file)", "\(Figure.format(startup.wall * 1000)) ms",
                   note: "process start, lexicon and gazetteer load, one article (best of 5)"),
        ]
    }
}
