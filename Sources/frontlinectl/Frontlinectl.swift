import ArgumentParser
import Foundation

@main
struct Frontlinectl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontlinectl",
        abstract: "Query frontlined over its Unix socket, and extract claims offline.",
        subcommands: [Status.self, Claims.self, ClaimCommand.self, Alerts.self, Timeline.self, Since.self, Correct.self, Ingest.self, Extract.self, Eval.self, LogCommand.self, Reprocess.self, GazetteerCommand.self])

    /// `frontlinectl [--socket PATH] [--json] COMMAND …` (INTERFACE.md): the shared client options
    /// may come before the command; they are handed to it.
    static func main() {
        // A parent may hand down blocked signals (test runners do): `alerts --follow` must still
        // stop on SIGTERM and Ctrl-C.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        var arguments = Array(CommandLine.arguments.dropFirst())
        var leading: [String] = []
        while let first = arguments.first {
            if first == "--json" || first.hasPrefix("--socket=") {
                leading.append(arguments.removeFirst())
            } else if first == "--socket", arguments.count > 1 {
                leading += arguments.prefix(2)
                arguments.removeFirst(2)
            } else {
                break
            }
        }
        if !leading.isEmpty, !arguments.isEmpty { arguments.insert(contentsOf: leading, at: 1) }
        self.main(leading.isEmpty ? nil : arguments)
    }
}

/// Options every client command shares.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's socket.")
    var socket: String = ProcessInfo.processInfo.environment["FRONTLINE_SOCKET"] ?? "/run/frontline/frontline.sock"
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}

/// A command that cannot do its job, for a reason that is not its arguments': printed as one line
/// (`Error: what, where, what to do`), without the usage text, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
