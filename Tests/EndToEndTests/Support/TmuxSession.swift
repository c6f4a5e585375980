import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// A detached tmux session of a fixed size running one shell command, driven with send-keys and read
/// with capture-pane, as a person at an 80x24 terminal would see it.
final class TmuxSession {
    let name: String
    private let socket: String

    init(command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:]) throws {
        name = "tfw\(UInt32.random(in: 0...UInt32.max))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sock").path
        var arguments = ["new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows)]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(key)=\(value)"]
        }
        arguments.append(command)
        try tmux(arguments)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Keys in tmux's send-keys names: "Enter", "Escape", "Down", "C-c", or literal text.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    func sendLiteral(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Polls the screen every 50 ms until `text` shows, or fails with the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        XCTFail("'\(text)' did not show within \(Int(timeout)) s; the screen was:\n\(last)", file: file, line: line)
        throw TmuxError.timeout(text)
    }

    /// Whether the pane's command has exited (remain-on-exit keeps the pane).
    func paneDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn + waitpid rather than Process: the client that starts the tmux server exits at once,
        // and waiting for it through Process could hang on the unreaped child; output goes through a file,
        // because the server could keep an inherited pipe open for its whole life. Descriptors above 2 are
        // closed in the child so the long-lived server holds none of this process's pipes.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in Int32(3)..<1024 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        }
        let argv = ["/usr/bin/env", "tmux", "-S", socket] + arguments
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, cArguments, environ) == 0 else {
            throw TmuxError.failed(arguments)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        guard exitedCleanly else { throw TmuxError.failed(arguments) }
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    enum TmuxError: Error { case failed([String]), timeout(String) }
}
