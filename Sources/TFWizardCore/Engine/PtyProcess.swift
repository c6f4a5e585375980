import CPty
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum ProcessTermination: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    /// The process could not be waited for (someone else reaped it).
    case unknown
}

/// Why a command could not be started.
public struct SpawnError: Error, Equatable, Sendable, CustomStringConvertible {
    public var command: String
    public var errorNumber: Int32
    public init(command: String, errorNumber: Int32) { self.command = command; self.errorNumber = errorNumber }
    public var reason: String { String(cString: strerror(errorNumber)) }
    public var description: String { "\(command): \(reason)" }
}

/// A child process in its own session and process group, with a pseudo-terminal as its stdin, stdout
/// and stderr. Output is delivered in chunks as it arrives, from a reader thread; the exit is reported
/// only after all output was delivered. The leader is reaped only when no termination is in progress,
/// so the process group is never signalled after its id could have been reused.
public final class PtyProcess: @unchecked Sendable {
    public let pid: pid_t
    public let executablePath: String

    /// How long the reader keeps draining after the leader ended while someone still holds the
    /// terminal open (a daemon the step started): silence this long, or this much time in all, ends it.
    static let quietAfterExit = 0.25
    static let drainLimitAfterExit = 2.0

    private let masterFD: Int32
    private let condition = Condition()
    // Guarded by `condition`:
    private var masterOpen = true
    private var readerDone = false
    private var leaderEndedAt: Double?
    private var reaped = false
    private var terminating = false
    private var result: ProcessTermination?

    /// - Parameters:
    ///   - argv: argv[0] is looked up on PATH (of the merged environment) unless it holds a slash.
    ///   - environment: the complete environment of the child.
    ///   - onOutput: called on the reader thread, once per chunk, in order.
    public init(argv: [String], environment: [String: String], workingDirectory: String? = nil,
                rows: Int = 24, columns: Int = 80, onOutput: @escaping @Sendable ([UInt8]) -> Void) throws {
        guard let name = argv.first else { throw SpawnError(command: "", errorNumber: ENOENT) }
        guard let path = ExecutableLocator.locate(name, environment: environment) else {
            throw SpawnError(command: name, errorNumber: ENOENT)
        }
        executablePath = path
        var master: Int32 = -1
        var childPID: pid_t = 0
        var errorNumber: Int32 = 0
        let environmentLines = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let status = Self.withCStringArray(argv) { argvPointer in
            Self.withCStringArray(environmentLines) { envPointer in
                tfw_spawn_pty(path, argvPointer, envPointer, workingDirectory,
                              UInt16(clamping: rows), UInt16(clamping: columns),
                              &master, &childPID, &errorNumber)
            }
        }
        guard status == 0 else { throw SpawnError(command: name, errorNumber: errorNumber) }
        pid = childPID
        masterFD = master
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)

        DetachedThread.start { [self] in readLoop(onOutput) }
        DetachedThread.start { [self] in waitLoop() }
    }

    /// Blocks until the child ended, its output was delivered, and it was reaped.
    public func waitForExit() -> ProcessTermination {
        condition.lock()
        defer { condition.unlock() }
        while !reaped { condition.wait() }
        return result ?? .unknown
    }

    /// Whether the process was reaped (its termination is known and all output delivered).
    public var hasExited: Bool {
        condition.lock(); defer { condition.unlock() }
        return reaped
    }

    /// Sends bytes to the child's terminal, as if typed. Dropped once the child ended.
    public func write(_ bytes: [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        guard masterOpen else { return }
        var offset = 0
        var waitedRounds = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                posixWrite(masterFD, buffer.baseAddress, buffer.count)
            }
            if written > 0 { offset += written; continue }
            if written < 0 && errno == EINTR { continue }
            // The child is not reading (its input queue is full): wait briefly, then give up.
            guard written < 0, errno == EAGAIN, waitedRounds < 10 else { return }
            waitedRounds += 1
            var descriptor = pollfd(fd: masterFD, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 100)
        }
    }

    /// Passes a new window size to the child's terminal (the child gets SIGWINCH).
    public func resize(rows: Int, columns: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard masterOpen else { return }
        _ = tfw_set_winsize(masterFD, UInt16(clamping: rows), UInt16(clamping: columns))
    }

    /// SIGTERM to the whole process group, then SIGKILL if anything in it is still alive after `grace`
    /// seconds. Blocks up to `grace`. Does nothing once the leader was reaped.
    public func terminateGroup(grace: Double = 3) {
        condition.lock()
        guard !reaped, !terminating else { condition.unlock(); return }
        terminating = true
        // The leader is alive or an unreaped zombie here, so the group id is still ours.
        kill(-pid, SIGTERM)
        kill(-pid, SIGCONT)   // a stopped process acts on TERM only once continued
        condition.unlock()

        let deadline = Self.now() + max(0, grace)
        var groupGone = false
        while true {
            condition.lock()
            let leaderEnded = leaderEndedAt != nil
            condition.unlock()
            if leaderEnded && ProcessGroupScanner.liveMembers(ofGroup: pid).isEmpty { groupGone = true; break }
            if Self.now() >= deadline { break }
            usleep(50_000)
        }

        condition.lock()
        if !groupGone { kill(-pid, SIGKILL) }
        terminating = false
        condition.broadcast()
        condition.unlock()
    }

    // MARK: - Threads

    private func readLoop(_ onOutput: @Sendable ([UInt8]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        reading: while true {
            var descriptor = pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            condition.lock()
            let endedAt = leaderEndedAt
            condition.unlock()
            let now = Self.now()
            if ready == 0 {
                if let endedAt, now - endedAt >= Self.quietAfterExit { break }
                continue
            }
            if let endedAt, now - endedAt >= Self.drainLimitAfterExit { break }
            let count = buffer.withUnsafeMutableBytes { posixRead(masterFD, $0.baseAddress, $0.count) }
            if count > 0 {
                onOutput(Array(buffer[0..<(count + readMore(into: &buffer, after: count))]))
                continue
            }
            if count == 0 { break }
            switch errno {
            case EINTR, EAGAIN: continue reading
            default: break reading   // EIO: every holder of the terminal closed it; normal end of output
            }
        }
        condition.lock()
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// A flooding child arrives a few KB per read: what is already waiting is read into the rest of the
    /// buffer, so a flood becomes one event (one journal write, one screen update) per 64 KB. Returns
    /// how many bytes it added; an error is left for the next read of the loop to see.
    private func readMore(into buffer: inout [UInt8], after filled: Int) -> Int {
        var added = 0
        while filled + added < buffer.count {
            var descriptor = pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0, descriptor.revents & Int16(POLLIN) != 0 else { break }
            let offset = filled + added
            let count = buffer.withUnsafeMutableBytes { posixRead(masterFD, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 else { break }
            added += count
        }
        return added
    }

    private func waitLoop() {
        var kind: Int32 = 0
        var value: Int32 = 0
        let waited = tfw_wait_ended(pid, &kind, &value)
        condition.lock()
        if waited == 0 {
            result = kind == 1 ? .exited(value) : .signaled(value)
        } else {
            result = .unknown
        }
        leaderEndedAt = Self.now()
        condition.broadcast()
        // Reap only after the output was drained and no termination needs the group id any more.
        while !readerDone || terminating { condition.wait() }
        if waited == 0 { _ = tfw_reap(pid) }
        reaped = true
        masterOpen = false
        close(masterFD)
        condition.broadcast()
        condition.unlock()
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

// At file scope the names mean the C functions, not the methods of PtyProcess.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
