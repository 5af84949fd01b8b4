public import Crypto
import Foundation
public import SystemPackage

/// Signed checkpoints under `STATE/checkpoints/`, and the daemon's signing key
/// (`STATE/checkpoint.key`, mode 0600, created at first start).
public struct CheckpointStore: Sendable {
    public let directory: FilePath
    public let keyPath: FilePath

    public init(stateDirectory: FilePath) {
        self.directory = stateDirectory.appending("checkpoints")
        self.keyPath = stateDirectory.appending("checkpoint.key")
    }

    /// The signing key, created (and made durable) when missing.
    public func loadOrCreateKey() throws(StoreError) -> Curve25519.Signing.PrivateKey {
        if Syscalls.fileExists(self.keyPath) {
            let bytes = try Syscalls.readFile(self.keyPath)
            do {
                return try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
            } catch {
                throw StoreError(
                    .format, "checkpoint key is not a 32-byte Ed25519 key; move it away to have a new one made", path: self.keyPath.string)
            }
        }
        let key = Curve25519.Signing.PrivateKey()
        try Syscalls.writeFileAtomically(self.keyPath, Array(key.rawRepresentation), permissions: [.ownerReadWrite])
        return key
    }

    /// Signs and writes a checkpoint for `head` (atomically, durably).
    @discardableResult
    public func write(head: LogHead, time: String, key: Curve25519.Signing.PrivateKey) throws(StoreError) -> Checkpoint {
        let checkpoint: Checkpoint
        let bytes: [UInt8]
        do {
            checkpoint = try Checkpoint.sign(records: head.records, head: head.hashHex, time: time, key: key)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            bytes = Array(try encoder.encode(checkpoint)) + [UInt8(ascii: "\n")]
        } catch {
            throw StoreError(.format, "cannot sign checkpoint: \(error)")
        }
        try Syscalls.makeDirectory(self.directory)
        try Syscalls.writeFileAtomically(self.directory.appending(Self.fileName(records: head.records)), bytes)
        return checkpoint
    }

    static func fileName(records: UInt64) -> String {
        EventLog.paddedNumber(records) + ".json"
    }

    /// Every checkpoint file, oldest first, with what could not be read.
    public func all() -> (checkpoints: [(path: String, checkpoint: Checkpoint)], unreadable: [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: self.directory.string)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var checkpoints: [(String, Checkpoint)] = []
        var unreadable: [String] = []
        for name in names {
            let path = self.directory.appending(name).string
            if let checkpoint = Self.read(path: path) { checkpoints.append((path, checkpoint)) } else { unreadable.append(path) }
        }
        return (checkpoints, unreadable)
    }

    public static func read(path: String) -> Checkpoint? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Checkpoint.self, from: data)
    }
}
