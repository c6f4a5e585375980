import Foundation
import XCTest

/// What the terminal keeps once the wizard's screen is gone, read from the tmux pane after the wizard
/// exited: a failed install and a cancelled one on this machine, for real (the successful install is
/// WizardTmuxTests; the dry-run success and leaving early are RecordedMachineWalkTests).
final class ExitSummaryTmuxTests: XCTestCase {
    private func enterThroughTheDefaults(_ session: TmuxSession) throws {
        for title in ["Welcome", "CPU or GPU", "Install method", "Package and version", "Python",
                      "Environment folder", "Review the plan"] {
            try session.waitFor(title, timeout: 20)
            try session.send("Enter")
        }
        try session.waitFor("Installing", timeout: 20)
    }

    /// The environment of a run with none of this machine's pip settings.
    private static func environment(home: URL, _ pip: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PIP_") }
        environment.merge(pip) { _, new in new }
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        environment["HOME"] = home.path
        environment["XDG_STATE_HOME"] = home.path + "/.local/state"
        return environment
    }

    /// The pane's text with the terminal's own wrapping at 80 columns undone, other line ends made spaces.
    private static func unwrapped(_ pane: String) -> String {
        pane.components(separatedBy: "\n").map { $0.count == 80 ? $0 : $0 + " " }.joined()
            .replacingOccurrences(of: "  ", with: " ")
    }

    private static func command(_ arguments: [String]) -> String {
        ([BinaryUnderTest.path] + arguments).map { "'\($0)'" }.joined(separator: " ") + "; echo EXIT=$?; sleep 600"
    }

    /// No index at all: pip finds no TensorFlow; the user aborts; the terminal keeps the cause, what is
    /// done and what is not, and a run-again command with this run's --log-dir.
    func testAFailedInstallLeavesItsCauseAndTheWayOnInTheTerminal() throws {
        let home = try BinaryUnderTest.temporaryFolder("exit-failed")
        defer { try? FileManager.default.removeItem(at: home) }
        let wheels = home.appendingPathComponent("no-wheels")
        try FileManager.default.createDirectory(at: wheels, withIntermediateDirectories: true)
        let logs = home.appendingPathComponent("my logs").path
        let session = try TmuxSession(command: Self.command(["--log-dir", logs]),
                                      environment: Self.environment(home: home, ["PIP_NO_INDEX": "1", "PIP_FIND_LINKS": wheels.path]))
        try enterThroughTheDefaults(session)
        try session.waitFor("failed: Install tensorflow", timeout: 300)
        try session.send("End")
        try session.send("Enter")   // abort
        try session.waitFor("The install did not finish", timeout: 20)
        try session.send("Enter")
        try session.waitFor("Finished", timeout: 20)
        try session.send("Enter")
        let after = try session.waitFor("EXIT=1", timeout: 20)
        let text = Self.unwrapped(after)
        XCTAssertTrue(after.contains("tfwizard: the install did not complete."), after)
        XCTAssertTrue(text.contains("Step 3 failed: Install tensorflow"), after)
        XCTAssertTrue(text.contains("[no-matching-dist]"), after)
        XCTAssertTrue(text.contains("Done and kept: 1. Create the virtual environment"), after)
        XCTAssertTrue(text.contains("Not done: 3. Install tensorflow"), after)
        XCTAssertTrue(after.contains("Log: \(logs)/"), after)
        XCTAssertTrue(text.contains("--log-dir '\(logs)'"), "the run-again command keeps --log-dir:\n\(after)")
    }

    /// pip waits on an index that never answers; Esc and Yes cancel; the terminal says so and what is kept.
    func testACancelledInstallSaysWhatIsKeptInTheTerminal() throws {
        let home = try BinaryUnderTest.temporaryFolder("exit-cancelled")
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try StallingServer()
        let session = try TmuxSession(command: Self.command([]),
                                      environment: Self.environment(home: home, ["PIP_INDEX_URL": server.indexURL,
                                                                                  "PIP_DEFAULT_TIMEOUT": "120"]))
        try enterThroughTheDefaults(session)
        try session.waitFor("Looking in indexes", timeout: 120)
        try session.send("Escape")
        try session.waitFor("Cancel the install?", timeout: 10)
        try session.send("y")
        try session.waitFor("The install was cancelled", timeout: 30)
        try session.send("Enter")
        let after = try session.waitFor("EXIT=130", timeout: 20)
        let text = Self.unwrapped(after)
        XCTAssertTrue(after.contains("tfwizard: the install was cancelled."), after)
        XCTAssertTrue(text.contains("Done and kept: 1. Create the virtual environment"), after)
        XCTAssertTrue(text.contains("Not done: 2. Upgrade pip"), after)
        XCTAssertTrue(after.contains("Log: "), after)
    }
}
