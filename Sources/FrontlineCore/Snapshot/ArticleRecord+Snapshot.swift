extension ArticleRecord {
    /// Writes the record; its signature only when it is not the index's row for it (`row`).
    func write(to writer: inout BinaryWriter, row: ArraySlice<UInt64>?) {
        writer.write(self.id)
        writer.write(self.file)
        writer.write(self.title)
        writer.write(self.outlet)
        writer.write(self.byline)
        writer.write(self.dateline)
        writer.write(self.published)
        writer.write(self.language)
        writer.write(Int64(self.bytes))
        writer.write(self.hasOriginalSignals)
        let inIndex = row.map { $0.elementsEqual(self.signature.values) } ?? false
        writer.write(inIndex)
        if !inIndex { writer.write(array: self.signature.values) }
        writer.write(self.syndicatedFrom)
        writer.write(self.derivedFrom)
        writer.write(strings: self.claims)
        writer.write(Int64(self.context))
        writer.write(self.receivedAt)
        writer.write(self.source != nil)
        if let source = self.source {
            writer.write(source.device)
            writer.write(source.inode)
            writer.write(source.size)
            writer.write(source.modifiedNanoseconds)
        }
        writer.write(self.format)
        writer.write(self.encoding)
        writer.write(self.url)
    }

    /// Reads a record written by ``write(to:row:)``; `row` gives its signature when the writer
    /// left it to the index.
    init(reading reader: inout BinaryReader, row: (String) -> [UInt64]?) throws(SnapshotFormatError) {
        let id = try reader.readString()
        let file = try reader.readString()
        let title = try reader.readOptionalString()
        let outlet = try reader.readOptionalString()
        let byline = try reader.readOptionalString()
        let dateline = try reader.readOptionalString()
        let published = try reader.readOptionalString()
        let language = try reader.readString()
        let bytes = Int(try reader.read(Int64.self))
        let hasOriginalSignals = try reader.readBool()
        let signature: [UInt64]
        if try reader.readBool() {
            guard let values = row(id) else { throw SnapshotFormatError("article \(id) has no row in the near-duplicate index") }
            signature = values
        } else {
            signature = try reader.readArray(of: UInt64.self)
        }
        let syndicatedFrom = try reader.readOptionalString()
        let derivedFrom = try reader.readOptionalString()
        let claims = try reader.readStrings()
        let context = Int(try reader.read(Int64.self))
        let receivedAt = try reader.readString()
        self.init(
            id: id, file: file, title: title, outlet: outlet, byline: byline, dateline: dateline, published: published,
            language: language, bytes: bytes, hasOriginalSignals: hasOriginalSignals, signature: MinHashSignature(values: signature),
            syndicatedFrom: syndicatedFrom, derivedFrom: derivedFrom, claims: claims, context: context, receivedAt: receivedAt)
        if try reader.readBool() {
            self.source = FileIdentity(
                device: try reader.read(UInt64.self), inode: try reader.read(UInt64.self), size: try reader.read(Int64.self),
                modifiedNanoseconds: try reader.read(Int64.self))
        }
        self.format = try reader.readOptionalString()
        self.encoding = try reader.readOptionalString()
        self.url = try reader.readOptionalString()
    }
}
