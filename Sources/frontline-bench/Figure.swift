import Foundation

/// One measured figure of the benchmark table: what, how much, the target, and what limits it.
struct Figure: Sendable {
    enum Verdict: String, Sendable { case met = "met", missed = "MISSED", info = "-" }

    var name: String
    var value: String
    var target: String
    var verdict: Verdict
    var note: String

    init(_ name: String, _ value: String, target: String = "", verdict: Verdict = .info, note: String = "") {
        self.name = name
        self.value = value
        self.target = target
        self.verdict = verdict
        self.note = note
    }

    /// A figure with a lower-bound target (`value >= minimum`).
    static func atLeast(_ name: String, _ value: Double, _ minimum: Double, unit: String, note: String = "") -> Figure {
        Figure(name, "\(format(value)) \(unit)", target: ">= \(format(minimum)) \(unit)", verdict: value >= minimum ? .met : .missed, note: note)
    }

    /// A figure with an upper-bound target (`value <= maximum`).
    static func atMost(_ name: String, _ value: Double, _ maximum: Double, unit: String, note: String = "") -> Figure {
        Figure(name, "\(format(value)) \(unit)", target: "<= \(format(maximum)) \(unit)", verdict: value <= maximum ? .met : .missed, note: note)
    }

    static func format(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}

/// The table `make bench` prints: a Markdown table, so it pastes into docs/performance.md.
enum FigureTable {
    static func render(_ figures: [Figure], title: String) -> String {
        var lines = ["### \(title)", "", "| Figure | Measured | Target | Verdict | Notes |", "|---|---|---|---|---|"]
        for figure in figures {
            let cells = [figure.name, figure.value, figure.target, figure.verdict.rawValue, figure.note]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What ran the benchmark: CPU model, cores, memory, kernel, file system of the work directory.
    static func machine(workDirectory: String) -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { line in line.split(separator: " ").dropFirst().first.flatMap { Double($0) } }
            .map { String(format: "%.0f GiB", $0 / 1_048_576) } ?? "?"
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory), Linux \(kernel), work dir \(workDirectory)"
    }
}
