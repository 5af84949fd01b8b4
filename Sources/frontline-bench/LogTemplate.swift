import Foundation
import FrontlineCore
import FrontlineService

/// Real log records to scale up: the corpus ingested once through the daemon's pure path
/// (read, extract, merge in the ledger), each article's records as one batch, plus the journal's
/// delivery record for its alerts, as the daemon writes them.
struct LogTemplate {
    var batches: [[(type: String, payload: [UInt8])]]
    var articles: Int
    var seconds: Double

    var records: Int { self.batches.reduce(0) { $0 + $1.count } }
    var bytes: Int { self.batches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.payload.count } } }

    static func build(directory: String, lexicon: Lexicon) throws -> LogTemplate {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        var ledger = ClaimLedger()
        var batches: [[(type: String, payload: [UInt8])]] = []
        let reader = ArticleReader(lexicon: lexicon)
        let extractor = ClaimExtractor(lexicon: lexicon)
        let start = Stopwatch.now()
        for (index, file) in files.enumerated() {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            let bytes = Array(data)
            let id = ArticleID.sha256Hex(bytes)
            guard !ledger.containsArticle(id), case .success(let article) = reader.read(id: id, file: file, bytes: bytes) else { continue }
            let now = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)))
            var events = ledger.ingest(article: article, bytes: bytes.count, extraction: extractor.extract(article: article), now: now)
            let alerts = events.compactMap { event -> String? in
                if case .alertRaised(let alert) = event { return alert.alertID }
                return nil
            }
            if !alerts.isEmpty { events.append(.alertDelivered(DeliveryRecord(target: "journal", alerts: alerts))) }
            batches.append(events.map { (type: $0.type, payload: $0.binaryPayload()) })
        }
        return LogTemplate(batches: batches, articles: batches.count, seconds: Stopwatch.seconds(since: start))
    }

    /// The template's batch `index` as replica `replica` tells it: every id (a run of 12 or more
    /// lowercase hex digits: article ids, and the claim and alert ids made from them) gets the
    /// replica number in its first 8 digits, so replicas are distinct articles, claims and alerts
    /// whose references still agree. Replica 0 is the template itself.
    func batch(_ index: Int, replica: Int) -> [(type: String, payload: [UInt8])] {
        self.batches[index].map { Self.rewrite($0, replica: replica) }
    }

    /// One record as replica `replica` tells it (see ``batch(_:replica:)``).
    static func rewrite(_ record: (type: String, payload: [UInt8]), replica: Int) -> (type: String, payload: [UInt8]) {
        guard replica > 0 else { return record }
        let stamp = Array(String(format: "%08x", replica).utf8)
        var payload = record.payload
        var run = 0
        var position = 0
        while position <= payload.count {
            if position < payload.count && Self.isLowerHex(payload[position]) {
                run += 1
            } else {
                if run >= 12 {
                    let start = position - run
                    for offset in 0..<8 { payload[start + offset] = stamp[offset] }
                }
                run = 0
            }
            position += 1
        }
        return (record.type, payload)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }
}
