/// An inbox entry's name exactly as the kernel gives it: any bytes but `/` and NUL, so names that
/// are not UTF-8 (or hold newlines) are still opened, moved and recorded, never lost.
public struct InboxName: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ name: String) {
        self.bytes = Array(name.utf8)
    }

    /// The name for records, logs and the journal: the name itself when it is UTF-8 without
    /// control characters, else with each invalid byte and control character as `%XX`.
    public var display: String {
        if let text = String(validating: self.bytes, as: UTF8.self),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "%" })
        {
            return text
        }
        var output = ""
        var index = 0
        while index < self.bytes.count {
            let length = Self.scalarLength(self.bytes, at: index)
            if length > 0, let scalar = String(validating: self.bytes[index..<(index + length)], as: UTF8.self),
                !(length == 1 && (self.bytes[index] < 0x20 || self.bytes[index] == 0x7F || self.bytes[index] == UInt8(ascii: "%")))
            {
                output += scalar
                index += length
            } else {
                let byte = self.bytes[index]
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
                index += 1
            }
        }
        return output
    }

    public var description: String { self.display }

    /// The length of the UTF-8 sequence starting at `index` by its lead byte (0 when not a lead).
    static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length =
            switch lead {
            case 0x00..<0x80: 1
            case 0xC2..<0xE0: 2
            case 0xE0..<0xF0: 3
            case 0xF0..<0xF5: 4
            default: 0
            }
        return index + length <= bytes.count ? length : 0
    }

    /// Temporary names are ignored until renamed: dot-files, `*.tmp`, `*.part`, `*.swp`, `*~`;
    /// and the reason files written beside rejected ones.
    public var isCandidate: Bool {
        guard !self.bytes.isEmpty, self.bytes[0] != UInt8(ascii: ".") else { return false }
        for suffix in [".tmp", ".part", ".swp", "~", ".reason"] where self.bytes.count > suffix.utf8.count && self.bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            return false
        }
        return true
    }

    /// `directory/name` as a NUL-terminated C path.
    func path(in directory: String) -> [CChar] {
        (Array(directory.utf8) + [UInt8(ascii: "/")] + self.bytes + [0]).map { CChar(bitPattern: $0) }
    }
}
