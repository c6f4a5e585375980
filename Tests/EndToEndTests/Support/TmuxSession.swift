import Foundation
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

    /// A tmux format evaluated for the pane, e.g. "#{alternate_on} #{cursor_flag}" or "#{pane_pid}".
    func query(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resizes the window, as a person dragging the terminal's corner would.
    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(columns), "-y", String(rows)])
    }

    /// Whether the pane's command has exited (remain-on-exit keeps the pane).
    func paneDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try DirectSpawn.run(["tmux", "-S", socket] + arguments)
        guard result.status == 0 else { throw TmuxError.failed(arguments) }
        return result.output
    }

    enum TmuxError: Error { case failed([String]), timeout(String) }
}
