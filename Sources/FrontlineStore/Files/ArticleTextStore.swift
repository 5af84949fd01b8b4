public import SystemPackage

/// The decoded text of every accepted article, content-addressed under `STATE/articles/`, so
/// evidence offsets resolve after the inbox file is gone: `articles/9f/9f2c….txt`.
public struct ArticleTextStore: Sendable {
    public let directory: FilePath

    public init(directory: FilePath) throws(StoreError) {
        self.directory = directory
        try Syscalls.makeDirectory(directory)
    }

    public func path(for id: String) -> FilePath {
        self.directory.appending(String(id.prefix(2))).appending("\(id).txt")
    }

    /// Stores the text durably (fsync of file and directory) unless it is already there.
    public func store(id: String, text: String) throws(StoreError) {
        precondition(id.count >= 2 && id.allSatisfy { $0.isHexDigit }, "article ids are hex digests")
        let path = self.path(for: id)
        if Syscalls.fileExists(path) { return }
        try Syscalls.makeDirectory(path.removingLastComponent())
        try Syscalls.writeFileAtomically(path, Array(text.utf8))
    }

    public func text(id: String) throws(StoreError) -> String? {
        guard id.count >= 2, id.allSatisfy({ $0.isHexDigit }) else { return nil }
        let path = self.path(for: id)
        guard Syscalls.fileExists(path) else { return nil }
        return String(decoding: try Syscalls.readFile(path), as: UTF8.self)
    }
}
