public import FrontlineCore
import Foundation

/// Finds and reads the lexicon directory.
public enum LexiconLoader {
    /// Where to look when no `lexicon_dir` is configured: next to the config file, the project's
    /// `Config/lexicon` above the running binary (development), then the installed defaults.
    public static func searchPaths(configFile: String?, executable: String = CommandLine.arguments[0]) -> [String] {
        var paths: [String] = []
        if let configFile {
            paths.append(URL(fileURLWithPath: configFile).deletingLastPathComponent().appendingPathComponent("lexicon").path)
        }
        paths.append("/etc/frontline/lexicon")
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            paths.append(directory.appendingPathComponent("Config/lexicon").path)
            directory.deleteLastPathComponent()
        }
        paths.append(FileManager.default.currentDirectoryPath + "/Config/lexicon")
        paths.append("/usr/share/frontline/lexicon")
        return paths
    }

    public static func locate(configured: String?, configFile: String?) -> String? {
        if let configured { return configured }
        return self.searchPaths(configFile: configFile).first {
            FileManager.default.fileExists(atPath: $0 + "/actors.tsv")
        }
    }

    /// Reads and parses every lexicon file of `directory`.
    /// - Throws: ``ConfigurationError`` naming the file and line of the first problem.
    public static func load(directory: String) throws(ConfigurationError) -> Lexicon {
        var files: [String: String] = [:]
        let imported = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(Lexicon.isImportedGazetteer)
        for name in Lexicon.fileNames + imported {
            let path = directory + "/" + name
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { files[name] = text }
        }
        guard files["actors.tsv"] != nil, files["triggers.tsv"] != nil else {
            throw ConfigurationError(file: directory, reason: "no lexicon here (actors.tsv and triggers.tsv are required)")
        }
        do {
            return try Lexicon(files: files)
        } catch {
            throw ConfigurationError(file: directory + "/" + error.file, line: error.line, reason: error.reason)
        }
    }
}
