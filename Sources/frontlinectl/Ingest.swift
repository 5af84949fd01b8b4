import ArgumentParser
import Foundation
import FrontlineService

/// `frontlinectl ingest FILE...`: each file through `POST /v1/articles`, one outcome line per file.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send article files to the daemon (POST /v1/articles) and print each one's outcome.",
        discussion: "Exits 0 when every file was processed or was a duplicate, 1 when any was rejected or refused.")
    @OptionGroup var options: ClientOptions
    @Option(help: "Seconds to wait for each file's outcome before reporting it queued.") var wait: Double = 10
    @Argument(help: "Article files (.txt, .md, .html, .json, .eml).") var files: [String]

    func run() throws {
        let client = APIClient(socketPath: self.options.socket)
        var failed = false
        for path in self.files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("frontlinectl: cannot read \(path); check the path and its permissions\n".utf8))
                failed = true
                continue
            }
            let name = (path as NSString).lastPathComponent
            let target = "/v1/articles?wait=\(self.wait)&name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "article.txt")"
            let response: APIClient.Response
            do {
                response = try client.request("POST", target, body: data)
            } catch {
                FileHandle.standardError.write(Data("frontlinectl: \(error)\n".utf8))
                throw ExitCode(3)
            }
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
            if self.options.json {
                print(String(decoding: response.body, as: UTF8.self), terminator: "")
            }
            if let error = object["error"] as? [String: Any] {
                FileHandle.standardError.write(Data("frontlinectl: \(path): \(response.status): \(error["message"] ?? "")\n".utf8))
                failed = true
                continue
            }
            let status = object["status"] as? String ?? "?"
            if status == "rejected" { failed = true }
            guard !self.options.json else { continue }
            let id = (object["id"] as? String)?.prefix(12) ?? "?"
            var line = "\(path): \(status) \(id)"
            if let reason = object["reason"] as? String { line += " (\(reason))" }
            if let claims = (object["article"] as? [String: Any])?["claims"] as? [String], status == "processed" {
                line += ", \(claims.count) claim\(claims.count == 1 ? "" : "s")"
            }
            print(line)
        }
        if failed { throw ExitCode(1) }
    }
}
