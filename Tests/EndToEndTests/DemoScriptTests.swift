import Foundation
import Testing

/// `make demo` as users see it: scripts/demo.sh with the binaries of this build.
@Suite(.serialized) struct DemoScriptTests {
    @Test func demoPrintsTwoClaimsTwoOffensivesAndStopsCleanly() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Project.root.appendingPathComponent("scripts/demo.sh").path]
        var environment = ProcessInfo.processInfo.environment
        environment["FRONTLINE_BIN"] = Project.binDirectory.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "demo failed:\n\(output)")
        let alertLines = output.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(alertLines.filter { $0.contains("claim.new") }.count == 2, "\(output)")
        #expect(alertLines.filter { $0.contains("offensive.new") }.count == 2, "\(output)")
        #expect(alertLines.count == 4, "\(output)")
        #expect(output.contains("Kojo"))
        #expect(output.contains("4 claims"))
        #expect(output.contains("frontlined stopped cleanly"))
    }
}
