internal import Yams

/// Reads Markdown: optional front matter (YAML between `---` lines, or TOML between `+++` lines)
/// with `title`, `outlet`/`source`, `author`/`byline`, `published`/`date` and `url`; the body is
/// rendered to plain lines (heading marks, emphasis, link and image syntax, list and quote marks
/// removed; code blocks dropped).
public enum MarkdownArticleReader {
    public static func read(_ text: String) -> Result<RenderedDocument, ReadingFailure> {
        var body = Substring(text)
        var fields: [String: String] = [:]
        if let (matter, rest, isTOML) = self.splitFrontMatter(text) {
            switch isTOML ? self.tomlFields(matter) : self.yamlFields(matter) {
            case .success(let parsed): fields = parsed
            case .failure(let failure): return .failure(failure)
            }
            body = rest
        }
        var lines: [String] = []
        var inCode = false
        var firstHeading: String?
        for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw).trimmingSpaces()
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inCode.toggle()
                continue
            }
            if inCode { continue }
            var heading = false
            while line.hasPrefix("#") {
                line.removeFirst()
                heading = true
            }
            while line.hasPrefix(">") { line = String(line.dropFirst()).trimmingSpaces() }
            for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) { line = String(line.dropFirst(2)) }
            if let space = line.firstIndex(of: " "), line[..<space].dropLast().allSatisfy(\.isNumber),
                line[..<space].count > 1, line[line.index(before: space)] == "." || line[line.index(before: space)] == ")"
            {
                line = String(line[line.index(after: space)...])
            }
            if line.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "*" || $0 == "_" }), !line.isEmpty { continue }
            line = self.inline(line.trimmingSpaces())
            if heading, firstHeading == nil, !line.isEmpty { firstHeading = line }
            lines.append(line)
        }
        var rendered = lines.joined(separator: "\n")
        while rendered.hasPrefix("\n") { rendered.removeFirst() }
        return .success(
            RenderedDocument(
                text: rendered, title: fields["title"] ?? firstHeading, outlet: fields["outlet"] ?? fields["source"] ?? fields["publisher"],
                byline: fields["byline"] ?? fields["author"], published: fields["published"] ?? fields["date"], url: fields["url"]))
    }

    /// Front matter and the rest, when the text starts with `---` or `+++` and the fence closes.
    static func splitFrontMatter(_ text: String) -> (String, Substring, Bool)? {
        let normalized = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (fence, isTOML) in [("---", false), ("+++", true)] {
            guard normalized.hasPrefix(fence + "\n") || normalized.hasPrefix(fence + "\r\n") else { continue }
            let afterOpen = normalized.index(normalized.startIndex, offsetBy: fence.count)
            let lines = normalized[afterOpen...].split(separator: "\n", omittingEmptySubsequences: false)
            var matter: [Substring] = []
            var consumed = normalized.distance(from: normalized.startIndex, to: afterOpen) + 1
            for line in lines.dropFirst() {
                consumed += line.count + 1
                if line.trimmingCharacters(in: "\r ") == fence {
                    let rest = normalized.dropFirst(min(consumed, normalized.count))
                    return (matter.joined(separator: "\n"), rest, isTOML)
                }
                matter.append(line)
            }
            return nil
        }
        return nil
    }

    static func yamlFields(_ matter: String) -> Result<[String: String], ReadingFailure> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: matter)
        } catch {
            return .failure(ReadingFailure("has YAML front matter that does not parse (\(error)); fix the lines between the --- fences"))
        }
        var fields: [String: String] = [:]
        for (key, value) in node?.mapping ?? [:] {
            guard let name = key.string?.lowercased() else { continue }
            if let text = value.string {
                fields[name] = text
            } else if let list = value.sequence?.compactMap(\.string), !list.isEmpty {
                fields[name] = list.joined(separator: " and ")
            }
        }
        return .success(fields)
    }

    /// TOML front matter, read as the flat `key = value` lines front matter uses (strings, dates,
    /// arrays of strings; tables and other values are skipped). Not TOMLKit: toml++ asserts (aborts
    /// the process) on some malformed input, found by the reader fuzz test, and inbox files are
    /// untrusted.
    static func tomlFields(_ matter: String) -> Result<[String: String], ReadingFailure> {
        var fields: [String: String] = [:]
        var inTable = false
        for (number, raw) in matter.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                inTable = true
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                return .failure(ReadingFailure("has TOML front matter with a line that is not key = value (line \(number + 2)); fix the lines between the +++ fences"))
            }
            if inTable { continue }
            var key = String(line[..<equals]).trimmingSpaces()
            if key.count >= 2, key.first == "\"" || key.first == "'", key.last == key.first { key = String(key.dropFirst().dropLast()) }
            let value = String(line[line.index(after: equals)...]).trimmingSpaces()
            if let text = Self.tomlString(value) {
                fields[key.lowercased()] = text
            } else if value.hasPrefix("["), value.hasSuffix("]") {
                let items = value.dropFirst().dropLast().split(separator: ",").compactMap { Self.tomlString(String($0).trimmingSpaces()) }
                if !items.isEmpty { fields[key.lowercased()] = items.joined(separator: " and ") }
            } else if value.count >= 10, let date = CalendarDate(iso: String(value.prefix(10))) {
                fields[key.lowercased()] = date.description
            }
        }
        return .success(fields)
    }

    /// A basic ("…", with \" and \\ escapes) or literal ('…') TOML string.
    static func tomlString(_ value: String) -> String? {
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        var output = ""
        var escaped = false
        for character in value.dropFirst() {
            if escaped {
                output.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                escaped = false
            } else if character == "\\", quote == "\"" {
                escaped = true
            } else if character == quote {
                return output
            } else {
                output.append(character)
            }
        }
        return nil
    }

    /// Drops inline syntax: images, link targets, emphasis marks and code ticks.
    static func inline(_ line: String) -> String {
        var output = ""
        var characters = Array(line)
        var index = 0
        characters.append("\0")
        while index < characters.count - 1 {
            let character = characters[index]
            if character == "!", characters[index + 1] == "[", let close = self.linkEnd(characters, from: index + 1) {
                index = close
                continue
            }
            if character == "[", let textEnd = characters[(index + 1)...].firstIndex(of: "]"), characters[textEnd + 1] == "(",
                let close = characters[(textEnd + 1)...].firstIndex(of: ")")
            {
                output += String(characters[(index + 1)..<textEnd])
                index = close + 1
                continue
            }
            if character == "*" || character == "`" || (character == "_" && (characters[index + 1] == "_" || index == 0 || characters[index - 1] == " ")) {
                index += 1
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }

    static func linkEnd(_ characters: [Character], from open: Int) -> Int? {
        guard let textEnd = characters[open...].firstIndex(of: "]"), characters[textEnd + 1] == "(",
            let close = characters[(textEnd + 1)...].firstIndex(of: ")")
        else { return nil }
        return close + 1
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> Substring {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return slice
    }
}
