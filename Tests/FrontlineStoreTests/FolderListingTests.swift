import Foundation
import FrontlineStore
import SystemPackage
import Testing

/// `Syscalls.fileNames(in:)`, which `frontlinectl extract` lists a folder with.
@Suite struct FolderListingTests {
    /// Files and links to them are listed, sorted; folders, links to folders, broken links and
    /// hidden names are not.
    @Test func listsWhatIsNotAFolder() throws {
        let directory = try TemporaryDirectory()
        let manager = FileManager.default
        for name in ["b.txt", "a.txt", ".hidden.txt"] {
            try Data("x".utf8).write(to: directory.url.appendingPathComponent(name))
        }
        try manager.createDirectory(at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try manager.createSymbolicLink(atPath: directory.path + "/c-link.txt", withDestinationPath: directory.path + "/a.txt")
        try manager.createSymbolicLink(atPath: directory.path + "/d-folder-link", withDestinationPath: directory.path + "/sub")
        try manager.createSymbolicLink(atPath: directory.path + "/e-broken", withDestinationPath: directory.path + "/missing")
        #expect(try Syscalls.fileNames(in: FilePath(directory.path)) == ["a.txt", "b.txt", "c-link.txt"])
    }

    /// A folder that is not there is an error naming it and the reason.
    @Test func aMissingFolderIsAnErrorThatSaysWhere() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path + "/nothing-here"
        #expect {
            try Syscalls.fileNames(in: FilePath(missing))
        } throws: { error in
            let error = error as? StoreError
            return error?.errno == .noSuchFileOrDirectory && "\(error!)".contains(missing)
        }
    }
}
