import Foundation

extension ClaimLedger {
    /// The ledger's whole state as bytes: what replaying the log up to now gives, so a restart can
    /// read it and replay only the records after it. Claims are JSON (the log's own encoding, so a
    /// claim read back is the one replay would give); articles and the near-duplicate index are
    /// binary.
    public func snapshot() throws -> [UInt8] {
        var writer = BinaryWriter(capacity: self.articles.count * 300 + self.syndication.count * 600)
        try self.writeSnapshot(to: &writer)
        return writer.bytes
    }

    /// Writes ``snapshot()`` into a larger snapshot.
    public func writeSnapshot(to writer: inout BinaryWriter) throws {
        self.syndication.write(to: &writer)
        writer.write(bytes: Array(try JSONEncoder().encode(self.claimOrder.map { self.claims[$0]! })))
        writer.write(UInt64(self.articles.count))
        for id in self.syndication.ids {
            guard let article = self.articles[id] else { continue }
            article.record.write(to: &writer, row: self.syndication.row(of: id))
        }
        for (id, article) in self.articles where !self.syndication.contains(id) {
            article.record.write(to: &writer, row: nil)
        }
        writer.write(strings: self.alertIDs.sorted())
        writer.write(self.newestPublished != nil)
        if let newest = self.newestPublished { writer.write(Int64(newest.dayNumber)) }
    }

    /// Drops the near-duplicate index's postings no lookup reaches, as a snapshot does: a ledger
    /// read back from a snapshot equals the one that wrote it once compacted.
    public mutating func compactNearDuplicateIndex() {
        self.syndication.compact()
    }

    /// A ledger read back from ``snapshot()``, with the running configuration (which decides
    /// ingest, not replay). Throws when the bytes are not a snapshot this version wrote, or when
    /// the snapshot's near-duplicate index has another number of bands than `configuration`: the
    /// caller replays the log instead.
    public init(snapshot reader: inout BinaryReader, configuration: Configuration) throws {
        self.init(configuration: configuration)
        let index = try SyndicationIndex(reading: &reader)
        guard index.bands == configuration.lshBands else {
            throw SnapshotFormatError("the snapshot's index has \(index.bands) bands, the configuration \(configuration.lshBands)")
        }
        self.syndication = index
        let claims: [Claim]
        do {
            claims = try JSONDecoder().decode([Claim].self, from: Data(try reader.readBytes()))
        } catch let error as SnapshotFormatError {
            throw error
        } catch {
            throw SnapshotFormatError("the snapshot's claims do not decode: \(error)")
        }
        for claim in claims { self.setClaim(claim) }
        guard self.claims.count == claims.count else { throw SnapshotFormatError("the snapshot names a claim twice") }
        let articles = try reader.readCount()
        self.articles.reserveCapacity(articles)
        for _ in 0..<articles {
            let record = try ArticleRecord(reading: &reader) { index.row(of: $0).map(Array.init) }
            self.articles[record.id] = ArticleState(record: record)
        }
        guard self.articles.count == articles else { throw SnapshotFormatError("the snapshot names an article twice") }
        self.alertIDs = Set(try reader.readStrings())
        if try reader.readBool() {
            let day = try reader.read(Int64.self)
            guard abs(day) < 10_000_000 else { throw SnapshotFormatError("a newest publication day of \(day)") }
            self.newestPublished = CalendarDate(dayNumber: Int(day))
        }
    }
}
