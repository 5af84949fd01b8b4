import ArgumentParser
import Foundation

@main
struct Frontlinectl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontlinectl",
        abstract: "Query frontlined over its Unix socket, and extract claims offline.",
        subcommands: [Status.self, Claims.self, ClaimCommand.self, Alerts.self, Extract.self, Eval.self, LogCommand.self, Reprocess.self, GazetteerCommand.self])
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
