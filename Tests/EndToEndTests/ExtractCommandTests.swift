import Foundation
import Testing

/// `frontlinectl extract`, which reads files on every core and prints them in the order given.
@Suite struct ExtractCommandTests {
    /// A folder reads as its files sorted by name; the output keeps the arguments' order however
    /// the work was spread, so the reversed list prints the reversed blocks.
    @Test func aFolderIsItsFilesInOrder() throws {
        let folder = Project.root.appendingPathComponent("seeds").path
        let files = Project.seeds.map(\.path).sorted()
        let fromFolder = try runCommand(Project.frontlinectl, ["extract", "--json", folder], includeStandardError: false)
        let fromFiles = try runCommand(Project.frontlinectl, ["extract", "--json"] + files, includeStandardError: false)
        #expect(fromFolder.status == 0 && fromFiles.status == 0)
        #expect(fromFolder.output == fromFiles.output)
        let lines = fromFiles.output.split(separator: "\n")
        #expect(lines.count == files.count)
        let reversed = try runCommand(Project.frontlinectl, ["extract", "--json"] + files.reversed(), includeStandardError: false)
        #expect(reversed.output.split(separator: "\n") == Array(lines.reversed()))
    }

    /// A file that cannot be read stops the run with what and where, after the files before it.
    @Test func anUnreadableFileStopsTheRunAfterTheOnesBeforeIt() throws {
        let files = Project.seeds.map(\.path).sorted()
        let result = try runCommand(Project.frontlinectl, ["extract", "--json", files[0], "/nonexistent/article.txt", files[1]])
        #expect(result.status != 0)
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("{") }.count == 1)
        #expect(result.output.contains("cannot read /nonexistent/article.txt"))
    }
}
