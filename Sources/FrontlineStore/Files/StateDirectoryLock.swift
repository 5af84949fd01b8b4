#if canImport(Glibc)
import Glibc
#endif
public import SystemPackage

/// An exclusive `flock` on `STATE/lock`, held for the daemon's life, so two daemons never write
/// one log. The lock dies with the process, so a crash never leaves it stale.
public final class StateDirectoryLock: Sendable {
    let fd: FileDescriptor
    public let path: FilePath

    public init(stateDirectory: FilePath) throws(StoreError) {
        try Syscalls.makeDirectory(stateDirectory)
        self.path = stateDirectory.appending("lock")
        do {
            self.fd = try FileDescriptor.open(
                self.path, .readWrite, options: [.create, .closeOnExec], permissions: [.ownerReadWrite, .groupRead])
        } catch {
            throw StoreError(.io, "cannot open lock file", path: self.path.string, errno: error as? Errno)
        }
        guard try Syscalls.tryLock(self.fd, path: self.path.string) else {
            let holder = (try? Syscalls.readFile(self.path)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            try? self.fd.close()
            throw StoreError(
                .locked,
                "another frontlined (pid \(holder.trimmingCharacters())) is using this state directory; stop it or choose another --state-dir",
                path: stateDirectory.string)
        }
        try Syscalls.truncate(self.fd, to: 0, path: self.path.string)
        _ = try? self.fd.writeAll(Array("\(getpid())\n".utf8))
    }

    deinit {
        try? self.fd.close()
    }
}

extension String {
    func trimmingCharacters() -> String {
        String(self.filter { !$0.isWhitespace })
    }
}
