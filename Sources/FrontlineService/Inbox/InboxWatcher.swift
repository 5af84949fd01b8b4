#if canImport(Glibc)
import Glibc
#endif
import Foundation
public import Logging
import Synchronization

/// Watches the inbox with inotify and reports names of complete files.
///
/// As systemd's path units and watchman do: the watch is added before the initial scan so nothing
/// falls between; `IN_CLOSE_WRITE` and `IN_MOVED_TO` mark a file complete; `IN_Q_OVERFLOW` and a
/// slow timer trigger a rescan (hard links raise no close-write); if the inbox itself is deleted
/// or moved, the watcher says so, waits for it to come back, and watches it again.
/// The blocking `poll(2)` loop runs on its own thread; a pipe wakes it for shutdown.
public final class InboxWatcher: Sendable {
    public enum Event: Sendable, Equatable {
        /// A file name that may be complete.
        case file(InboxName)
        /// The initial scan has been queued (readiness).
        case initialScanQueued
    }

    public let directory: String
    let rescanInterval: Int
    let logger: Logger
    private let wakePipe: (read: Int32, write: Int32)
    private let stopped = Mutex(false)

    public init(directory: String, rescanIntervalSeconds: Int, logger: Logger) {
        self.directory = directory
        self.rescanInterval = rescanIntervalSeconds
        self.logger = logger
        var fds: [Int32] = [0, 0]
        _ = fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC); _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        self.wakePipe = (fds[0], fds[1])
    }

    deinit {
        close(self.wakePipe.read)
        close(self.wakePipe.write)
    }

    /// Starts watching; the stream ends after ``stop()``.
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .unbounded)
        let thread = Thread { [self] in
            self.loop(continuation)
            continuation.finish()
        }
        thread.name = "inbox-watcher"
        thread.start()
        return stream
    }

    /// Wakes the watcher thread and ends its stream.
    public func stop() {
        self.stopped.withLock { $0 = true }
        var byte: UInt8 = 1
        _ = write(self.wakePipe.write, &byte, 1)
    }

    var isStopped: Bool { self.stopped.withLock { $0 } }

    private func loop(_ continuation: AsyncStream<Event>.Continuation) {
        var announced = false
        while !self.isStopped {
            let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard fd >= 0 else {
                self.logger.critical("inotify_init1 failed", metadata: ["errno": "\(errno)"])
                return
            }
            defer { close(fd) }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
            guard inotify_add_watch(fd, self.directory, mask) >= 0 else {
                self.logger.error(
                    "inbox directory is missing or unreadable; waiting for it to come back",
                    metadata: ["inbox.path": "\(self.directory)", "errno": "\(errno)"])
                if !announced {
                    continuation.yield(.initialScanQueued)
                    announced = true
                }
                if self.wait(milliseconds: 1000) { return }
                continue
            }
            self.scan(continuation)
            if !announced {
                continuation.yield(.initialScanQueued)
                announced = true
            }
            if self.watch(fd, continuation) == .stop { return }
        }
    }

    enum WatchEnd { case stop, rewatch }

    private func watch(_ fd: Int32, _ continuation: AsyncStream<Event>.Continuation) -> WatchEnd {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !self.isStopped {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: self.wakePipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(self.rescanInterval * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                self.logger.error("poll on inotify failed", metadata: ["errno": "\(errno)"])
                return .rewatch
            }
            if fds[1].revents != 0 || self.isStopped { return .stop }
            if ready == 0 {
                self.scan(continuation)
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { continue }
            var offset = 0
            var rewatch = false
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (UInt32, Int, InboxName) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                    return (event.mask, Int(event.len), InboxName(bytes: Array(nameBytes)))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    self.logger.warning("inotify queue overflowed; rescanning the inbox", metadata: ["inbox.path": "\(self.directory)"])
                    self.scan(continuation)
                } else if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                    self.logger.critical(
                        "inbox directory was deleted or moved away; waiting for it to come back",
                        metadata: ["inbox.path": "\(self.directory)"])
                    rewatch = true
                } else if mask & UInt32(IN_ISDIR) == 0, name.isCandidate {
                    // A created regular file is read at its close-write; a creation is complete
                    // at once for a hard link (a second name for an existing file) and for what is
                    // not a regular file (symlink, FIFO, device), which no close-write will follow.
                    if mask & UInt32(IN_CREATE) != 0, !self.isCompleteAtCreation(name) { continue }
                    continuation.yield(.file(name))
                }
            }
            if rewatch { return .rewatch }
        }
        return .stop
    }

    func isCompleteAtCreation(_ name: InboxName) -> Bool {
        var info = stat()
        let path = name.path(in: self.directory)
        guard path.withUnsafeBufferPointer({ lstat($0.baseAddress!, &info) }) == 0 else { return false }
        return info.st_mode & S_IFMT != S_IFREG || info.st_nlink > 1
    }

    /// Lists the inbox and reports every candidate file.
    private func scan(_ continuation: AsyncStream<Event>.Continuation) {
        guard let dir = opendir(self.directory) else { return }
        defer { closedir(dir) }
        var names: [InboxName] = []
        while let entry = readdir(dir) {
            guard entry.pointee.d_type == UInt8(DT_REG) || entry.pointee.d_type == UInt8(DT_UNKNOWN)
                || entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_FIFO)
            else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { InboxName(bytes: Array($0.prefix { $0 != 0 })) }
            if name.isCandidate { names.append(name) }
        }
        for name in names.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) { continuation.yield(.file(name)) }
    }

    /// Sleeps on the wake pipe; returns true when stopped.
    private func wait(milliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: self.wakePipe.read, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, milliseconds)
        return self.isStopped
    }
}
