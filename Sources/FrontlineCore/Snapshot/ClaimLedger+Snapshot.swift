extension ClaimLedger {
    /// The ledger's whole state as bytes: what replaying the log up to now gives, so a restart can
    /// read it and replay only the records after it. All binary: the near-duplicate index, the
    /// claims and the articles (``Claim/write(to:table:)``), strings they share written once.
    public func snapshot() throws -> [UInt8] {
        var writer = BinaryWriter(capacity: self.articles.count * 300 + self.syndication.count * 600)
        try self.writeSnapshot(to: &writer)
        return writer.bytes
    }

    /// Writes ``snapshot()`` into a larger snapshot.
    public func writeSnapshot(to writer: inout BinaryWriter) throws {
        self.syndication.write(to: &writer)
        // Strings many claims and articles share are written once (`StringTable`).
        var table = StringTable(capacity: self.claims.count * 3 + self.articles.count * 3)
        writer.write(UInt64(self.claimOrder.count))
        for id in self.claimOrder { self.claims[id]!.write(to: &writer, table: &table) }
        writer.write(UInt64(self.articles.count))
        for id in self.syndication.ids {
            guard let article = self.articles[id] else { continue }
            article.record.write(to: &writer, signatureInIndex: article.signatureInIndex, table: &table)
        }
        for (id, article) in self.articles where !self.syndication.contains(id) {
            article.record.write(to: &writer, signatureInIndex: false, table: &table)
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
        var table: [String] = []
        let claims = try reader.readCount()
        self.claims.reserveCapacity(claims)
        for _ in 0..<claims { self.setClaim(try Claim(reading: &reader, table: &table)) }
        guard self.claims.count == claims else { throw SnapshotFormatError("the snapshot names a claim twice") }
        let articles = try reader.readCount()
        self.articles.reserveCapacity(articles)
        for _ in 0..<articles {
            var signatureInIndex = false
            let record = try ArticleRecord(reading: &reader, table: &table, signatureInIndex: &signatureInIndex, isInIndex: index.contains)
            self.articles[record.id] = ArticleState(stored: record, signatureInIndex: signatureInIndex)
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
