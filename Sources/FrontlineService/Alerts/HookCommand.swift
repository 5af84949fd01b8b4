import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `alert_command` once: the input on standard input, standard output and error collected (the
/// first 4 KiB, for the log), killed with its whole process group after `timeout` seconds.
///
/// Blocking (poll and waitpid): call it off the cooperative pool (``run(on:)``).
struct HookCommand {
    var arguments: [String]
    var environment: [String: String]
    var input: [UInt8]
    var timeout: Double

    enum Outcome: Equatable, Sendable {
        case succeeded
        case failed(String)

        var failure: String? {
            if case .failed(let reason) = self { return reason }
            return nil
        }
    }

    /// Runs on a thread of its own queue, so a slow hook never holds a cooperative thread.
    func run(on queue: DispatchQueue) async -> Outcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.runBlocking()) }
        }
    }

    func runBlocking() -> Outcome {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return .failed("cannot create a pipe: errno \(errno)") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            return .failed("cannot create a pipe: errno \(errno)")
        }
        for end in input + output { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, output[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a timeout kills whatever it started too; default signal
        // handling and mask, whatever the daemon blocks or ignores.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = self.arguments.map { strdup($0) } + [nil]
        let envp = self.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, self.arguments[0], &actions, &attributes, argv, envp)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1]); close(output[0])
            return .failed("cannot start \(self.arguments[0]): \(String(cString: strerror(spawned))); check alert_command in the config")
        }
        _ = fcntl(input[1], F_SETFL, fcntl(input[1], F_GETFL) | O_NONBLOCK)
        let deadline = ContinuousClock.now + .milliseconds(Int(self.timeout * 1000))
        var written = 0
        var stdinOpen = true
        var stdoutOpen = true
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        if self.input.isEmpty { close(input[1]); stdinOpen = false }
        var timedOut = false
        while stdinOpen || stdoutOpen {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { timedOut = true; break }
            var fds: [pollfd] = []
            if stdinOpen { fds.append(pollfd(fd: input[1], events: Int16(POLLOUT), revents: 0)) }
            if stdoutOpen { fds.append(pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)) }
            let milliseconds = Int32(min(Double(remaining.components.seconds) * 1000 + Double(remaining.components.attoseconds) / 1e15 + 1, 1000))
            if poll(&fds, nfds_t(fds.count), milliseconds) < 0 && errno != EINTR { break }
            for fd in fds where fd.revents != 0 {
                if fd.fd == input[1] {
                    let count = self.input[written...].withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
                    if count > 0 { written += count }
                    // Done, or the hook closed its standard input (it need not read it all).
                    if written == self.input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                        close(input[1])
                        stdinOpen = false
                    }
                } else {
                    let count = buffer.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
                    if count > 0 {
                        if collected.count < 4096 { collected += buffer[0..<min(count, 4096 - collected.count)] }
                    } else if count == 0 || errno != EINTR {
                        close(output[0])
                        stdoutOpen = false
                    }
                }
            }
        }
        if stdinOpen { close(input[1]) }
        if stdoutOpen { close(output[0]) }
        var status: Int32 = 0
        // Output closed: wait for the exit, still within the deadline.
        while !timedOut {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { return .failed("waitpid: errno \(errno)") }
            if ContinuousClock.now >= deadline { timedOut = true; break }
            usleep(5000)
        }
        if timedOut {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return .failed("timed out after \(Self.seconds(self.timeout)) s (alert_command_timeout); killed")
        }
        let text = String(decoding: collected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let said = text.isEmpty ? "" : ": \(text.prefix(300))"
        let signal = status & 0x7f
        if signal != 0 { return .failed("killed by signal \(signal)\(said)") }
        let code = (status >> 8) & 0xff
        return code == 0 ? .succeeded : .failed("exit status \(code)\(said)")
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
