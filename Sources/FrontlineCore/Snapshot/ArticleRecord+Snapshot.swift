extension ArticleRecord {
    /// Writes the record; its signature only when the near-duplicate index does not hold it. Fields
    /// many articles share (outlet, dates, language, claim ids…) go through `table`. With the
    /// signature written, this is also the log's binary `article.accepted` payload: see
    /// ``LogEvent/binaryPayload()`` before changing it.
    func write(to writer: inout BinaryWriter, signatureInIndex: Bool, table: inout StringTable) {
        writer.write(self.id)
        writer.write(self.file)
        writer.write(self.title)
        writer.write(self.outlet, in: &table)
        writer.write(self.byline, in: &table)
        writer.write(self.dateline, in: &table)
        writer.write(self.published, in: &table)
        writer.write(self.language, in: &table)
        writer.write(Int64(self.bytes))
        writer.write(self.hasOriginalSignals)
        writer.write(signatureInIndex)
        if !signatureInIndex { writer.write(array: self.signature.values) }
        writer.write(self.syndicatedFrom, in: &table)
        writer.write(self.derivedFrom, in: &table)
        writer.write(strings: self.claims, in: &table)
        writer.write(Int64(self.context))
        writer.write(self.receivedAt)
        writer.write(self.source)
        writer.write(self.format, in: &table)
        writer.write(self.encoding, in: &table)
        writer.write(self.url)
    }

    /// Reads a record written by ``write(to:row:)``; `row` gives its signature when the writer
    /// left it to the index.
    init(reading reader: inout BinaryReader, table: inout [String], signatureInIndex: inout Bool, isInIndex: (String) -> Bool)
        throws(SnapshotFormatError)
    {
        let id = try reader.readString()
        let file = try reader.readString()
        let title = try reader.readOptionalString()
        let outlet = try reader.readOptionalString(in: &table)
        let byline = try reader.readOptionalString(in: &table)
        let dateline = try reader.readOptionalString(in: &table)
        let published = try reader.readOptionalString(in: &table)
        let language = try reader.readString(in: &table)
        let bytes = Int(try reader.read(Int64.self))
        let hasOriginalSignals = try reader.readBool()
        let signature: [UInt64]
        signatureInIndex = try reader.readBool()
        if signatureInIndex {
            guard isInIndex(id) else { throw SnapshotFormatError("article \(id) has no row in the near-duplicate index") }
            signature = []
        } else {
            signature = try reader.readArray(of: UInt64.self)
        }
        let syndicatedFrom = try reader.readOptionalString(in: &table)
        let derivedFrom = try reader.readOptionalString(in: &table)
        let claims = try reader.readStrings(in: &table)
        let context = Int(try reader.read(Int64.self))
        let receivedAt = try reader.readString()
        self.init(
            id: id, file: file, title: title, outlet: outlet, byline: byline, dateline: dateline, published: published,
            language: language, bytes: bytes, hasOriginalSignals: hasOriginalSignals, signature: MinHashSignature(values: signature),
            syndicatedFrom: syndicatedFrom, derivedFrom: derivedFrom, claims: claims, context: context, receivedAt: receivedAt)
        self.source = try reader.readFileIdentity()
        self.format = try reader.readOptionalString(in: &table)
        self.encoding = try reader.readOptionalString(in: &table)
        self.url = try reader.readOptionalString()
    }
}

extension BinaryWriter {
    /// A presence byte, then device, inode, size and modification time.
    mutating func write(_ source: FileIdentity?) {
        self.write(source != nil)
        if let source {
            self.write(source.device)
            self.write(source.inode)
            self.write(source.size)
            self.write(source.modifiedNanoseconds)
        }
    }
}

extension BinaryReader {
    mutating func readFileIdentity() throws(SnapshotFormatError) -> FileIdentity? {
        guard try self.readBool() else { return nil }
        return FileIdentity(
            device: try self.read(UInt64.self), inode: try self.read(UInt64.self), size: try self.read(Int64.self),
            modifiedNanoseconds: try self.read(Int64.self))
    }
}
