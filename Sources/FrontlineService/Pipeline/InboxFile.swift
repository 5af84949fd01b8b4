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
    }

    static func read(path: String, maxBytes: Int) -> ReadResult {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
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
    @discardableResult
    static func move(_ name: String, from directory: String, to target: String) -> String? {
        mkdir(target, 0o755)
        var destination = target + "/" + name
        var counter = 1
        while access(destination, F_OK) == 0 {
            destination = target + "/" + name + ".\(counter)"
            counter += 1
        }
        return rename(directory + "/" + name, destination) == 0 ? destination : nil
    }
}
