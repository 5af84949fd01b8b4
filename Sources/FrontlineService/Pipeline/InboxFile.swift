#if canImport(Glibc)
import Glibc
#endif
import FrontlineCore

/// Reads one inbox file safely: never follows a symlink, never blocks on a FIFO or device, and
/// never reads more than the size limit.
enum InboxFile {
    enum ReadResult {
        case bytes([UInt8], FileIdentity)
        /// Not an article; the reason says what and what to do.
        case unusable(String, FileIdentity?)
        /// The file vanished between the event and the open.
        case gone
        /// The file's identity is one whose outcome is already recorded: not read again.
        case known(FileIdentity)
    }

    static func read(_ name: InboxName, in directory: String, maxBytes: Int, isKnown: (FileIdentity) -> Bool = { _ in false }) -> ReadResult {
        let fd = name.path(in: directory).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        if fd < 0 {
            switch errno {
            case ENOENT: return .gone
            case ELOOP: return .unusable("is a symbolic link; symlinks are never followed (copy or move the file itself into the inbox)", nil)
            case EACCES, EPERM: return .unusable("cannot be read by the daemon (permission denied); make it readable by the frontline user", nil)
            default: return .unusable("cannot be opened: \(String(cString: strerror(errno)))", nil)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unusable("cannot be inspected: \(String(cString: strerror(errno)))", nil) }
        let identity = FileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        if isKnown(identity) { return .known(identity) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .unusable("is not a regular file (a FIFO, device or directory); only regular files are read", identity)
        }
        guard info.st_size > 0 else { return .unusable("is empty", identity) }
        guard info.st_size <= maxBytes else {
            return .unusable("is \(info.st_size) bytes, over max_article_bytes (\(maxBytes)); raise the limit in frontline.toml to accept it", identity)
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if count < 0 {
                if errno == EINTR { continue }
                return .unusable("read failed: \(String(cString: strerror(errno)))", identity)
            }
            if count == 0 { break }
            total += count
        }
        return .bytes(Array(bytes.prefix(total)), identity)
    }

    /// Moves `name` from `directory` into `target`, never overwriting: a taken name gets `.1`, `.2`…
    /// Returns the new path's bytes, or nil when the move failed.
    @discardableResult
    static func move(_ name: InboxName, from directory: String, to target: String) -> InboxName? {
        var destination = name
        var counter = 1
        while destination.path(in: target).withUnsafeBufferPointer({ access($0.baseAddress!, F_OK) }) == 0 {
            destination = InboxName(bytes: name.bytes + Array(".\(counter)".utf8))
            counter += 1
        }
        let source = name.path(in: directory)
        let moved = destination.path(in: target)
        if rename(source, moved) == 0 { return destination }
        // The target folder is made when missing (first use, or deleted by hand), not per file.
        guard errno == ENOENT, mkdir(target, 0o755) == 0 || errno == EEXIST else { return nil }
        return rename(source, moved) == 0 ? destination : nil
    }

    /// Writes `NAME.reason` beside a rejected file: the reason, what to do, and how to retry.
    static func writeReason(_ reason: String, for name: InboxName, in directory: String) {
        let reasonName = InboxName(bytes: name.bytes + Array(".reason".utf8))
        let text = "\(name.display) \(reason)\nTo try again, fix the file and move it back into the inbox (the .reason file can be deleted).\n"
        let fd = reasonName.path(in: directory).withUnsafeBufferPointer {
            open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Deletes `name` from `directory`.
    static func delete(_ name: InboxName, in directory: String) {
        _ = name.path(in: directory).withUnsafeBufferPointer { unlink($0.baseAddress!) }
    }
}
