import Foundation
import FrontlineStore

/// A disk behind the event log's ``LogStorage`` seam that remembers what was fsynced. `powerLoss`
/// freezes it (every later call fails, as on a machine that lost power) and returns the image a
/// reboot would find: synced bytes intact; unsynced appends kept, dropped, cut at a random point,
/// or cut with a garbled end (a torn sector: zeros or random bytes); files whose directory entry
/// was never synced may be gone. Unsynced bytes survive as a prefix of what was written, which is
/// what a single appending writer gets from ext4/xfs; see docs/log-format.md.
/// This is a fake, on purpose: real power loss cannot be had in a test.
final class SimulatedDisk: LogStorage, @unchecked Sendable {
    struct File {
        var content: [UInt8] = []
        var synced = 0
        var entrySynced = false
    }

    private let lock = NSLock()
    private var files: [String: File]
    private var frozen = false

    init(files: [String: File] = [:]) {
        self.files = files
    }

    var location: String { "simulated" }

    private func withLock<T>(_ body: (inout [String: File]) throws(StoreError) -> T) throws(StoreError) -> T {
        self.lock.lock()
        defer { self.lock.unlock() }
        if self.frozen { throw StoreError(.io, "power lost", path: "simulated") }
        return try body(&self.files)
    }

    func segmentNames() throws(StoreError) -> [String] {
        try self.withLock { files in files.keys.filter { $0.hasSuffix(".log") && !$0.hasPrefix("torn-") }.sorted() }
    }

    func read(_ name: String) throws(StoreError) -> [UInt8] {
        try self.withLock { files throws(StoreError) in
            guard let file = files[name] else { throw StoreError(.io, "no such file", path: name) }
            return file.content
        }
    }

    func openForAppend(_ name: String, create: Bool) throws(StoreError) -> any LogSegmentFile {
        try self.withLock { files throws(StoreError) in
            if create {
                guard files[name] == nil else { throw StoreError(.io, "exists", path: name) }
                files[name] = File()
            } else if files[name] == nil {
                throw StoreError(.io, "no such file", path: name)
            }
        }
        return Segment(disk: self, name: name)
    }

    func syncDirectory() throws(StoreError) {
        try self.withLock { files in
            for name in files.keys { files[name]!.entrySynced = true }
        }
    }

    func truncate(_ name: String, to size: Int) throws(StoreError) {
        try self.withLock { files in
            files[name]!.content.removeSubrange(size...)
            files[name]!.synced = size
        }
    }

    func writeSideFile(_ name: String, _ bytes: [UInt8]) throws(StoreError) {
        try self.withLock { files in files[name] = File(content: bytes, synced: bytes.count, entrySynced: true) }
    }

    struct Segment: LogSegmentFile {
        let disk: SimulatedDisk
        let name: String

        func append(_ bytes: [UInt8]) throws(StoreError) {
            try self.disk.withLock { files in files[self.name]!.content += bytes }
        }

        func sync() throws(StoreError) {
            try self.disk.withLock { files in files[self.name]!.synced = files[self.name]!.content.count }
        }

        func truncate(to size: Int) throws(StoreError) {
            try self.disk.withLock { files in files[self.name]!.content.removeSubrange(size...) }
        }

        func close() {}
    }

    /// Cuts the power: freezes this disk and returns what a reboot finds.
    func powerLoss(using random: inout some RandomNumberGenerator) -> SimulatedDisk {
        self.lock.lock()
        self.frozen = true
        let files = self.files
        self.lock.unlock()
        var image: [String: File] = [:]
        for (name, file) in files {
            if !file.entrySynced, Bool.random(using: &random) { continue }
            var content = Array(file.content[..<file.synced])
            let unsynced = file.content[file.synced...]
            switch unsynced.isEmpty ? 0 : Int.random(in: 0..<4, using: &random) {
            case 0: content += unsynced
            case 1: break
            case 2: content += unsynced.prefix(Int.random(in: 0...unsynced.count, using: &random))
            default:
                // Only bytes that were written can come back garbled: a torn end, never growth.
                let kept = Int.random(in: 0..<unsynced.count, using: &random)
                content += unsynced.prefix(kept)
                let zeros = Bool.random(using: &random)
                content += (0..<Int.random(in: 1...(unsynced.count - kept), using: &random)).map { _ in zeros ? 0 : UInt8.random(in: 0...255, using: &random) }
            }
            image[name] = File(content: content, synced: content.count, entrySynced: true)
        }
        return SimulatedDisk(files: image)
    }
}

/// A seeded generator (SplitMix64), so a failing seed can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
