#if canImport(Glibc)
import Glibc
#endif
import Synchronization
public import SystemPackage

/// Numbers the temporary files of ``Syscalls/writeFileAtomically(_:_:durably:permissions:)``, so
/// two threads writing the same path at once (two copies of one article read in parallel) never
/// share a temporary name.
private let temporaryCounter = Atomic<Int>(0)

/// System calls swift-system does not wrap, in its style: errno captured at once, `EINTR` retried.
public enum Syscalls {
    @discardableResult
    static func retrying(_ body: () -> Int32) -> Result<Int32, Errno> {
        while true {
            let result = body()
            if result >= 0 { return .success(result) }
            let error = Errno(rawValue: errno)
            if error == .interrupted { continue }
            return .failure(error)
        }
    }

    /// `fsync(2)`. Never retried after a failure other than `EINTR`: the kernel may have dropped the
    /// dirty pages, so a second fsync could report success for lost data.
    public static func fsync(_ fd: FileDescriptor, path: String) throws(StoreError) {
        if case .failure(let errno) = retrying({ Glibc.fsync(fd.rawValue) }) {
            throw StoreError(.io, "fsync failed", path: path, errno: errno)
        }
    }

    /// Opens a directory and fsyncs it, so new and renamed entries in it are durable.
    public static func fsyncDirectory(_ path: FilePath) throws(StoreError) {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.directory])
        } catch {
            throw StoreError(.io, "cannot open directory to fsync it", path: path.string, errno: error as? Errno)
        }
        defer { try? fd.close() }
        try fsync(fd, path: path.string)
    }

    /// Opens a file or directory read-only and fsyncs it.
    public static func fsync(path: FilePath) throws(StoreError) {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly)
        } catch {
            throw StoreError(.io, "cannot open to fsync", path: path.string, errno: error as? Errno)
        }
        defer { try? fd.close() }
        try fsync(fd, path: path.string)
    }

    /// `ftruncate(2)`.
    public static func truncate(_ fd: FileDescriptor, to size: Int64, path: String) throws(StoreError) {
        if case .failure(let errno) = retrying({ Glibc.ftruncate(fd.rawValue, off_t(size)) }) {
            throw StoreError(.io, "cannot truncate", path: path, errno: errno)
        }
    }

    /// `flock(2)` with `LOCK_EX | LOCK_NB`; returns false when another process holds the lock.
    public static func tryLock(_ fd: FileDescriptor, path: String) throws(StoreError) -> Bool {
        switch retrying({ system_flock(fd.rawValue, LOCK_EX | LOCK_NB) }) {
        case .success: return true
        case .failure(let errno) where errno == .wouldBlock: return false
        case .failure(let errno): throw StoreError(.io, "cannot lock", path: path, errno: errno)
        }
    }

    /// Writes all of `bytes` (short writes are continued).
    public static func writeAll(_ fd: FileDescriptor, _ bytes: [UInt8], path: String) throws(StoreError) {
        var failure: StoreError?
        bytes.withUnsafeBytes { raw in
            do throws(StoreError) { try writeAll(fd, raw, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public static func writeAll(_ fd: FileDescriptor, _ bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) {
        do {
            _ = try fd.writeAll(bytes)
        } catch {
            throw StoreError(.io, "write failed", path: path, errno: error as? Errno)
        }
    }

    /// Reads a whole file.
    public static func readFile(_ path: FilePath) throws(StoreError) -> [UInt8] {
        do {
            let fd = try FileDescriptor.open(path, .readOnly)
            defer { try? fd.close() }
            // Read straight into an array of the file's size (one copy, no regrowth: a snapshot
            // or a log segment is hundreds of MB); a file still growing gets the rest appended.
            var info = stat()
            let expected = fstat(fd.rawValue, &info) == 0 ? Int(info.st_size) : 0
            var failure: (any Error)?
            var result = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
                initialized = 0
                while initialized < expected {
                    do {
                        let count = try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[initialized...]))
                        if count == 0 { break }
                        initialized += count
                    } catch {
                        failure = error
                        break
                    }
                }
            }
            if let failure { throw failure }
            // The rest, through uninitialised stack space (an inbox file is a few KB: zeroing a
            // heap chunk for the one read that finds the end cost more than reading the file).
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 16) { chunk in
                while true {
                    let count = try fd.read(into: UnsafeMutableRawBufferPointer(chunk))
                    if count == 0 { break }
                    result.append(contentsOf: chunk[0..<count])
                }
            }
            return result
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "cannot read", path: path.string, errno: error as? Errno)
        }
    }

    /// Creates a directory and its parents if missing.
    public static func makeDirectory(_ path: FilePath, mode: FilePermissions = [.ownerReadWriteExecute, .groupReadExecute, .otherReadExecute]) throws(StoreError) {
        var current = FilePath(path.root?.string ?? "")
        for component in path.components {
            current.append(component)
            if mkdir(current.string, mode.rawValue) != 0 {
                let error = Errno(rawValue: errno)
                if error != .fileExists {
                    throw StoreError(.io, "cannot create directory", path: current.string, errno: error)
                }
            }
        }
    }

    /// The start of the names `writeFileAtomically` writes `path` under before renaming it into
    /// place (in the same directory); a file by such a name is a write that never finished.
    public static func temporaryPrefix(for path: FilePath) -> String {
        ".tmp-\(path.lastComponent?.string ?? "file")-"
    }

    /// Writes a file atomically: a temporary name, fsync, rename, fsync of the directory. Without
    /// `durably`, the fsyncs are left to the caller (who batches them).
    public static func writeFileAtomically(
        _ path: FilePath, _ bytes: [UInt8], durably: Bool = true,
        permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead]
    ) throws(StoreError) {
        try self.writeFileAtomically(path, durably: durably, permissions: permissions) { fd, temporary throws(StoreError) in
            try writeAll(fd, bytes, path: temporary)
        }
    }

    /// Writes a file atomically with what `write` writes to the temporary file (given with its
    /// path, for messages): a file made as it is written, never held whole in memory.
    public static func writeFileAtomically(
        _ path: FilePath, durably: Bool = true, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        _ write: (FileDescriptor, String) throws(StoreError) -> Void
    ) throws(StoreError) {
        let directory = path.removingLastComponent()
        let serial = temporaryCounter.add(1, ordering: .relaxed).newValue
        let temporary = directory.appending(Self.temporaryPrefix(for: path) + "\(getpid())-\(serial)")
        do {
            let fd = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate], permissions: permissions)
            do {
                try write(fd, temporary.string)
                if durably { try fsync(fd, path: temporary.string) }
            } catch {
                // Leave no half-written temporary behind (it would hold space on a full disk).
                try? fd.close()
                unlink(temporary.string)
                throw error
            }
            try fd.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "cannot write", path: temporary.string, errno: error as? Errno)
        }
        if rename(temporary.string, path.string) != 0 {
            throw StoreError(.io, "cannot rename into place", path: path.string, errno: Errno(rawValue: errno))
        }
        if durably { try fsyncDirectory(directory) }
    }

    public static func fileExists(_ path: FilePath) -> Bool {
        var info = stat()
        return stat(path.string, &info) == 0
    }

    /// The names in `directory` of everything but folders (a link counts as what it points to; a
    /// broken link is left out), without hidden names, sorted. The type `readdir(3)` reports is
    /// used where the file system gives it, so a folder of thousands of articles is listed
    /// without a `stat` per file.
    public static func fileNames(in directory: FilePath) throws(StoreError) -> [String] {
        guard let stream = opendir(directory.string) else {
            throw StoreError(.io, "cannot list folder", path: directory.string, errno: Errno(rawValue: errno))
        }
        defer { closedir(stream) }
        var names: [String] = []
        Self.forEachEntry(of: stream) { name, type in
            guard !name.hasPrefix(".") else { return }
            switch type {
            case Int32(DT_DIR):
                return
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                var info = stat()
                guard stat(directory.appending(name).string, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { return }
            default:
                break
            }
            names.append(name)
        }
        return names.sorted()
    }

    /// Each entry of an open directory stream, `.` and `..` included: its name and the type
    /// `readdir(3)` gives (`DT_UNKNOWN` where the file system gives none).
    static func forEachEntry(of stream: OpaquePointer, _ body: (String, Int32) -> Void) {
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            body(name, Int32(entry.pointee.d_type))
        }
    }
}

/// `flock(2)`; Glibc's module exports the `struct flock` under the same name, hiding the function.
@_silgen_name("flock")
private func system_flock(_ fd: Int32, _ operation: Int32) -> Int32
