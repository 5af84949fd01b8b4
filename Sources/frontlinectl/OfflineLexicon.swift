import ArgumentParser
import FrontlineCore
import FrontlineService

/// The lexicon the offline commands use: the config's `lexicon_dir`, else the one found beside
/// the binary or in the working directory.
enum OfflineLexicon {
    static func load(config: String?) throws -> Lexicon {
        do {
            let configured = try config.map { try DaemonConfiguration.load(file: $0).lexiconDirectory } ?? nil
            guard let directory = LexiconLoader.locate(configured: configured, configFile: config) else {
                throw CommandFailure("no lexicon found; pass --config with lexicon_dir set")
            }
            return try LexiconLoader.load(directory: directory)
        } catch let error as ConfigurationError {
            throw CommandFailure("\(error)")
        }
    }
}
