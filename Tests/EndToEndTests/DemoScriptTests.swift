import Foundation
import Testing

/// `make demo` as users see it: scripts/demo.sh with the binaries of this build.
@Suite(.serialized) struct DemoScriptTests {
    @Test func demoPrintsTwoClaimsTwoOffensivesAndStopsCleanly() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FRONTLINE_BIN"] = Project.binDirectory.path
        let (status, output) = try runCommand(
            "/bin/bash", [Project.root.appendingPathComponent("scripts/demo.sh").path], environment: environment)
        #expect(status == 0, "demo failed:\n\(output)")
        let alertLines = output.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(alertLines.filter { $0.contains("claim.new") }.count == 2, "\(output)")
        #expect(alertLines.filter { $0.contains("offensive.new") }.count == 2, "\(output)")
        #expect(alertLines.count == 4, "\(output)")
        #expect(output.contains("Kojo"))
        #expect(output.contains("4 claims"))
        #expect(output.contains("frontlined stopped cleanly"))
    }
}
