import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal Debian 12 booted with systemd as PID 1 in `systemd-nspawn`, with Frontline put in by
/// `make install-files` (the test's own debug build; the Swift runtime it links is bind-mounted
/// read-only at the same path). See ../shared/TESTING-SYSTEMD.md. The root comes from
/// `scripts/nspawn-root`, which caches it outside the clone.
final class BootedContainer {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let root: URL
    let nspawn = Process()
    let console: URL
    private(set) var leader: pid_t = 0

    /// Why a container cannot be booted on this machine, or nil when it can be tried.
    static func unavailable() -> String? {
        if ProcessInfo.processInfo.environment["FRONTLINE_SKIP_BOOT"] == "1" { return "FRONTLINE_SKIP_BOOT=1 is set" }
        if getuid() != 0 { return "systemd-nspawn needs root and the tests do not run as root" }
        for tool in ["/usr/bin/systemd-nspawn", "/usr/sbin/debootstrap", "/usr/bin/nsenter", "/usr/bin/make"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (scripts/install-deps installs systemd-container and debootstrap)"
        }
        return nil
    }

    /// Unpacks the root, installs Frontline into it with `frontline.socket` enabled, and boots it.
    /// - Throws: ``Unavailable`` when the machine cannot build or boot a container at all.
    init(dropIn: String) throws {
        let made = try runCommand(Project.root.appendingPathComponent("scripts/nspawn-root").path, [], includeStandardError: true)
        guard made.status == 0, let tarball = made.output.split(separator: "\n").last.map(String.init) else {
            throw Unavailable(description: "cannot make the container root: \(made.output.suffix(800))")
        }
        self.root = URL(fileURLWithPath: "/var/tmp/frontline-boot-\(UUID().uuidString.prefix(8))")
        self.console = URL(fileURLWithPath: self.root.path + ".console")
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        try Self.check(runCommand("/bin/tar", ["-C", self.root.path, "-xzf", tarball]), "unpack \(tarball)")
        try Self.check(
            runCommand(
                "/usr/bin/make", ["-s", "install-files", "DESTDIR=\(self.root.path)", "PREFIX=/usr", "BUILD_BIN=\(Project.binDirectory.path)"],
                in: Project.root), "make install-files")
        let system = self.root.appendingPathComponent("etc/systemd/system")
        try FileManager.default.createDirectory(at: system.appendingPathComponent("sockets.target.wants"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: system.appendingPathComponent("sockets.target.wants/frontline.socket").path,
            withDestinationPath: "/usr/lib/systemd/system/frontline.socket")
        try FileManager.default.createDirectory(at: system.appendingPathComponent("frontline.service.d"), withIntermediateDirectories: true)
        try dropIn.write(to: system.appendingPathComponent("frontline.service.d/test.conf"), atomically: true, encoding: .utf8)
        let seeds = self.root.appendingPathComponent("srv/seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for seed in Project.seeds { try FileManager.default.copyItem(at: seed, to: seeds.appendingPathComponent(seed.lastPathComponent)) }

        _ = FileManager.default.createFile(atPath: self.console.path, contents: nil)
        let output = try FileHandle(forWritingTo: self.console)
        self.nspawn.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-nspawn")
        self.nspawn.arguments = [
            "-D", self.root.path, "--boot", "--console=passive", "--register=no", "--keep-unit",
            "--bind-ro=\(try Self.swiftRuntimeDirectory())",
        ]
        self.nspawn.standardOutput = output
        self.nspawn.standardError = output
        try self.nspawn.run()
        do {
            try waitUntil("the container's PID 1", timeout: 60) {
                guard self.nspawn.isRunning else { throw Unavailable(description: "systemd-nspawn exited: \(self.consoleTail)") }
                self.leader = Self.child(of: self.nspawn.processIdentifier) ?? 0
                return self.leader > 0
            }
        } catch let error as Unavailable {
            self.shutdown()
            throw error
        } catch {
            self.shutdown()
            throw Unavailable(description: "systemd-nspawn started no PID 1 within 60 s: \(self.consoleTail)")
        }
        // Until systemd has its bus socket up, systemctl cannot connect; then it waits for the boot.
        var state = ""
        do {
            try waitUntil("the container's systemd to finish booting", timeout: 120) {
                state = try self.run(["/usr/bin/timeout", "120", "systemctl", "is-system-running", "--wait"]).output
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return state == "running" || state == "degraded" || !state.contains("Failed to connect to bus")
            }
        } catch {}
        guard state == "running" || state == "degraded" else {
            self.shutdown()
            throw Unavailable(description: "the container's systemd did not finish booting (\(state)): \(self.consoleTail)")
        }
    }

    static func check(_ result: (status: Int32, output: String), _ what: String) throws {
        guard result.status == 0 else { throw Unavailable(description: "\(what) failed: \(result.output.suffix(800))") }
    }

    /// The directory of the Swift runtime the test's binaries link (`libswiftCore.so`).
    static func swiftRuntimeDirectory() throws -> String {
        let ldd = try runCommand("/usr/bin/ldd", [Project.frontlined]).output
        for line in ldd.split(separator: "\n") where line.contains("libswiftCore.so") {
            if let path = line.split(separator: " ").first(where: { $0.hasPrefix("/") }) {
                return URL(fileURLWithPath: String(path)).deletingLastPathComponent().path
            }
        }
        throw Unavailable(description: "cannot find the Swift runtime in `ldd \(Project.frontlined)`")
    }

    /// A child process of `parent` running systemd (nspawn's child before it executes systemd
    /// still sits in the host's namespaces), from /proc.
    static func child(of parent: pid_t) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            let command = (try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8)) ?? ""
            if fields.count > 1, pid_t(fields[1]) == parent, command == "systemd\n" { return pid }
        }
        return nil
    }

    var consoleTail: String {
        String(((try? String(contentsOf: self.console, encoding: .utf8)) ?? "").suffix(1500))
    }

    /// Runs a command inside the container (all of its namespaces).
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runCommand("/usr/bin/nsenter", ["-t", "\(self.leader)", "-a"] + arguments)
    }

    /// A unit property (`systemctl show -p NAME --value`).
    func property(_ name: String, of unit: String = "frontline.service") throws -> String {
        try self.run(["systemctl", "show", "-p", name, "--value", unit]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Journal entries inside the container, as JSON objects.
    func journal(_ matches: [String]) throws -> [[String: Any]] {
        Journald.parse(try self.run(["journalctl", "-o", "json", "--no-pager"] + matches).output)
    }

    /// `curl` over the query socket inside the container, as `user` (root by default): the exit
    /// status and the body.
    func curl(_ path: String, as user: String? = nil) throws -> (status: Int32, output: String) {
        let curl = ["curl", "-sS", "--max-time", "20", "--unix-socket", "/run/frontline/frontline.sock", "http://localhost\(path)"]
        guard let user else { return try self.run(curl) }
        return try self.run(["setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups"] + curl)
    }

    /// Powers the container off (SIGKILL after 30 s) and removes its root.
    func shutdown() {
        if self.leader > 0 { _ = try? self.run(["systemctl", "poweroff", "--no-block"]) }
        let deadline = Date().addingTimeInterval(30)
        while self.nspawn.isRunning && Date() < deadline { usleep(100_000) }
        if self.nspawn.isRunning {
            kill(self.nspawn.processIdentifier, SIGKILL)
            self.nspawn.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: self.root)
        try? FileManager.default.removeItem(at: self.console)
    }
}
