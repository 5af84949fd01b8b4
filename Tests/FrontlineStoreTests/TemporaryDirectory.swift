import Foundation

/// A fresh directory under /tmp, removed when the test is done.
struct TemporaryDirectory: ~Copyable {
    let url: URL
    var path: String { self.url.path }

    init() throws {
        self.url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fl-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }
}
