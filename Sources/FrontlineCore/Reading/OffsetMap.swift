/// Maps UTF-8 offsets in a cleaned body back to offsets in the text it was cleaned from, so
/// evidence found in the body points into the stored article text a human checks.
public struct OffsetMap: Sendable, Hashable {
    /// A run of the body and the original text it came from: copied runs have equal lengths; a
    /// replacement (a non-breaking space become a space) has its own.
    struct Piece: Sendable, Hashable {
        var bodyStart: Int
        var bodyLength: Int
        var originalStart: Int
        var originalLength: Int
    }

    var pieces: [Piece] = []

    public init() {}

    /// The identity map (a body that is its original).
    public static let identity = OffsetMap()

    mutating func copy(bodyStart: Int, originalStart: Int, length: Int) {
        guard length > 0 else { return }
        if var last = self.pieces.last, last.bodyLength == last.originalLength,
            last.bodyStart + last.bodyLength == bodyStart, last.originalStart + last.originalLength == originalStart
        {
            last.bodyLength += length
            last.originalLength += length
            self.pieces[self.pieces.count - 1] = last
        } else {
            self.pieces.append(Piece(bodyStart: bodyStart, bodyLength: length, originalStart: originalStart, originalLength: length))
        }
    }

    mutating func replace(bodyStart: Int, bodyLength: Int, originalStart: Int, originalLength: Int) {
        self.pieces.append(Piece(bodyStart: bodyStart, bodyLength: bodyLength, originalStart: originalStart, originalLength: originalLength))
    }

    func piece(containing offset: Int) -> Piece? {
        var low = 0, high = self.pieces.count - 1
        var found: Piece?
        while low <= high {
            let middle = (low + high) / 2
            if self.pieces[middle].bodyStart <= offset {
                found = self.pieces[middle]
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }

    /// The original offset where the body's byte at `offset` came from.
    public func originalStart(_ offset: Int) -> Int {
        guard !self.pieces.isEmpty, let piece = self.piece(containing: offset) else { return offset }
        if piece.bodyLength == piece.originalLength { return piece.originalStart + (offset - piece.bodyStart) }
        return piece.originalStart
    }

    /// The original offset just after the body's bytes up to `offset` (exclusive end of a span).
    public func originalEnd(_ offset: Int) -> Int {
        guard !self.pieces.isEmpty, offset > 0, let piece = self.piece(containing: offset - 1) else { return offset }
        if piece.bodyLength == piece.originalLength { return piece.originalStart + (offset - piece.bodyStart) }
        return piece.originalStart + piece.originalLength
    }
}

/// The text the extractor reads: the article without web boilerplate, and where each of its
/// bytes came from in the stored text.
public struct CleanBody: Sendable, Hashable {
    public var text: String
    public var map: OffsetMap

    public init(text: String, map: OffsetMap = .identity) {
        self.text = text
        self.map = map
    }
}
