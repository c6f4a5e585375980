import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real binary on a pty of 80x24 made here, read directly (no tmux between): the pty is opened with
/// O_NOCTTY and only inherited, so it is not the wizard's controlling terminal and closing the master
/// sends it no SIGHUP.
final class PtyWizard {
    /// TIOCSPTLCK and TIOCGPTN (Linux, <asm-generic/ioctls.h>); posix_openpt and ptsname are not visible to Swift here.
    static let setPtyLock: UInt = 0x4004_5431
    static let getPtyNumber: UInt = 0x8004_5430

    let pid: pid_t
    private(set) var master: Int32
    private(set) var screen: [UInt8] = []

    init(arguments: [String], environment: [String: String]) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.EIO) }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, Self.setPtyLock, &unlock) == 0, ioctl(master, Self.getPtyNumber, &number) == 0 else {
            throw POSIXError(.EIO)
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.EIO) }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, target) }
        posix_spawn_file_actions_addclose(&actions, master)
        let argv = [BinaryUnderTest.path] + arguments
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var spawned: pid_t = 0
        let status = posix_spawn(&spawned, argv[0], &actions, nil, cArguments, cEnvironment)
        close(slave)
        guard status == 0 else { close(master); throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = spawned
    }

    deinit {
        if master >= 0 { close(master) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) }
    }

    /// Reads what the wizard draws until `text` is in it; the seconds that took, or nil at the timeout.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if String(decoding: screen, as: UTF8.self).contains(text) { return Date().timeIntervalSince(start) }
            readAvailable(waitMilliseconds: 50)
        }
        return nil
    }

    /// Reads and keeps what the wizard draws for `seconds`, so it never blocks on a full pty.
    func drain(seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { readAvailable(waitMilliseconds: 50) }
    }

    private func readAvailable(waitMilliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { screen += buffer[0..<count] } else { usleep(UInt32(waitMilliseconds) * 1000) }
    }

    /// Closes the terminal under the wizard.
    func closeMaster() {
        close(master)
        master = -1
    }

    /// Waits up to `timeout` for the wizard to end; its exit status (128+n for signal n), or nil.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            usleep(10_000)
        }
        return nil
    }

    /// User plus system CPU time so far, from /proc (nil once it is gone).
    var cpuSeconds: Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
