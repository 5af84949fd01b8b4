import Foundation

/// Wall and CPU time of work done in this process or in child processes.
enum Stopwatch {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }

    /// Times a closure: wall seconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return seconds(since: start)
    }

    /// User + system CPU seconds of this process's waited-for children so far.
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return cpuSeconds(usage)
    }

    /// User + system CPU seconds of this process so far.
    static func selfCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return cpuSeconds(usage)
    }

    private static func cpuSeconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// A field of /proc/PID/status in kB (VmRSS, VmHWM), or nil when the process is gone.
    static func statusKB(pid: Int32, field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// A child process run to its end, with its wall and CPU time (best of `runs`, by wall time).
struct CommandRun {
    var wall: Double
    var cpu: Double
    var output: Data

    static func run(_ executable: String, _ arguments: [String], runs: Int = 3, input: String? = nil) throws -> CommandRun {
        var best: CommandRun?
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.standardError
            // Told of the exit by the termination handler: `waitUntilExit` polls its run loop every
            // 50 ms, which would add up to 50 ms to every wall time measured here.
            let exited = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in exited.signal() }
            let cpuBefore = Stopwatch.childrenCPU()
            let start = Stopwatch.now()
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            exited.wait()
            let run = CommandRun(wall: Stopwatch.seconds(since: start), cpu: Stopwatch.childrenCPU() - cpuBefore, output: output)
            guard process.terminationStatus == 0 || (executable.hasSuffix("grep") && process.terminationStatus == 1) else {
                throw BenchFailure("\(executable) \(arguments.prefix(3).joined(separator: " ")) … exited with \(process.terminationStatus)")
            }
            if best == nil || run.wall < best!.wall { best = run }
        }
        return best!
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
