import Foundation
import FrontlineCore

/// The near-duplicate index as it grows: lookup time per article at 10k … 1M articles.
///
/// The index is filled with signatures of the corpus's real articles and of rewrites made from
/// them (a share of each signature's values replaced, as a rewrite replaces shingles), so buckets
/// fill the way a real stream's do; probes are rewrites of real articles too.
enum NearDupBench {
    static func run(corpus: String, sizes: [Int] = [10_000, 30_000, 100_000, 300_000, 1_000_000], probes: Int = 2_000) throws -> [Figure] {
        let directory = corpus + "/extract"
        let real = try FileManager.default.contentsOfDirectory(atPath: directory).sorted().compactMap { name -> MinHashSignature? in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return MinHashSignature(text: String(decoding: data, as: UTF8.self))
        }
        var random = SplitMix(seed: 20_261_121)
        func rewrite(_ k: Int) -> MinHashSignature {
            var values = real[k % real.count].values
            let replaced = Int(random.next() % 48) + 8
            for _ in 0..<replaced { values[Int(random.next() % UInt64(values.count))] = random.next() }
            return MinHashSignature(values: values)
        }
        var index = SyndicationIndex()
        var figures: [Figure] = []
        var curve: [(size: Int, micros: Double)] = []
        var inserted = 0
        for size in sizes {
            while inserted < size {
                index.insert("a\(inserted)", signature: rewrite(inserted), parent: nil)
                inserted += 1
            }
            let probeSignatures = (0..<probes).map { rewrite($0 * 7919) }
            var found = 0
            let seconds = Stopwatch.time {
                for signature in probeSignatures where index.nearest(to: signature, threshold: 0.12) != nil { found += 1 }
            }
            curve.append((size, seconds / Double(probes) * 1e6))
            figures.append(Figure("near-dup lookup at \(size) articles", String(format: "%.1f µs", seconds / Double(probes) * 1e6),
                                  note: "\(probes) probes, \(found) found a match at similarity >= 0.12"))
        }
        let growth = curve.last!.micros / curve.first!.micros
        figures.append(.atMost("near-dup lookup: time at \(sizes.last!) / at \(sizes.first!)", growth, 2, unit: "x",
                               note: "constant time per article means a flat curve (RSS of this process now \(Stopwatch.statusKB(pid: getpid(), field: "VmRSS").map { "\($0 / 1024) MB" } ?? "?"))"))
        return figures
    }
}

/// A small seeded generator, so two runs build the same index.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
