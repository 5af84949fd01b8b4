import Foundation
import FrontlineCore
import Testing

/// The log's payloads: binary since the `log-payloads-v1` format, JSON before it, both read.
@Suite struct LogPayloadTests {
    static let fixture = TestPaths.fixtures.appendingPathComponent("log-payloads-v1.tsv")

    /// Events of every type, as real runs of the ledger make them (the seeds, a capture and its
    /// rival, a retraction and a merge by an analyst) and as the ingestor and reprocess write the rest.
    static func events() throws -> [LogEvent] {
        var events: [LogEvent] = []
        var seedLedger = ClaimLedger()
        for seed in try SeedLedgerTests.seeds() {
            events += seedLedger.ingest(article: seed.article, bytes: seed.bytes, extraction: seed.extraction, now: "2026-11-21T00:00:00Z")
        }
        var (ledger, contest) = try ContestLedgerTests.run([ContestLedgerTests.capture, ContestLedgerTests.rival])
        events += contest
        let rival = try CorrectionLedgerTests.claim(ledger, .recaptured, by: "islamic-state")
        events += try ledger.correct(CorrectionLedgerTests.request(rival.id, .retract), now: CorrectionLedgerTests.now)
        let claims = ledger.claims.values.sorted { $0.id < $1.id }
        events += try ledger.correct(
            CorrectionLedgerTests.request(claims[0].id, .mergeInto, target: claims[1].id), now: CorrectionLedgerTests.now)
        let source = FileIdentity(device: 2049, inode: 1_234_567, size: 4096, modifiedNanoseconds: 1_790_000_000_123_456_789)
        events += [
            .articleDuplicate(DuplicateRecord(id: "ab12", file: "copy.txt", duplicateOf: "cd34", source: source)),
            .articleRejected(RejectedRecord(id: nil, file: "blank.txt", reason: "no text: the file is empty", source: source)),
            .articleRejected(RejectedRecord(id: "ef56", file: "big.pdf", reason: "format: PDF is not read", source: nil)),
            .articleReprocessed(ReprocessRecord(article: "ab12", extractor: "frontline 0.1 / lexicon x", claims: ["c1", "c2"], added: ["c2"], withdrawn: ["c0"])),
            .alertDelivered(DeliveryRecord(target: "hook", alerts: ["a1"], filtered: ["a2", "a3"], queued: ["a4"])),
            .alertDelivered(DeliveryRecord(target: "journal", alerts: [])),
        ]
        return events
    }

    @Test func everyEventReadsBackFromBothForms() throws {
        let events = try Self.events()
        let types = Set(events.map(\.type))
        #expect(types.count == 9, "\(types.sorted())")
        for event in events {
            let binary = event.binaryPayload()
            #expect(binary.first == LogEvent.binaryFormat)
            #expect(try LogEvent(type: event.type, payload: binary) == event, "\(event.type) binary")
            let json = [UInt8](try event.jsonPayload())
            #expect(json.first == UInt8(ascii: "{"))
            #expect(try LogEvent(type: event.type, payload: json) == event, "\(event.type) JSON")
            #expect(binary.count < json.count, "\(event.type): \(binary.count) binary bytes against \(json.count) of JSON")
        }
    }

    @Test func damagedPayloadsAreRefusedAndSayWhy() throws {
        let event = try #require(try Self.events().first { $0.type == "claim.updated" })
        let binary = event.binaryPayload()
        for cut in [1, binary.count / 2, binary.count - 1] {
            #expect(throws: LogPayloadError.self) { try LogEvent(type: event.type, payload: Array(binary[..<cut])) }
        }
        let error = try #require(throws: LogPayloadError.self) { try LogEvent(type: event.type, payload: binary + [0]) }
        #expect(error.description.contains("1 bytes left over after a claim.updated payload"))
        let unknown = try #require(throws: LogPayloadError.self) { try LogEvent(type: "claim.updated", payload: [0x02] + binary.dropFirst()) }
        #expect(unknown.description.contains("begins with byte 0x2"))
        #expect(throws: (any Error).self) { try LogEvent(type: "claim.renamed", payload: binary) }
    }

    /// The binary layout is part of every log ever written: payloads of each type, written once by
    /// the first version, must read back as the same events as their JSON and be written again byte
    /// for byte. Set `FRONTLINE_RECORD_PAYLOADS=1` only to start a new format, never to mend this.
    @Test func theBinaryLayoutOfVersionOneHolds() throws {
        if ProcessInfo.processInfo.environment["FRONTLINE_RECORD_PAYLOADS"] != nil {
            var seen: Set<String> = []
            var lines = "# type\tbinary payload (base64)\tthe same event as JSON (base64), from LogPayloadTests\n"
            for event in try Self.events() where seen.insert(event.type).inserted {
                lines += "\(event.type)\t\(Data(event.binaryPayload()).base64EncodedString())\t\(try event.jsonPayload().base64EncodedString())\n"
            }
            try lines.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
        let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 9)
        for line in lines {
            let fields = line.split(separator: "\t").map(String.init)
            let type = fields[0]
            let binary = try #require(Data(base64Encoded: fields[1]).map { [UInt8]($0) })
            let json = try #require(Data(base64Encoded: fields[2]).map { [UInt8]($0) })
            let event = try LogEvent(type: type, payload: json)
            #expect(try LogEvent(type: type, payload: binary) == event, "\(type)")
            #expect(event.binaryPayload() == binary, "\(type): the layout changed; give the new one a new format byte")
        }
    }
}
