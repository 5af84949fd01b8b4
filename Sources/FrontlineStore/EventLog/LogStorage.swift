#if canImport(Glibc)
import Glibc
#endif
public import SystemPackage

/// The file layer under the event log: where segments are listed, read, appended to and made
/// durable. The daemon uses ``PosixLogStorage``; the crash tests put a simulated disk behind this
/// seam that keeps, drops or garbles whatever was not yet fsynced when the "power" goes.
public protocol LogStorage: Sendable {
    /// Where the log lives, for messages.
    var location: String { get }
    /// Segment file names (`<first seq, 20 digits>.log`), oldest first.
    func segmentNames() throws(StoreError) -> [String]
    func read(_ name: String) throws(StoreError) -> [UInt8]
    /// A segment's bytes, which records read from it share. A sealed segment (any but the last:
    /// nothing appends to it or cuts it) may be mapped rather than copied.
    func segmentBytes(_ name: String, sealed: Bool) throws(StoreError) -> RecordBytes
    /// A segment's size in bytes, without reading it.
    func size(_ name: String) throws(StoreError) -> Int
    /// Opens a segment for appending; with `create`, it must not exist yet.
    func openForAppend(_ name: String, create: Bool) throws(StoreError) -> any LogSegmentFile
    /// Makes created and removed entries of the log directory durable.
    func syncDirectory() throws(StoreError)
    /// Cuts a segment back to `size` bytes, durably.
    func truncate(_ name: String, to size: Int) throws(StoreError)
    /// Writes a side file (a saved torn tail) atomically and durably.
    func writeSideFile(_ name: String, _ bytes: [UInt8]) throws(StoreError)
}

/// One segment open for appending.
public protocol LogSegmentFile {
    func append(_ bytes: [UInt8]) throws(StoreError)
    /// `fsync(2)`: returns once everything appended is on stable storage.
    func sync() throws(StoreError)
    /// Cuts the file back to `size` bytes (a failed append's partial frame), without fsync.
    func truncate(to size: Int) throws(StoreError)
    func close()
}

/// Segments as plain files in a directory.
extension LogStorage {
    public func size(_ name: String) throws(StoreError) -> Int { try self.read(name).count }

    public func segmentBytes(_ name: String, sealed: Bool) throws(StoreError) -> RecordBytes {
        RecordBytes(segment: name, owned: try self.read(name))
    }

    /// The bytes of `names[index]`, a segment of a listing oldest first: sealed unless last.
    func segmentBytes(at index: Int, of names: [String]) throws(StoreError) -> RecordBytes {
        try self.segmentBytes(names[index], sealed: index < names.count - 1)
    }

    /// Lends the bytes of `names[index]`, a segment of a listing oldest first: sealed unless last.
    func withSegment<R>(at index: Int, of names: [String], _ body: (UnsafeRawBufferPointer) -> R) throws(StoreError) -> R {
        try self.segmentBytes(at: index, of: names).withBytes(body)
    }
}

public struct PosixLogStorage: LogStorage {
    public let directory: FilePath

    public init(directory: FilePath) throws(StoreError) {
        self.directory = directory
        try Syscalls.makeDirectory(directory)
    }

    public var location: String { self.directory.string }

    public func segmentNames() throws(StoreError) -> [String] {
        guard let dir = opendir(self.directory.string) else {
            throw StoreError(.io, "cannot list log directory", path: self.directory.string, errno: Errno(rawValue: errno))
        }
        defer { closedir(dir) }
        var names: [String] = []
        Syscalls.forEachEntry(of: dir) { name, _ in
            if EventLog.isSegmentName(name) { names.append(name) }
        }
        return names.sorted()
    }

    public func read(_ name: String) throws(StoreError) -> [UInt8] {
        try Syscalls.readFile(self.directory.appending(name))
    }

    /// Maps a sealed segment (no copy into fresh memory, pages straight from the page cache);
    /// reads the last one, which the daemon may still append to or cut while it is read, so a
    /// mapping could fault past its end.
    public func segmentBytes(_ name: String, sealed: Bool) throws(StoreError) -> RecordBytes {
        guard sealed else { return RecordBytes(segment: name, owned: try self.read(name)) }
        return RecordBytes(segment: name, mapped: try MappedFile(self.directory.appending(name)))
    }

    public func size(_ name: String) throws(StoreError) -> Int {
        var info = stat()
        guard stat(self.directory.appending(name).string, &info) == 0 else {
            throw StoreError(.io, "cannot stat log segment", path: self.directory.appending(name).string, errno: Errno(rawValue: errno))
        }
        return Int(info.st_size)
    }

    public func openForAppend(_ name: String, create: Bool) throws(StoreError) -> any LogSegmentFile {
        let path = self.directory.appending(name)
        do {
            let fd = try FileDescriptor.open(
                path, .writeOnly, options: create ? [.append, .create, .exclusiveCreate] : [.append],
                permissions: [.ownerReadWrite, .groupRead])
            return PosixSegmentFile(fd: fd, path: path.string)
        } catch {
            throw StoreError(.io, "cannot open log segment", path: path.string, errno: error as? Errno)
        }
    }

    public func syncDirectory() throws(StoreError) {
        try Syscalls.fsyncDirectory(self.directory)
    }

    public func truncate(_ name: String, to size: Int) throws(StoreError) {
        let file = try self.openForAppend(name, create: false)
        defer { file.close() }
        try file.truncate(to: size)
        try file.sync()
    }

    public func writeSideFile(_ name: String, _ bytes: [UInt8]) throws(StoreError) {
        try Syscalls.writeFileAtomically(self.directory.appending(name), bytes)
    }
}

struct PosixSegmentFile: LogSegmentFile {
    let fd: FileDescriptor
    let path: String

    func append(_ bytes: [UInt8]) throws(StoreError) {
        try Syscalls.writeAll(self.fd, bytes, path: self.path)
    }

    func sync() throws(StoreError) {
        try Syscalls.fsync(self.fd, path: self.path)
    }

    func truncate(to size: Int) throws(StoreError) {
        try Syscalls.truncate(self.fd, to: Int64(size), path: self.path)
    }

    func close() {
        try? self.fd.close()
    }
}
