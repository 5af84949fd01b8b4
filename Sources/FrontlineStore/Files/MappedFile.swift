#if canImport(Glibc)
import Glibc
#endif
public import SystemPackage

/// A file mapped read-only into memory: its pages come from the page cache as they are read, with
/// no copy and no fresh memory to clear (a snapshot of hundreds of MB is read once at start).
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer

    public init(_ path: FilePath) throws(StoreError) {
        let fd = open(path.string, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError(.io, "cannot open", path: path.string, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError(.io, "cannot stat", path: path.string, errno: Errno(rawValue: errno)) }
        let size = Int(info.st_size)
        guard size > 0 else {
            self.bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw StoreError(.io, "cannot map", path: path.string, errno: Errno(rawValue: errno))
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        self.bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = self.bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), self.bytes.count) }
    }
}
