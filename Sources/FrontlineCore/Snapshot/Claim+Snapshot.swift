/// Claims in a snapshot: every field in declaration order, strings as numbers of the section's
/// ``StringTable``. Writing JSON instead took minutes for a million claims at a graceful stop
/// (longer than systemd waits) and was a third of a start-up.
///
/// The same layout is the log's binary payload (``LogEvent/binaryPayload()``), which is kept
/// forever: change it only with a new payload format byte (`LogPayloadTests` fails otherwise).
extension Claim {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.id)  // written once as a claim's own: not worth a table entry
        writer.write(self.kind.rawValue, in: &table)
        for actor in [self.claimant, self.opponent] {
            writer.write(actor != nil)
            if let actor { actor.write(to: &writer, table: &table) }
        }
        writer.write(UInt32(self.places.count))
        for place in self.places { place.write(to: &writer, table: &table) }
        writer.write(UInt32(self.areas.count))
        for area in self.areas { area.write(to: &writer, table: &table) }
        writer.write(self.eventDate, in: &table)
        writer.write(self.firstSeen, in: &table)
        writer.write(self.attributedTo, in: &table)
        writer.write(self.hedged)
        writer.write(self.status.rawValue, in: &table)
        writer.write(UInt32(self.sources.count))
        for source in self.sources { source.write(to: &writer, table: &table) }
        writer.write(Int64(self.independentSources))
        writer.write(UInt32(self.evidence.count))
        for evidence in self.evidence { evidence.write(to: &writer, table: &table) }
        writer.write(self.extractor, in: &table)
        writer.write(strings: self.contestedBy, in: &table)
        writer.write(UInt32(self.corrections.count))
        for correction in self.corrections { correction.write(to: &writer, table: &table) }
        writer.write(self.mergedInto, in: &table)
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        let id = try reader.readString()
        let kind = try reader.readEnum(ClaimKind.self, in: &table)
        let claimant = try reader.readBool() ? try ActorRef(reading: &reader, table: &table) : nil
        let opponent = try reader.readBool() ? try ActorRef(reading: &reader, table: &table) : nil
        let places = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try PlaceRef(reading: &reader, table: &table) }
        let areas = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try Area(reading: &reader, table: &table) }
        let eventDate = try reader.readOptionalString(in: &table)
        let firstSeen = try reader.readString(in: &table)
        let attributedTo = try reader.readOptionalString(in: &table)
        let hedged = try reader.readBool()
        let status = try reader.readEnum(ClaimStatus.self, in: &table)
        let sources = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try ClaimSource(reading: &reader, table: &table) }
        let independentSources = Int(try reader.read(Int64.self))
        let evidence = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try Evidence(reading: &reader, table: &table) }
        let extractor = try reader.readString(in: &table)
        self.init(
            id: id, kind: kind, claimant: claimant, opponent: opponent, places: places, areas: areas, eventDate: eventDate,
            firstSeen: firstSeen, attributedTo: attributedTo, hedged: hedged, status: status, sources: sources,
            independentSources: independentSources, evidence: evidence, extractor: extractor)
        self.contestedBy = try reader.readStrings(in: &table)
        self.corrections = try reader.readList { (reader: inout BinaryReader) throws(SnapshotFormatError) in try ClaimCorrection(reading: &reader, table: &table) }
        self.mergedInto = try reader.readOptionalString(in: &table)
    }
}

extension ActorRef {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.id, in: &table)
        writer.write(self.name, in: &table)
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        self.init(id: try reader.readOptionalString(in: &table), name: try reader.readString(in: &table))
    }
}

extension PlaceRef {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.name, in: &table)
        writer.write(self.mention, in: &table)
        writer.write(self.gazetteerID, in: &table)
        for coordinate in [self.lat, self.lon] {
            writer.write(coordinate != nil)
            if let coordinate { writer.write(coordinate) }
        }
        writer.write(self.country, in: &table)
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        let name = try reader.readString(in: &table)
        let mention = try reader.readString(in: &table)
        let gazetteerID = try reader.readOptionalString(in: &table)
        let lat = try reader.readBool() ? try reader.readDouble() : nil
        let lon = try reader.readBool() ? try reader.readDouble() : nil
        self.init(
            name: name, mention: mention, gazetteerID: gazetteerID, lat: lat, lon: lon, country: try reader.readOptionalString(in: &table))
    }
}

extension Area {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.text, in: &table)
        for field in [self.anchor, self.anchorID, self.direction, self.relation, self.feature] { writer.write(field, in: &table) }
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        self.init(
            text: try reader.readString(in: &table), anchor: try reader.readOptionalString(in: &table),
            anchorID: try reader.readOptionalString(in: &table), direction: try reader.readOptionalString(in: &table),
            relation: try reader.readOptionalString(in: &table), feature: try reader.readOptionalString(in: &table))
    }
}

extension ClaimSource {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.article, in: &table)
        writer.write(self.file, in: &table)
        for field in [self.outlet, self.published, self.syndicatedFrom, self.derivedFrom] { writer.write(field, in: &table) }
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        self.init(
            article: try reader.readString(in: &table), file: try reader.readString(in: &table),
            outlet: try reader.readOptionalString(in: &table), published: try reader.readOptionalString(in: &table),
            syndicatedFrom: try reader.readOptionalString(in: &table), derivedFrom: try reader.readOptionalString(in: &table))
    }
}

extension Evidence {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.article, in: &table)
        writer.write(self.sentence, in: &table)
        writer.write(Int64(self.start))
        writer.write(Int64(self.end))
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        self.init(
            article: try reader.readString(in: &table), sentence: try reader.readString(in: &table),
            start: Int(try reader.read(Int64.self)), end: Int(try reader.read(Int64.self)))
    }
}

extension ClaimCorrection {
    func write(to writer: inout BinaryWriter, table: inout StringTable) {
        writer.write(self.id, in: &table)
        writer.write(self.action.rawValue, in: &table)
        writer.write(self.claim, in: &table)
        writer.write(self.target, in: &table)
        writer.write(self.reason, in: &table)
        writer.write(self.uid)
        writer.write(self.user, in: &table)
        writer.write(self.at, in: &table)
    }

    init(reading reader: inout BinaryReader, table: inout [String]) throws(SnapshotFormatError) {
        self.init(
            id: try reader.readString(in: &table), action: try reader.readEnum(CorrectionAction.self, in: &table),
            claim: try reader.readString(in: &table), target: try reader.readOptionalString(in: &table),
            reason: try reader.readString(in: &table), uid: try reader.read(UInt32.self), user: try reader.readOptionalString(in: &table),
            at: try reader.readString(in: &table))
    }
}

extension BinaryReader {
    /// An enum written as its raw string.
    mutating func readEnum<E: RawRepresentable>(_ type: E.Type, in table: inout [String]) throws(SnapshotFormatError) -> E
    where E.RawValue == String {
        let raw = try self.readString(in: &table)
        guard let value = E(rawValue: raw) else { throw SnapshotFormatError("\(raw.debugDescription) is not a \(E.self)") }
        return value
    }

    /// A count (u32) and that many elements.
    mutating func readList<Element>(
        _ element: (inout BinaryReader) throws(SnapshotFormatError) -> Element
    ) throws(SnapshotFormatError) -> [Element] {
        let count = Int(try self.read(UInt32.self))
        guard count <= self.end - self.offset else {
            throw SnapshotFormatError("a count of \(count) at offset \(self.offset - 4) exceeds the bytes left")
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }
}
