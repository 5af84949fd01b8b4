import ArgumentParser
import Foundation
import FrontlineCore

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every claim about a place, oldest first, and who holds it now according to whom.",
        discussion: """
            PLACE is a name in any gazetteer spelling (Kojo, Kocho), a gazetteer id, or a name as \
            claims write it. The last line names the holder from the latest uncontested claim of a \
            change of control, with its sources and a confidence: high (3+ independent sources, \
            uncontested), medium (2), low (1, or contested by a later claim).
            """)
    @OptionGroup var options: ClientOptions
    @Argument(help: "Place name or gazetteer id.") var place: String

    func run() throws {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let escaped = self.place.addingPercentEncoding(withAllowedCharacters: allowed) ?? self.place
        let body = try fetch(self.options, "/v1/places/\(escaped)/timeline")
        if self.options.json { return print(String(decoding: body, as: UTF8.self), terminator: "") }
        print(Self.render(try JSONDecoder().decode(PlaceTimeline.self, from: body)))
    }

    static func render(_ timeline: PlaceTimeline) -> String {
        var lines: [String] = []
        let id = timeline.gazetteerID.map { " (gazetteer \($0))" } ?? ""
        lines.append("\(timeline.place)\(id): \(timeline.entries.count) claim\(timeline.entries.count == 1 ? "" : "s")")
        if !timeline.entries.isEmpty {
            let rows = timeline.entries.map { entry in
                [
                    entry.date + (entry.dateIsFirstSeen ? "*" : ""), entry.kind.rawValue + (entry.scope == "area" ? " (near)" : ""),
                    entry.claimant ?? "unknown",
                    entry.status.rawValue, "\(entry.sources) (\(entry.independentSources) indep.)", entry.outlets.joined(separator: ", "),
                    entry.claimID,
                ]
            }
            lines.append(ClaimTable.table(header: ["DATE", "KIND", "CLAIMANT", "STATUS", "SOURCES", "OUTLETS", "CLAIM"], rows: rows))
            if timeline.entries.contains(where: \.dateIsFirstSeen) { lines.append("* no date in the text: the day it was first seen") }
            if timeline.entries.contains(where: { $0.scope == "area" }) {
                lines.append("(near): about an area anchored on the place (\"villages west of it\"), not the place itself")
            }
        }
        if let holder = timeline.holder {
            let who = holder.actor.map { "held by \($0)" } ?? "left by its holder; no one is said to have taken over"
            lines.append("now: \(who) since \(holder.since), confidence \(holder.confidence)\(holder.contested ? " (contested)" : "")")
            lines.append("     \(holder.basis)")
        } else {
            lines.append("now: unknown (no uncontested claim that control of the place itself changed)")
        }
        return lines.joined(separator: "\n")
    }
}
