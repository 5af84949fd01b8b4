/// The binary payload of a log record (docs/log-format.md "Payloads"): a first byte of
/// ``LogEvent/binaryFormat``, then the event's fields in the snapshot codec's layout, strings
/// through a ``StringTable`` of the payload's own (an article id told in every source and
/// evidence of a claim is written once). JSON payloads, which logs written before it hold, begin
/// with `{`, so the first byte tells the two apart and both are read.
///
/// Decoding JSON with Foundation was most of the cost of `log verify` and of a start-up that
/// replays the log; these bytes decode without it. The layout is part of the log, which is kept
/// forever: `LogPayloadTests` holds a payload of each type as bytes written by this version, so a
/// change to a codec it shares with snapshots fails there and needs a new format byte instead.
extension LogEvent {
    /// The first byte of a binary payload (version 1); a JSON payload's is `{` (0x7B).
    public static let binaryFormat: UInt8 = 0x01
    public static let jsonFormat = UInt8(ascii: "{")

    /// The event as a binary payload.
    public func binaryPayload() -> [UInt8] {
        var writer = BinaryWriter(capacity: 512)
        var table = StringTable()
        writer.write(Self.binaryFormat)
        switch self {
        case .articleAccepted(let value):
            value.write(to: &writer, signatureInIndex: false, table: &table)
        case .articleDuplicate(let value):
            writer.write(value.id, in: &table)
            writer.write(value.file, in: &table)
            writer.write(value.duplicateOf, in: &table)
            writer.write(value.source)
        case .articleRejected(let value):
            writer.write(value.id, in: &table)
            writer.write(value.file, in: &table)
            writer.write(value.reason, in: &table)
            writer.write(value.source)
        case .articleLinked(let value):
            writer.write(value.article, in: &table)
            writer.write(value.syndicatedFrom, in: &table)
            writer.write(value.derivedFrom, in: &table)
        case .articleReprocessed(let value):
            writer.write(value.article, in: &table)
            writer.write(value.extractor, in: &table)
            for list in [value.claims, value.added, value.withdrawn] { writer.write(strings: list, in: &table) }
        case .claimUpdated(let value):
            value.claim.write(to: &writer, table: &table)
            writer.write(value.article, in: &table)
            writer.write(value.created)
        case .claimCorrected(let value):
            value.correction.write(to: &writer, table: &table)
            writer.write(strings: value.articles, in: &table)
            writer.write(UInt32(value.claims.count))
            for claim in value.claims { claim.write(to: &writer, table: &table) }
        case .alertRaised(let value):
            writer.write(value.alertID, in: &table)
            writer.write(value.kind.rawValue, in: &table)
            writer.write(value.seq)
            writer.write(value.raisedAt, in: &table)
            writer.write(value.backfill)
            value.claim.write(to: &writer, table: &table)
            writer.write(value.summary, in: &table)
            writer.write(value.article, in: &table)
        case .alertDelivered(let value):
            writer.write(value.target, in: &table)
            for list in [value.alerts, value.filtered, value.queued] { writer.write(strings: list, in: &table) }
        }
        return writer.bytes
    }

    /// Decodes a binary payload of a record of `type` (its first byte ``binaryFormat``); every
    /// byte must be read.
    init(type: String, binary payload: UnsafeRawBufferPointer) throws(SnapshotFormatError) {
        var reader = BinaryReader(borrowing: payload, owner: LentBytes.owner, offset: 1)
        var table: [String] = []
        switch type {
        case "article.accepted":
            var inIndex = false
            self = .articleAccepted(try ArticleRecord(reading: &reader, table: &table, signatureInIndex: &inIndex, isInIndex: { _ in false }))
        case "article.duplicate":
            self = .articleDuplicate(
                DuplicateRecord(
                    id: try reader.readString(in: &table), file: try reader.readString(in: &table),
                    duplicateOf: try reader.readString(in: &table), source: try reader.readFileIdentity()))
        case "article.rejected":
            self = .articleRejected(
                RejectedRecord(
                    id: try reader.readOptionalString(in: &table), file: try reader.readString(in: &table),
                    reason: try reader.readString(in: &table), source: try reader.readFileIdentity()))
        case "article.linked":
            self = .articleLinked(
                LinkRecord(
                    article: try reader.readString(in: &table), syndicatedFrom: try reader.readOptionalString(in: &table),
                    derivedFrom: try reader.readOptionalString(in: &table)))
        case "article.reprocessed":
            self = .articleReprocessed(
                ReprocessRecord(
                    article: try reader.readString(in: &table), extractor: try reader.readString(in: &table),
                    claims: try reader.readStrings(in: &table), added: try reader.readStrings(in: &table),
                    withdrawn: try reader.readStrings(in: &table)))
        case "claim.updated":
            self = .claimUpdated(
                ClaimRecord(
                    claim: try Claim(reading: &reader, table: &table), article: try reader.readString(in: &table),
                    created: try reader.readBool()))
        case "claim.corrected":
            let correction = try ClaimCorrection(reading: &reader, table: &table)
            let articles = try reader.readStrings(in: &table)
            let claims = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try Claim(reading: &reader, table: &table) }
            self = .claimCorrected(CorrectionRecord(correction: correction, articles: articles, claims: claims))
        case "alert.raised":
            self = .alertRaised(
                Alert(
                    alertID: try reader.readString(in: &table), kind: try reader.readEnum(AlertKind.self, in: &table),
                    seq: try reader.read(UInt64.self), raisedAt: try reader.readString(in: &table), backfill: try reader.readBool(),
                    claim: try Claim(reading: &reader, table: &table), summary: try reader.readString(in: &table),
                    article: try reader.readString(in: &table)))
        case "alert.delivered":
            self = .alertDelivered(
                DeliveryRecord(
                    target: try reader.readString(in: &table), alerts: try reader.readStrings(in: &table),
                    filtered: try reader.readStrings(in: &table), queued: try reader.readStrings(in: &table)))
        default:
            throw SnapshotFormatError("unknown record type '\(type)'")
        }
        guard reader.isAtEnd else {
            throw SnapshotFormatError("\(reader.end - reader.offset) bytes left over after a \(type) payload")
        }
    }
}

/// The owner a ``BinaryReader`` keeps for bytes lent to it for the length of one call.
final class LentBytes: Sendable {
    static let owner = LentBytes()
}
