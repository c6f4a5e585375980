import CPty
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands for real: spawns through the C shim (own process group, stdin /dev/null, stdout and
/// stderr on one pipe), reads with poll until end of output or the deadline, kills the process group
/// on timeout and always reaps the child.
public struct SystemCommandRunner: CommandRunning {
    /// Output beyond this is read and dropped, so a chatty command cannot exhaust memory.
    public var outputLimitBytes: Int

    public init(outputLimitBytes: Int = 4 << 20) { self.outputLimitBytes = outputLimitBytes }

    public func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult {
        guard let name = argv.first, !name.isEmpty else { return .notLaunched("empty command") }
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let path = ExecutableLookup.resolve(name, path: environment["PATH"]) else {
            return .notLaunched("\(name): not found on PATH")
        }
        let deadline = MonotonicClock.now() + max(0, timeout)

        var outputFD: Int32 = -1
        var pid: pid_t = 0
        var spawnError: Int32 = 0
        let spawned = CStringArray(argv).withPointers { argvPointer in
            CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted()).withPointers { envPointer in
                tfw_spawn_pipe(path, argvPointer, envPointer, nil, &outputFD, &pid, &spawnError)
            }
        }
        if spawned != 0 {
            return .notLaunched("\(path): \(String(cString: strerror(spawnError)))")
        }

        var collected = [UInt8]()
        var timedOut = false
        var exitStatus: Int32? = nil
        var reaped = false
        var childGoneAt: Double? = nil
        var outputHeldOpen = false
        var buffer = [UInt8](repeating: 0, count: 16384)
        readLoop: while true {
            let now = MonotonicClock.now()
            if now >= deadline { timedOut = true; break }
            // A grandchild may keep the pipe open after the child exits: drain briefly, then stop waiting.
            if let gone = childGoneAt, now - gone > 0.2 { outputHeldOpen = true; break }
            var descriptor = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let sliceMilliseconds = Int32(max(1, min(50, (deadline - now) * 1000)))
            let ready = poll(&descriptor, 1, sliceMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    if collected.count < outputLimitBytes {
                        collected.append(contentsOf: buffer[0..<min(count, outputLimitBytes - collected.count)])
                    }
                    continue
                }
                if count == 0 { break readLoop }      // end of output: every writer closed the pipe
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if !reaped, let status = Self.reapWithoutWaiting(pid) {
                reaped = true; exitStatus = status; childGoneAt = MonotonicClock.now()
            }
        }
        close(outputFD)
        if timedOut {
            kill(-pid, SIGKILL)
            if !reaped { _ = Self.reapBlocking(pid, killAfter: 0) }
        } else if outputHeldOpen {
            // The child exited while a background grandchild still held the output open: end the group.
            kill(-pid, SIGKILL)
        } else if !reaped {
            (exitStatus, timedOut) = Self.reapBlocking(pid, killAfter: deadline)
        }
        let output = String(decoding: collected, as: UTF8.self)
        return CommandResult(exitCode: timedOut ? nil : exitStatus, output: output, timedOut: timedOut, launched: true)
    }

    /// The exit code once the child has exited (nil for a signal death), or nil while it runs.
    private static func reapWithoutWaiting(_ pid: pid_t) -> Int32?? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return .some(decode(status)) }
        if result < 0 && errno == ECHILD { return .some(nil) }
        return nil
    }

    /// Waits for the child; if it is still there past the deadline (it closed its output but kept
    /// running), its group is killed first.
    private static func reapBlocking(_ pid: pid_t, killAfter deadline: Double) -> (status: Int32?, killed: Bool) {
        while true {
            if let status = reapWithoutWaiting(pid) { return (status, false) }
            if MonotonicClock.now() >= deadline {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return (nil, true)
            }
            usleep(2000)
        }
    }

    private static func decode(_ status: Int32) -> Int32? {
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : nil
    }
}

/// PATH lookup the way execvp does it, without running anything.
enum ExecutableLookup {
    static func resolve(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let directories = (path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "." : String($0) }
        for directory in directories {
            let candidate = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}

enum MonotonicClock {
    /// Seconds on a clock that never jumps.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// A NULL-terminated `char *[]` that lives for the duration of a closure.
struct CStringArray {
    private let strings: [String]
    init(_ strings: [String]) { self.strings = strings }

    func withPointers<Result>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
