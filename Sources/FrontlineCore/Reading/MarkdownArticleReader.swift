internal import TOMLKit
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

    static func tomlFields(_ matter: String) -> Result<[String: String], ReadingFailure> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: matter)
        } catch {
            return .failure(ReadingFailure("has TOML front matter that does not parse (\(error)); fix the lines between the +++ fences"))
        }
        var fields: [String: String] = [:]
        for (key, value) in table {
            if let text = value.string {
                fields[key.lowercased()] = text
            } else if let date = value.date {
                fields[key.lowercased()] = CalendarDate(year: date.year, month: date.month, day: date.day)?.description
            } else if let dateTime = value.dateTime {
                fields[key.lowercased()] = CalendarDate(year: dateTime.date.year, month: dateTime.date.month, day: dateTime.date.day)?.description
            }
        }
        return .success(fields)
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
