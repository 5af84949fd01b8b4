import FrontlineCore

/// Aligned text tables for claims.
enum ClaimTable {
    static func render(_ claims: [Claim]) -> String {
        let header = ["ID", "KIND", "CLAIMANT", "PLACES", "DATE", "SOURCES", "STATUS"]
        let rows = claims.map { claim -> [String] in
            let places = (claim.places.map(\.name) + claim.areas.map(\.text)).joined(separator: "; ")
            return [
                claim.id, claim.kind.rawValue, claim.claimant?.name ?? "-", truncate(places, 48),
                claim.eventDate ?? "-", "\(claim.sources.count) (\(claim.independentSources) ind.)", claim.status.rawValue,
            ]
        }
        return table(header: header, rows: rows) + "\n\(claims.count) claim\(claims.count == 1 ? "" : "s")"
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// Columns padded to their widest cell; no header line when `header` is nil.
    static func table(header: [String]?, rows: [[String]]) -> String {
        var widths = header?.map(\.count) ?? Array(repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ((header.map { [line($0)] } ?? []) + rows.map(line)).joined(separator: "\n")
    }
}
