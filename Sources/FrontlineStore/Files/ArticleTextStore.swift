import Synchronization
public import SystemPackage

/// The decoded text of every accepted article, content-addressed under `STATE/articles/`, so
/// evidence offsets resolve after the inbox file is gone: `articles/9f/9f2c….txt`.
///
/// Writes may come from several threads at once (files are read and extracted in parallel).
public struct ArticleTextStore: Sendable {
    public let directory: FilePath
    /// The `xx/` folders known to exist with their entry durable in `directory`. Guarded, so a
    /// writer never refers to a folder another writer has created but not yet fsynced.
    private let durableFolders = SharedFolders()

    private final class SharedFolders: Sendable {
        let names = Mutex<Set<String>>([])
    }

    public init(directory: FilePath) throws(StoreError) {
        self.directory = directory
        try Syscalls.makeDirectory(directory)
    }

    public func path(for id: String) -> FilePath {
        self.directory.appending(String(id.prefix(2))).appending("\(id).txt")
    }

    /// Writes the text under its id (a temporary name, then a rename) without waiting for the
    /// disk, and returns the paths to fsync before anything refers to it: the file and its
    /// directory. The event log's committer fsyncs them in the same round as the records.
    /// A file left by a crash before its record was durable is simply written again.
    public func write(id: String, text: String) throws(StoreError) -> [FilePath] {
        precondition(id.count >= 2 && id.allSatisfy { $0.isHexDigit }, "article ids are hex digests")
        let path = self.path(for: id)
        let directory = path.removingLastComponent()
        try self.makeDurableFolder(directory)
        try Syscalls.writeFileAtomically(path, Array(text.utf8), durably: false)
        return [path, directory]
    }

    /// Creates `folder` if needed and fsyncs its parent once per process, under a lock.
    private func makeDurableFolder(_ folder: FilePath) throws(StoreError) {
        let name = folder.lastComponent?.string ?? ""
        if self.durableFolders.names.withLock({ $0.contains(name) }) { return }
        try self.durableFolders.names.withLock { (names: inout Set<String>) throws(StoreError) in
            guard !names.contains(name) else { return }
            if !Syscalls.fileExists(folder) { try Syscalls.makeDirectory(folder) }
            try Syscalls.fsyncDirectory(self.directory)
            names.insert(name)
        }
    }

    public func text(id: String) throws(StoreError) -> String? {
        guard id.count >= 2, id.allSatisfy({ $0.isHexDigit }) else { return nil }
        let path = self.path(for: id)
        guard Syscalls.fileExists(path) else { return nil }
        return String(decoding: try Syscalls.readFile(path), as: UTF8.self)
    }
}
