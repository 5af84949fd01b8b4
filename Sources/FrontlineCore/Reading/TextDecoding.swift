/// Turns an inbox file's bytes into text, or says why they are not text.
///
/// Order: a byte-order mark wins (UTF-8, UTF-16 LE/BE); then known binary signatures (PNG, ELF,
/// PDF, ZIP, gzip…) and NUL bytes reject; then strict UTF-8; then UTF-16 without a mark when every
/// other byte is NUL; else Windows-1252 (what most legacy Western text on the web is, and a
/// superset of Latin-1 for printable text). Text full of control characters is rejected as binary.
public enum TextDecoding {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`.
        public var encoding: String
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Decoded, ReadingFailure> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                return .failure(ReadingFailure("starts with a UTF-8 byte-order mark but is not valid UTF-8; re-save it as UTF-8"))
            }
            return self.checked(text, "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return self.utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return self.utf16(bytes.dropFirst(2), littleEndian: false) }
        if let kind = BinarySignature.match(bytes) {
            return .failure(ReadingFailure("is a \(kind) file, not text; drop the article's text (txt, md, html, json or eml)"))
        }
        if bytes.contains(0) {
            if let endian = self.bomlessUTF16(bytes) { return self.utf16(bytes[...], littleEndian: endian) }
            return .failure(ReadingFailure("looks binary (contains NUL bytes); only text articles are read"))
        }
        if let text = String(validating: bytes, as: UTF8.self) { return self.checked(text, "utf-8") }
        return self.checked(self.windows1252(bytes), "windows-1252")
    }

    /// Rejects text that is mostly control characters (a binary format without a known signature).
    static func checked(_ text: String, _ encoding: String) -> Result<Decoded, ReadingFailure> {
        var text = text
        let (controls, total) = text.withUTF8(Self.controlCount)
        if total > 0, controls * 10 > total {
            return .failure(ReadingFailure("looks binary (\(controls) control characters in the first \(total)); only text articles are read"))
        }
        return .success(Decoded(text: text, encoding: encoding))
    }

    /// Control characters among the first 8192 scalars of valid UTF-8, and how many scalars were
    /// looked at. C0 controls (but tab, LF, FF, CR) and DEL are one byte; C1 controls are C2 80–9F.
    static func controlCount(_ bytes: UnsafeBufferPointer<UInt8>) -> (controls: Int, total: Int) {
        var controls = 0
        var total = 0
        var index = 0
        while index < bytes.count, total < 8192 {
            // Eight printable ASCII bytes at once: eight scalars, none a control.
            if total <= 8192 - 8, index + 8 <= bytes.count, ASCIIWords.isPrintable(ASCIIWords.load(bytes, at: index)) {
                index += 8
                total += 8
                continue
            }
            let byte = bytes[index]
            index += 1
            if byte & 0xC0 == 0x80 { continue }
            total += 1
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
            } else if byte == 0x7F {
                controls += 1
            } else if byte == 0xC2, index < bytes.count, bytes[index] >= 0x80, bytes[index] < 0xA0 {
                controls += 1
            }
        }
        return (controls, total)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Result<Decoded, ReadingFailure> {
        let name = littleEndian ? "utf-16le" : "utf-16be"
        guard bytes.count % 2 == 0 else {
            return .failure(ReadingFailure("is \(name) with an odd number of bytes (cut short?); re-save it whole"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            return .failure(ReadingFailure("is not valid \(name) (unpaired surrogates); re-save it as UTF-8"))
        }
        return self.checked(text, name)
    }

    /// UTF-16 without a byte-order mark: mostly ASCII text puts NUL in every other byte.
    static func bomlessUTF16(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(4096)
        var evenNul = 0, oddNul = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNul += 1 } else { oddNul += 1 }
        }
        let half = sample.count / 2
        if oddNul * 10 >= half * 9, evenNul == 0 { return true }
        if evenNul * 10 >= half * 9, oddNul == 0 { return false }
        return nil
    }

    /// Windows-1252 as browsers decode it (WHATWG): 0x80–0x9F are typographic characters, the five
    /// unassigned ones map to the C1 controls of the same value.
    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80, byte < 0xA0 {
                scalars.append(Unicode.Scalar(self.cp1252High[Int(byte - 0x80)])!)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}

/// Magic numbers of binary files people drop by mistake.
enum BinarySignature {
    static let signatures: [(String, [UInt8])] = [
        ("PNG image", [0x89, 0x50, 0x4E, 0x47]),
        ("JPEG image", [0xFF, 0xD8, 0xFF]),
        ("GIF image", Array("GIF8".utf8)),
        ("PDF", Array("%PDF".utf8)),
        ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
        ("ZIP (or docx/xlsx/odt)", [0x50, 0x4B, 0x03, 0x04]),
        ("gzip", [0x1F, 0x8B]),
        ("bzip2", Array("BZh".utf8)),
        ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("7-zip", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("SQLite database", Array("SQLite format 3".utf8)),
        ("WebP/RIFF media", Array("RIFF".utf8)),
        ("MS Office (OLE)", [0xD0, 0xCF, 0x11, 0xE0]),
    ]

    static func match(_ bytes: [UInt8]) -> String? {
        self.signatures.first { bytes.starts(with: $0.1) }?.0
    }
}

/// Why an article could not be read; the message completes "FILE …" and says what to do.
public struct ReadingFailure: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
