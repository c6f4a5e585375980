import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A terminal that disappears without a SIGHUP reaching the wizard (its session leader ignores HUP, or
/// the pty is not the wizard's controlling terminal): the wizard must end as on a hangup, exit 129 with
/// its log written, instead of reading "no key" forever at full CPU.
final class VanishedTerminalTests: XCTestCase {
    /// TIOCSPTLCK and TIOCGPTN (Linux, <asm-generic/ioctls.h>).
    static let setPtyLock: UInt = 0x4004_5431
    static let getPtyNumber: UInt = 0x8004_5430

    func testClosingThePtyMasterEndsTheWizardLikeAHangup() throws {
        let folder = try BinaryUnderTest.temporaryFolder("vanished")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs").path

        // A pty by hand (/dev/ptmx: unlock, then its number), as posix_openpt and ptsname are not
        // visible to Swift here.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(master, 0)
        var unlock: Int32 = 0, number: UInt32 = 0
        XCTAssertEqual(ioctl(master, Self.setPtyLock, &unlock), 0)
        XCTAssertEqual(ioctl(master, Self.getPtyNumber, &number), 0)
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(slave, 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        // The pty is opened with O_NOCTTY and only inherited, so it is not the wizard's controlling
        // terminal: closing the master sends no SIGHUP, the case that used to spin.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, target) }
        posix_spawn_file_actions_addclose(&actions, master)
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(folder.path)",
                           "PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"]
        let argv = [BinaryUnderTest.path, "--log-dir", logs]
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        close(slave)
        XCTAssertEqual(spawned, 0)
        defer { if kill(pid, 0) == 0 { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) } }

        // Read the screen until the welcome screen is drawn.
        var screen: [UInt8] = []
        let drawDeadline = Date().addingTimeInterval(30)
        while !String(decoding: screen, as: UTF8.self).contains("Enter"), Date() < drawDeadline {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(master, &buffer, buffer.count)
            if count > 0 { screen += buffer[0..<count] } else { break }
        }
        XCTAssertTrue(String(decoding: screen, as: UTF8.self).contains("Enter"), "the welcome screen never came")

        // Waiting for a key costs next to nothing while the terminal is there.
        let idleStart = Self.cpuSeconds(of: pid) ?? 0
        Self.drain(master, seconds: 1)
        let idleCPU = (Self.cpuSeconds(of: pid) ?? 0) - idleStart
        XCTAssertLessThan(idleCPU, 0.3, "the wizard used \(idleCPU) s of CPU in 1 s of waiting for a key")

        close(master)
        let closedAt = Date()
        var status: Int32 = 0
        var ended = false
        while Date().timeIntervalSince(closedAt) < 1.0 {
            if waitpid(pid, &status, WNOHANG) == pid { ended = true; break }
            usleep(10_000)
        }
        let cpuAfterClose = Self.cpuSeconds(of: pid)
        XCTAssertTrue(ended, "the wizard still runs 1 s after its terminal closed (CPU used: \(cpuAfterClose ?? -1) s)")
        guard ended else { return }
        XCTAssertTrue((status & 0x7f) == 0, "the wizard died of signal \(status & 0x7f)")
        XCTAssertEqual((status >> 8) & 0xff, 129, "a vanished terminal ends the wizard as a hangup does")
        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        XCTAssertTrue(files.contains { $0.hasSuffix(".log") }, "no session log written: \(files)")
    }

    /// Reads and discards what the wizard draws for `seconds`, so it never blocks on a full pty.
    static func drain(_ master: Int32, seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) > 0 { _ = read(master, &buffer, buffer.count) }
        }
    }

    /// User plus system CPU time of a live process, from /proc (nil once it is gone).
    static func cpuSeconds(of pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
