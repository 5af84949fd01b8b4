public import SystemPackage

/// An error of the store: what failed, where, and what to do about it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Error codes; a struct so codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: Hashable, Sendable {
            case io, corrupt, locked, format
        }
        let value: Value
        /// A read, write or fsync failed.
        public static let io = Code(value: .io)
        /// The log is damaged before its tail; it must not be written to.
        public static let corrupt = Code(value: .corrupt)
        /// Another process holds the state directory.
        public static let locked = Code(value: .locked)
        /// A record could not be encoded or decoded.
        public static let format = Code(value: .format)
        public var description: String { "\(self.value)" }
    }

    public var code: Code
    public var message: String
    public var path: String?
    public var errno: Errno?

    public init(_ code: Code, _ message: String, path: String? = nil, errno: Errno? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.errno = errno
    }

    public var description: String {
        var text = self.message
        if let path = self.path { text += " (\(path))" }
        if let errno = self.errno { text += ": \(errno)" }
        return text
    }
}

extension StoreError: Equatable {
    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
}
