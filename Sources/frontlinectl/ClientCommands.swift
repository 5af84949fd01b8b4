import ArgumentParser
import Foundation
import FrontlineCore
import FrontlineService

/// Runs a request and turns failures into one-line errors and exit codes.
func fetch(_ options: ClientOptions, _ target: String, method: String = "GET", body: Data? = nil) throws -> Data {
    let client = APIClient(socketPath: options.socket)
    let response: APIClient.Response
    do {
        response = try client.request(method, target, body: body)
    } catch {
        FileHandle.standardError.write(Data("frontlinectl: \(error)\n".utf8))
        throw ExitCode(3)
    }
    guard response.status == 200 || response.status == 201 else {
        let message = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            .flatMap { ($0["error"] as? [String: Any])?["message"] as? String } ?? response.text
        FileHandle.standardError.write(Data("frontlinectl: \(response.status): \(message)\n".utf8))
        throw ExitCode(1)
    }
    return response.body
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the daemon's counters and log head.")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let body = try fetch(self.options, "/v1/status")
        if self.options.json { return print(String(decoding: body, as: UTF8.self), terminator: "") }
        guard let status = try JSONSerialization.jsonObject(with: body) as? [String: Any],
            let counters = status["counters"] as? [String: Any], let log = status["log"] as? [String: Any]
        else { throw ValidationError("unexpected status response") }
        print("frontlined \(status["version"] ?? "?"), up \(status["uptime_seconds"] ?? 0)s, watching \(status["inbox"] ?? "?")")
        print("articles: \(counters["articles_accepted"] ?? 0) accepted, \(counters["articles_duplicate"] ?? 0) duplicate, \(counters["articles_rejected"] ?? 0) rejected, \(counters["articles_other_language"] ?? 0) not in English")
        print("claims: \(counters["claims"] ?? 0)   alerts: \(counters["alerts"] ?? 0)")
        print("log: \(log["records"] ?? 0) records, \(log["bytes"] ?? 0) bytes, head seq \(log["head_seq"] ?? 0) hash \(String(describing: log["head_hash"] ?? "").prefix(16))…")
    }
}

struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List claims, newest first.")
    @OptionGroup var options: ClientOptions
    @Option(help: "Claimant id or name.") var actor: String?
    @Option(help: "Place name or gazetteer id.") var place: String?
    @Option(help: "captured, recaptured, withdrew, contested or offensive.") var kind: String?
    @Option(help: "Only claims on or after this date (YYYY-MM-DD).") var since: String?
    @Option(help: "At most this many claims.") var limit: Int = 50

    func run() throws {
        var query: [String] = ["limit=\(self.limit)"]
        for (key, value) in [("actor", self.actor), ("place", self.place), ("kind", self.kind), ("since", self.since)] {
            if let value { query.append("\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "="])) ?? value)") }
        }
        let body = try fetch(self.options, "/v1/claims?" + query.joined(separator: "&"))
        if self.options.json { return print(String(decoding: body, as: UTF8.self), terminator: "") }
        struct Page: Decodable { var claims: [Claim] }
        let page = try JSONDecoder().decode(Page.self, from: body)
        print(ClaimTable.render(page.claims))
    }
}

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Show one claim with its sources and evidence.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "Claim id (c_…).") var id: String

    func run() throws {
        let body = try fetch(self.options, "/v1/claims/\(self.id)")
        if self.options.json { return print(String(decoding: body, as: UTF8.self), terminator: "") }
        let claim = try JSONDecoder().decode(Claim.self, from: body)
        print("\(claim.id)  \(claim.kind.rawValue)  \(claim.status.rawValue)")
        print(claim.summary)
        print("date: \(claim.eventDate ?? "unknown")   attributed to: \(claim.attributedTo ?? "-")   hedged: \(claim.hedged)")
        print("sources (\(claim.independentSources) independent):")
        for source in claim.sources {
            var link = ""
            if let from = source.syndicatedFrom { link = "  copy of \(from.prefix(12))" }
            if let from = source.derivedFrom { link = "  rewrite of \(from.prefix(12))" }
            print("  \(source.article.prefix(12))  \(source.file)  \(source.outlet ?? "unknown outlet")  \(source.published ?? "undated")\(link)")
        }
        print("evidence:")
        for evidence in claim.evidence {
            print("  [\(evidence.article.prefix(12)) \(evidence.start)…\(evidence.end)] \(evidence.sentence)")
        }
    }
}

struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print alerts; --follow streams new ones as they are raised.")
    @OptionGroup var options: ClientOptions
    @Flag(help: "Keep the connection open and print alerts as they arrive.") var follow = false
    @Option(help: "Only alerts after this log sequence number.") var after: UInt64?

    func run() throws {
        if self.follow { return try self.followStream() }
        let body = try fetch(self.options, "/v1/alerts?after=\(self.after ?? 0)&limit=1000")
        if self.options.json { return print(String(decoding: body, as: UTF8.self), terminator: "") }
        struct Page: Decodable { var alerts: [Alert] }
        for alert in try JSONDecoder().decode(Page.self, from: body).alerts { print(Self.line(alert)) }
    }

    /// Streams alerts until interrupted. When the daemon goes away (a restart), it reconnects
    /// with `Last-Event-ID` set to the last alert printed, so nothing is missed or printed twice.
    func followStream() throws {
        let client = APIClient(socketPath: self.options.socket)
        var last = self.after
        var warned = false
        var delay = 0.1
        while true {
            do {
                // Without --after: from the log's head when first connected, so alerts raised while
                // the daemon restarts later are still printed.
                if last == nil {
                    let status = try JSONSerialization.jsonObject(with: client.request("GET", "/v1/status").body) as? [String: Any]
                    last = ((status?["log"] as? [String: Any])?["head_seq"] as? NSNumber)?.uint64Value
                }
                let headers = last.map { ["Last-Event-ID": String($0)] } ?? [:]
                try client.stream("/v1/alerts/stream?format=ndjson", headers: headers) { line in
                    guard !line.isEmpty, let alert = try? JSONDecoder().decode(Alert.self, from: Data(line.utf8)) else { return true }
                    last = alert.seq
                    // Unbuffered, so `alerts --follow | tee` shows each alert as it arrives.
                    FileHandle.standardOutput.write(Data(((self.options.json ? line : Self.line(alert)) + "\n").utf8))
                    return true
                }
                delay = 0.1
                warned = false
            } catch let error as APIClient.ClientError where error.message.hasPrefix("stream refused") {
                FileHandle.standardError.write(Data("frontlinectl: \(error)\n".utf8))
                throw ExitCode(1)
            } catch {
                if !warned {
                    FileHandle.standardError.write(Data("frontlinectl: \(error); retrying until it is back (Ctrl-C to stop)\n".utf8))
                    warned = true
                }
            }
            // The stream ended (daemon stopping) or the socket is not there yet: back off and resume.
            Thread.sleep(forTimeInterval: delay)
            delay = min(delay * 2, 5)
        }
    }

    static func line(_ alert: Alert) -> String {
        let sources = alert.claim.sources.count
        return "[\(alert.seq)] \(alert.kind.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(alert.summary)  (\(alert.claim.eventDate ?? "date unknown"), \(sources) source\(sources == 1 ? "" : "s"), \(alert.claim.id))\(alert.backfill ? " [backfill]" : "")"
    }
}
