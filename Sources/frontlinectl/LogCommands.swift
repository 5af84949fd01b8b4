import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineStore
import SystemPackage

/// `frontlinectl log …`: offline commands on a state directory's event log (read-only, safe while
/// the daemon runs).
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Verify or export the event log of a state directory.",
        subcommands: [LogVerify.self, LogExport.self])
}

struct StateDirectoryOption: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: "The daemon's state directory (holds log/ and checkpoints/).")
    var stateDirectory: String = "/var/lib/frontline"

    var logDirectory: FilePath { FilePath(self.stateDirectory).appending("log") }

    func storage() throws -> PosixLogStorage {
        guard FileManager.default.fileExists(atPath: self.logDirectory.string) else {
            throw CommandFailure("no event log at \(self.logDirectory) (is --state-dir the daemon's state directory?)")
        }
        return try PosixLogStorage(directory: self.logDirectory)
    }
}

struct LogVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every frame, CRC, sequence number, the hash chain and the signed checkpoints.",
        discussion: "Exits 0 when the log is intact, 1 naming the first damaged record or failing checkpoint.")

    @OptionGroup var state: StateDirectoryOption
    @Option(name: .customLong("checkpoint"), help: "A checkpoint file kept elsewhere, to check the log against (repeatable).")
    var extraCheckpoints: [String] = []
    @Option(name: .customLong("public-key"), help: "Hex Ed25519 key every checkpoint must be signed with.")
    var publicKey: String?

    func run() throws {
        let store = CheckpointStore(stateDirectory: FilePath(self.state.stateDirectory))
        var (checkpoints, unreadable) = store.all()
        for path in self.extraCheckpoints {
            if let checkpoint = CheckpointStore.read(path: path) { checkpoints.append((path, checkpoint)) } else { unreadable.append(path) }
        }
        let result = try LogVerifier.verify(
            storage: try self.state.storage(), checkpoints: checkpoints, unreadableCheckpoints: unreadable, trustedKey: self.publicKey)
        print("log: \(self.state.logDirectory) (\(result.segments) segment\(result.segments == 1 ? "" : "s"))")
        print("records: \(result.head.records), bytes: \(result.head.bytes), head: seq \(result.head.seq) sha256 \(result.head.hashHex)")
        if let damage = result.damage { print("damaged: \(damage)") }
        if let undecodable = result.undecodable { print("damaged: \(undecodable)") }
        for path in unreadable { print("checkpoint \(path): unreadable (not a checkpoint JSON file)") }
        for checked in result.checkpoints {
            let what = "checkpoint \(checked.path) (\(checked.checkpoint.records) records, key \(checked.checkpoint.keyID))"
            switch checked.result {
            case .verified: print("\(what): verified")
            case .badSignature: print("\(what): BAD SIGNATURE")
            case .wrongKey: print("\(what): signed with another key than --public-key")
            case .beyondLog(let records): print("\(what): the log holds only \(records) records: history was cut")
            case .headMismatch(let actual):
                print("\(what): record \(checked.checkpoint.records) hashes to \(actual), not \(checked.checkpoint.head): history was rewritten")
            }
        }
        guard result.isIntact else {
            print("NOT INTACT")
            throw ExitCode(1)
        }
        print("intact")
    }
}

struct LogExport: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, csv, geojson
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log's records (ndjson) or its claims (csv, geojson) to standard output.")

    @OptionGroup var state: StateDirectoryOption
    @Option(help: "ndjson: every record; csv: one row per claim; geojson: a point per resolved place of each claim.")
    var format: Format = .ndjson

    func run() throws {
        _ = try self.state.storage()
        let (records, _, damage) = try EventLog.readAll(directory: self.state.logDirectory)
        let output = FileHandle.standardOutput
        switch self.format {
        case .ndjson:
            var buffer = ""
            for stored in records {
                buffer += try stored.ndjsonLine()
                if buffer.utf8.count > 1 << 20 {
                    output.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            output.write(Data(buffer.utf8))
        case .csv:
            output.write(Data(ClaimCSV.encode(try Self.claims(records)).utf8))
        case .geojson:
            output.write(try ClaimGeoJSON.encode(try Self.claims(records)))
            output.write(Data("\n".utf8))
        }
        if let damage {
            FileHandle.standardError.write(Data("frontlinectl: exported the records before damage at \(damage); run `frontlinectl log verify`\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Every claim as it stands at the end of the log, in order of creation.
    static func claims(_ records: [StoredRecord]) throws -> [Claim] {
        var order: [String] = []
        var claims: [String: Claim] = [:]
        for stored in records where stored.type == "claim.updated" || stored.type == "claim.corrected" {
            let changed: [Claim]
            switch try stored.event() {
            case .claimUpdated(let update): changed = [update.claim]
            case .claimCorrected(let correction): changed = correction.claims
            default: continue
            }
            for claim in changed {
                if claims[claim.id] == nil { order.append(claim.id) }
                claims[claim.id] = claim
            }
        }
        return order.compactMap { claims[$0] }
    }
}
