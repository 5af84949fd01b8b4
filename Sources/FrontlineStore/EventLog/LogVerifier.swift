import FrontlineCore

/// What `frontlinectl log verify` found.
public struct LogVerification: Sendable {
    public enum CheckpointResult: Sendable, Equatable {
        case verified
        case badSignature
        case wrongKey(expected: String)
        /// The log holds fewer records than the checkpoint: history was cut.
        case beyondLog(records: UInt64)
        /// The record at the checkpoint's size has another hash: history was rewritten.
        case headMismatch(actual: String)
    }

    public struct CheckedCheckpoint: Sendable {
        public var path: String
        public var checkpoint: Checkpoint
        public var result: CheckpointResult
    }

    public var segments: Int = 0
    public var head: LogHead = .empty
    /// The first damaged frame (length, CRC, sequence or chain), if any.
    public var damage: LogDamage?
    /// The first record whose payload this version cannot decode.
    public var undecodable: String?
    public var checkpoints: [CheckedCheckpoint] = []
    public var unreadableCheckpoints: [String] = []

    public var isIntact: Bool {
        self.damage == nil && self.undecodable == nil && self.unreadableCheckpoints.isEmpty
            && self.checkpoints.allSatisfy { $0.result == .verified }
    }
}

/// Checks a log read-only: every frame, CRC, sequence number and the hash chain, every payload
/// decodes, and every checkpoint's signature and head hash. One segment in memory at a time.
public enum LogVerifier {
    public static func verify(
        storage: any LogStorage, checkpoints: [(path: String, checkpoint: Checkpoint)], unreadableCheckpoints: [String] = [],
        trustedKey: String? = nil
    ) throws(StoreError) -> LogVerification {
        var result = LogVerification()
        result.unreadableCheckpoints = unreadableCheckpoints
        let wanted = Set(checkpoints.map(\.checkpoint.records))
        // Each segment is checked on whichever core is free, its payloads decoded straight from
        // its bytes; the first undecodable payload in log order is reported.
        let (scan, findings) = try EventLog.scan(storage: storage, keepRecords: false, findings: SegmentFindings.init) { frame, found in
            if wanted.contains(frame.seq) { found.hashes[frame.seq] = Hex.encode(frame.hash) }
            guard found.undecodable == nil else { return }
            let type = frame.typeName
            do {
                _ = try LogEvent(type: type, payload: frame.payload)
            } catch {
                found.undecodable = "segment \(found.segment) offset \(frame.offset) (record seq \(frame.seq), \(type)): payload does not decode: \(error)"
            }
        }
        result.undecodable = findings.lazy.compactMap(\.undecodable).first
        let hashes = findings.reduce(into: [UInt64: String]()) { all, found in all.merge(found.hashes) { first, _ in first } }
        result.segments = scan.segments.count
        result.head = scan.head
        result.damage = scan.damage
        for (path, checkpoint) in checkpoints {
            let outcome: LogVerification.CheckpointResult
            if !checkpoint.signatureIsValid {
                outcome = .badSignature
            } else if let trustedKey, checkpoint.publicKey != trustedKey {
                outcome = .wrongKey(expected: trustedKey)
            } else if checkpoint.records == 0 {
                outcome = .verified
            } else if let hash = hashes[checkpoint.records] {
                outcome = hash == checkpoint.head ? .verified : .headMismatch(actual: hash)
            } else {
                outcome = .beyondLog(records: result.head.records)
            }
            result.checkpoints.append(.init(path: path, checkpoint: checkpoint, result: outcome))
        }
        return result
    }
}

/// What `log verify` learns from one segment's frames.
struct SegmentFindings: Sendable {
    var segment: String
    /// The first payload of the segment that does not decode.
    var undecodable: String?
    /// Hashes of the records checkpoints name.
    var hashes: [UInt64: String] = [:]

    init(segment: String) { self.segment = segment }
}
