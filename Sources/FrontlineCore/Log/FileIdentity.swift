/// Which inbox file a record came from, as the filesystem knows it (device, inode, size and
/// modification time in nanoseconds). After a crash between a record's fsync and the file's move,
/// the file still in the inbox is recognised by this identity and moved without a second record;
/// the same bytes dropped again (a new file) have a new identity and are recorded as a duplicate.
public struct FileIdentity: Sendable, Hashable, Codable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
    }

    enum CodingKeys: String, CodingKey {
        case device = "dev", inode = "ino", size
        case modifiedNanoseconds = "mtime_ns"
    }
}
