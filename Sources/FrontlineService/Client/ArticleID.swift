import Crypto
import FrontlineStore

/// Article ids: the hex SHA-256 of the file's bytes.
public enum ArticleID {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
