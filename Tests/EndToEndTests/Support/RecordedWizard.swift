import Foundation
import TFWizardCore
import XCTest

/// The real binary walking a recorded machine (`tfwizard --machine DIR`) in an 80x24 tmux pane, driven
/// with keys only, as a reviewer would walk a branch of the guide's tree. Nothing is installed: a
/// recorded machine gets the dry run.
final class RecordedWizard {
    static let machines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TFWizardCoreTests/Fixtures/machines")

    let session: TmuxSession
    let stateFolder: URL
    let machine: String

    /// - Parameter arguments: more arguments for `tfwizard` (`--answers FILE`).
    init(machine: String, arguments: [String] = []) throws {
        self.machine = machine
        stateFolder = try BinaryUnderTest.temporaryFolder("walk-\(machine)")
        let folder = Self.machines.appendingPathComponent(machine).path
        let command = ShellQuoting.render([BinaryUnderTest.path, "--machine", folder] + arguments) + "; echo EXIT=$?; sleep 600"
        session = try TmuxSession(command: command, environment: ["XDG_STATE_HOME": stateFolder.path, "LANG": "C.UTF-8"])
    }

    deinit { try? FileManager.default.removeItem(at: stateFolder) }

    /// Waits for the screen whose title bar ends with `title`, checks the dry-run banner, then presses `keys`.
    @discardableResult
    func on(_ title: String, press keys: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try session.waitFor("\(machine) - \(title)", timeout: 10, file: file, line: line)
        let screen = try settled()
        XCTAssertTrue(screen.hasPrefix(" DRY RUN: recorded \(machine) - "), "no dry-run banner:\n\(screen)",
                      file: file, line: line)
        for key in keys { try session.send(key) }
        return screen
    }

    /// The whole plan screen, paged through with PgDn until nothing is below, as one line of words.
    func readPlan(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try session.waitFor("\(machine) - Review the plan", timeout: 10, file: file, line: line)
        var screen = try settled()
        var pages = [screen]
        for _ in 0..<40 where screen.contains("more below") {
            let before = screen
            try session.send("NPage")
            let deadline = Date().addingTimeInterval(3)
            repeat { usleep(30_000); screen = try session.screen() } while screen == before && Date() < deadline
            screen = try settled()
            pages.append(screen)
        }
        // Whitespace runs made one space: a command the screen wrapped reads as one line again.
        let text = pages.map(Self.body).joined(separator: "\n").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if ProcessInfo.processInfo.environment["TFWIZARD_SHOW_PLAN"] != nil { print("PLAN[\(machine)]:\n" + text) }
        return text
    }

    /// The screen once a redraw is over (the same twice, 80 ms apart): a capture taken while the
    /// terminal draws can show the new title over the old screen's body.
    func settled() throws -> String {
        var last = try session.screen()
        for _ in 0..<50 {
            usleep(80_000)
            let next = try session.screen()
            if next == last { return next }
            last = next
        }
        return last
    }

    /// A screen without its title bar, help bar and the hint lines.
    static func body(_ screen: String) -> String {
        let lines = screen.components(separatedBy: "\n").dropFirst().filter { !$0.contains("more below") }
        return lines.dropLast(2).joined(separator: "\n")
    }
}
