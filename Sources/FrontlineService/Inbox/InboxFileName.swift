/// Which inbox names are articles waiting to be read.
public enum InboxFileName {
    /// Temporary names are ignored until renamed: dot-files, `*.tmp`, `*.part`, `*.swp`, `*~`;
    /// and the reason files written beside rejected ones.
    public static func isCandidate(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix(".") else { return false }
        for suffix in [".tmp", ".part", ".swp", "~", ".reason"] where name.hasSuffix(suffix) { return false }
        return true
    }
}
