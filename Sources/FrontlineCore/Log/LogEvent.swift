import Foundation

/// An ingested article as the log records it.
public struct ArticleRecord: Sendable, Hashable, Codable {
    public var id: String
    public var file: String
    public var title: String?
    public var outlet: String?
    public var byline: String?
    public var dateline: String?
    public var published: String?
    public var language: String
    public var bytes: Int
    public var hasOriginalSignals: Bool
    public var signature: MinHashSignature
    public var syndicatedFrom: String?
    public var derivedFrom: String?
    public var claims: [String]
    public var context: Int
    public var receivedAt: String
    /// The inbox file the article was read from (absent in records of tools and old logs).
    public var source: FileIdentity? = nil
    /// How the file was read: format, encoding, and the article's address (absent in old logs).
    public var format: String? = nil
    public var encoding: String? = nil
    public var url: String? = nil

    enum CodingKeys: String, CodingKey {
        case source, format, encoding, url
        case id, file, title, outlet, byline, dateline, published, language, bytes, signature, claims, context
        case hasOriginalSignals = "original_signals"
        case syndicatedFrom = "syndicated_from"
        case derivedFrom = "derived_from"
        case receivedAt = "received_at"
    }
}

/// The same bytes as an article already in the log.
public struct DuplicateRecord: Sendable, Hashable, Codable {
    public var id: String
    public var file: String
    public var duplicateOf: String
    public var source: FileIdentity?

    public init(id: String, file: String, duplicateOf: String, source: FileIdentity? = nil) {
        self.id = id
        self.file = file
        self.duplicateOf = duplicateOf
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id, file, source
        case duplicateOf = "duplicate_of"
    }
}

/// A file that could not be accepted, and why.
public struct RejectedRecord: Sendable, Hashable, Codable {
    public var id: String?
    public var file: String
    public var reason: String
    public var source: FileIdentity?

    public init(id: String?, file: String, reason: String, source: FileIdentity? = nil) {
        self.id = id
        self.file = file
        self.reason = reason
        self.source = source
    }
}

/// Alerts handed to a delivery target (`journal`, `none` or `hook`): the outbox's acknowledgement.
/// An alert raised in the log with no delivery record is delivered again after a restart (at least
/// once); one `queued` for the hook and not yet delivered to it is run again.
public struct DeliveryRecord: Sendable, Hashable, Codable {
    public var target: String
    /// Alerts delivered.
    public var alerts: [String]
    /// Alerts the `[[alert_rule]]` tables (or a later retraction) kept from the target: done, not sent.
    public var filtered: [String]
    /// Alerts handed to an asynchronous target (the hook), to be delivered.
    public var queued: [String]

    public init(target: String, alerts: [String], filtered: [String] = [], queued: [String] = []) {
        self.target = target
        self.alerts = alerts
        self.filtered = filtered
        self.queued = queued
    }

    enum CodingKeys: String, CodingKey { case target, alerts, filtered, queued }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.target = try c.decode(String.self, forKey: .target)
        self.alerts = try c.decode([String].self, forKey: .alerts)
        self.filtered = try c.decodeIfPresent([String].self, forKey: .filtered) ?? []
        self.queued = try c.decodeIfPresent([String].self, forKey: .queued) ?? []
    }

    /// Records of older logs carry `target` and `alerts` only.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.target, forKey: .target)
        try c.encode(self.alerts, forKey: .alerts)
        if !self.filtered.isEmpty { try c.encode(self.filtered, forKey: .filtered) }
        if !self.queued.isEmpty { try c.encode(self.queued, forKey: .queued) }
    }
}

/// An article (re)linked to the original it copies or rewrites.
public struct LinkRecord: Sendable, Hashable, Codable {
    public var article: String
    public var syndicatedFrom: String?
    public var derivedFrom: String?

    enum CodingKeys: String, CodingKey {
        case article
        case syndicatedFrom = "syndicated_from"
        case derivedFrom = "derived_from"
    }
}

/// A claim as it stands after a change, and the article that changed it.
public struct ClaimRecord: Sendable, Hashable, Codable {
    public var claim: Claim
    public var article: String
    public var created: Bool

    public init(claim: Claim, article: String, created: Bool) {
        self.claim = claim
        self.article = article
        self.created = created
    }
}

/// An article extracted again with newer lexicons (`frontlinectl reprocess`): the claims it now
/// supports and what changed. The claims themselves follow as `claim.updated` records.
public struct ReprocessRecord: Sendable, Hashable, Codable {
    public var article: String
    /// The extractor and lexicon version that read it this time.
    public var extractor: String
    /// Every claim the article supports now, in its order.
    public var claims: [String]
    /// Claims it supports that it did not before (new ones, or existing ones it now joins).
    public var added: [String]
    /// Claims it no longer supports: the article is taken out of their sources and evidence.
    public var withdrawn: [String]

    public init(article: String, extractor: String, claims: [String], added: [String], withdrawn: [String]) {
        self.article = article
        self.extractor = extractor
        self.claims = claims
        self.added = added
        self.withdrawn = withdrawn
    }
}

/// Everything the log records. Replaying these in order rebuilds every derived state.
public enum LogEvent: Sendable, Hashable {
    case articleAccepted(ArticleRecord)
    case articleDuplicate(DuplicateRecord)
    case articleRejected(RejectedRecord)
    case articleLinked(LinkRecord)
    case articleReprocessed(ReprocessRecord)
    case claimUpdated(ClaimRecord)
    case claimCorrected(CorrectionRecord)
    case alertRaised(Alert)
    case alertDelivered(DeliveryRecord)

    /// Every record type this version writes.
    public static let types = [
        "article.accepted", "article.duplicate", "article.rejected", "article.linked", "article.reprocessed",
        "claim.updated", "claim.corrected", "alert.raised", "alert.delivered",
    ]

    public var type: String {
        switch self {
        case .articleAccepted: return "article.accepted"
        case .articleDuplicate: return "article.duplicate"
        case .articleRejected: return "article.rejected"
        case .articleLinked: return "article.linked"
        case .articleReprocessed: return "article.reprocessed"
        case .claimUpdated: return "claim.updated"
        case .claimCorrected: return "claim.corrected"
        case .alertRaised: return "alert.raised"
        case .alertDelivered: return "alert.delivered"
        }
    }

    /// The event as JSON with sorted keys: what logs before the binary form hold, and what
    /// `log export` and `GET /v1/log` show for every record.
    public func jsonPayload() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch self {
        case .articleAccepted(let value): return try encoder.encode(value)
        case .articleDuplicate(let value): return try encoder.encode(value)
        case .articleRejected(let value): return try encoder.encode(value)
        case .articleLinked(let value): return try encoder.encode(value)
        case .articleReprocessed(let value): return try encoder.encode(value)
        case .claimUpdated(let value): return try encoder.encode(value)
        case .claimCorrected(let value): return try encoder.encode(value)
        case .alertRaised(let value): return try encoder.encode(value)
        case .alertDelivered(let value): return try encoder.encode(value)
        }
    }

    /// Decodes a record's payload, binary or JSON (told by its first byte); an unknown type is an
    /// error (a newer writer's log).
    public init(type: String, payload: [UInt8]) throws {
        self = try payload.withUnsafeBytes { bytes in try LogEvent(type: type, payload: bytes) }
    }

    /// Decodes a payload from bytes lent for the call (a mapped log segment).
    public init(type: String, payload: UnsafeRawBufferPointer) throws {
        switch payload.first {
        case Self.binaryFormat:
            do {
                try self.init(type: type, binary: payload)
            } catch {
                throw LogPayloadError("a binary \(type) payload of \(payload.count) bytes does not decode: \(error)")
            }
        case Self.jsonFormat:
            try self.init(type: type, json: Data(payload))
        default:
            let first = payload.first.map { "byte 0x" + String($0, radix: 16) } ?? "nothing"
            throw LogPayloadError("a \(type) payload begins with \(first), neither binary version 1 (0x01) nor JSON ({); a log written by a newer Frontline needs that version to read it")
        }
    }

    init(type: String, json payload: Data) throws {
        let decoder = JSONDecoder()
        switch type {
        case "article.accepted": self = .articleAccepted(try decoder.decode(ArticleRecord.self, from: payload))
        case "article.duplicate": self = .articleDuplicate(try decoder.decode(DuplicateRecord.self, from: payload))
        case "article.rejected": self = .articleRejected(try decoder.decode(RejectedRecord.self, from: payload))
        case "article.linked": self = .articleLinked(try decoder.decode(LinkRecord.self, from: payload))
        case "article.reprocessed": self = .articleReprocessed(try decoder.decode(ReprocessRecord.self, from: payload))
        case "claim.updated": self = .claimUpdated(try decoder.decode(ClaimRecord.self, from: payload))
        case "claim.corrected": self = .claimCorrected(try decoder.decode(CorrectionRecord.self, from: payload))
        case "alert.raised": self = .alertRaised(try decoder.decode(Alert.self, from: payload))
        case "alert.delivered": self = .alertDelivered(try decoder.decode(DeliveryRecord.self, from: payload))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown record type '\(type)'"))
        }
    }
}

/// A payload that does not decode: damage the CRC missed, or a writer's fault.
public struct LogPayloadError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
