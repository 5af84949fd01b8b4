public import Crypto
import Foundation

/// A signed statement of the log's size and head hash (in the spirit of RFC 6962's signed tree
/// heads): `STATE/checkpoints/<seq>.json`. Kept elsewhere too, an old checkpoint detects anyone who
/// rewrites the log from some record on, even if they rebuild the hash chain after the edit.
public struct Checkpoint: Sendable, Hashable, Codable {
    public static let format = "frontline-checkpoint/1"

    public var format: String
    /// Records in the log when signed; the head record's sequence number equals it.
    public var records: UInt64
    /// Hex SHA-256 of the head record's body.
    public var head: String
    public var time: String
    /// Hex Ed25519 public key that signed it.
    public var publicKey: String
    /// Hex Ed25519 signature over ``signedText``.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case format, records, head, time, signature
        case publicKey = "public_key"
    }

    /// The exact bytes signed: format, size and head, one per line.
    public static func signedText(records: UInt64, head: String) -> String {
        "\(Self.format)\nrecords \(records)\nhead \(head)\n"
    }

    public static func sign(records: UInt64, head: String, time: String, key: Curve25519.Signing.PrivateKey) throws -> Checkpoint {
        let signature = try key.signature(for: Data(Self.signedText(records: records, head: head).utf8))
        return Checkpoint(
            format: Self.format, records: records, head: head, time: time,
            publicKey: Hex.encode(Array(key.publicKey.rawRepresentation)), signature: Hex.encode(Array(signature)))
    }

    /// Whether the signature is good for the checkpoint's own key.
    public var signatureIsValid: Bool {
        guard self.format == Self.format, let keyBytes = Hex.decode(self.publicKey), let signature = Hex.decode(self.signature),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else { return false }
        return key.isValidSignature(Data(signature), for: Data(Self.signedText(records: self.records, head: self.head).utf8))
    }

    /// A short id of the signing key (first 8 bytes of the key's SHA-256), for messages.
    public var keyID: String {
        guard let bytes = Hex.decode(self.publicKey) else { return "?" }
        return Hex.encode(Array(SHA256.hash(data: bytes).prefix(8)))
    }
}
