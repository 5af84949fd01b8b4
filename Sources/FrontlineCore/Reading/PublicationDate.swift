/// Reads the publication date out of metadata as publishers write it: ISO 8601 dates and times
/// ("2017-05-29", "2017-05-29T10:15:00Z"), RFC 5322 mail dates ("Mon, 29 May 2017 10:15:00
/// +0000"), and date lines ("May 29, 2017", "29 May 2017").
public enum PublicationDate {
    public static func parse(_ value: String) -> CalendarDate? {
        let trimmed = value.trimmingSpaces()
        if trimmed.count >= 10, let date = CalendarDate(iso: String(trimmed.prefix(10))) { return date }
        if let date = DateLineParser.parse(line: trimmed) { return date }
        // RFC 5322: optional "Mon,", then day, month name, year, then a time and zone.
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        if let first = words.first, CalendarDate.weekdayNames.keys.contains(where: { $0.hasPrefix(first) && first.count >= 3 }) {
            words.removeFirst()
        }
        guard words.count >= 3 else { return nil }
        if let day = Int(words[0]), let month = CalendarDate.monthNames[words[1]], let year = Int(words[2]) {
            return CalendarDate(year: year, month: month, day: day)
        }
        if let month = CalendarDate.monthNames[words[0]], let day = Int(words[1]), let year = Int(words[2]) {
            return CalendarDate(year: year, month: month, day: day)
        }
        return nil
    }
}
