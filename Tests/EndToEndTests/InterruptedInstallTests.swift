import Foundation
import XCTest

/// tfwizard killed with SIGKILL while a step runs: the next start finds `in-progress.json` in the log
/// folder and says what was left half done and how to finish it.
final class InterruptedInstallTests: XCTestCase {
    func testHeadlessInstallKilledMidStepIsReportedOnTheNextStart() throws {
        let folder = try BinaryUnderTest.temporaryFolder("interrupted")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs")
        let marker = logs.appendingPathComponent("in-progress.json")
        let stalling = try StallingServer()
        let answers = folder.appendingPathComponent("answers.yaml")
        try """
        device: cpu
        method: venv
        package: tensorflow
        version: latest
        venv: \(folder.appendingPathComponent("venv").path)
        index_url: \(stalling.indexURL)
        """.write(to: answers, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["PIP_FIND_LINKS": "", "PIP_TIMEOUT": "300", "PIP_DEFAULT_TIMEOUT": "300", "PIP_NO_INPUT": "1",
                           "PIP_CONFIG_FILE": "/dev/null"]) { _, new in new }
        environment.removeValue(forKey: "PIP_INDEX_URL")

        let first = Process()
        first.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
        first.arguments = ["install", "--answers", answers.path, "--yes", "--log-dir", logs.path]
        first.environment = environment
        first.standardInput = FileHandle.nullDevice
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Wait for a pip step (after the venv is made) to be the one in progress: it stalls on the index.
        let deadline = Date().addingTimeInterval(90)
        var record = ""
        while Date() < deadline {
            record = (try? String(contentsOf: marker, encoding: .utf8)) ?? ""
            if record.contains("pip") && !record.contains("\"create-venv\"") { break }
            usleep(100_000)
        }
        XCTAssertTrue(record.contains("\"pid\":\(first.processIdentifier)"), record)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)
        // The step's pip was in its own session; end it as the user's next reboot would.
        for entry in ProcessTable.entries() where entry.commandLine.contains(folder.path) && entry.commandLine.contains("pip") {
            kill(-entry.group, SIGKILL)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "a killed run leaves its marker")

        // The next start: an index nobody listens on, so the step fails fast after the notice.
        environment.merge(["PIP_RETRIES": "0", "PIP_TIMEOUT": "2", "PIP_DEFAULT_TIMEOUT": "2"]) { _, new in new }
        try """
        device: cpu
        method: venv
        package: tensorflow
        version: latest
        venv: \(folder.appendingPathComponent("venv").path)
        index_url: http://127.0.0.1:9/simple
        """.write(to: answers, atomically: true, encoding: .utf8)
        let second = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes", "--log-dir", logs.path],
                                             environment: environment, timeout: 120)
        let lines = second.stdout.split(separator: "\n").map(String.init)
        let notice = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("! The last run was stopped while step \"") }, second.stdout)
        XCTAssertTrue(lines[notice].contains("tfwizard process \(first.processIdentifier)"), lines[notice])
        XCTAssertTrue(lines[notice + 1].hasPrefix("! It was running: ") && lines[notice + 1].contains("pip"), second.stdout)
        XCTAssertTrue(lines[notice + 2].hasPrefix("! Run the step again (the install does that too): "), second.stdout)
        XCTAssertTrue(lines[notice + 3].hasPrefix("! Its output so far is in \(logs.path)/tfwizard-"), second.stdout)
        let firstStep = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("[1/") }, second.stdout)
        XCTAssertLessThan(notice, firstStep, "the notice comes before the steps")
        XCTAssertEqual(second.exitCode, 1, second.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "a step that ends removes the marker")
    }
}

/// The wizard's welcome screen leads with the same notice.
final class InterruptedWizardTests: XCTestCase {
    func testWelcomeScreenShowsTheStepAKilledRunLeftHalfDone() throws {
        let home = try BinaryUnderTest.temporaryFolder("interrupted-wizard")
        defer { try? FileManager.default.removeItem(at: home) }
        let logs = home.appendingPathComponent("state/tfwizard")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try """
        {"stepID":"apt-venv","title":"Install python3-venv","command":"sudo apt-get install -y python3-venv",\
        "pid":\(gone.processIdentifier),"startedAt":"2026-11-26T10:00:00Z","packageManager":true}
        """.write(to: logs.appendingPathComponent("in-progress.json"), atomically: true, encoding: .utf8)
        var environment = ["HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path]
        if let pyenvRoot = ProcessInfo.processInfo.environment["PYENV_ROOT"] { environment["PYENV_ROOT"] = pyenvRoot }
        let session = try TmuxSession(command: "'\(BinaryUnderTest.path)'", environment: environment)
        let screen = try session.waitFor("Press Enter to begin", timeout: 15)   // the welcome screen whole, not the first frame
        let unwrapped = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(unwrapped.contains("- The last run was stopped while step \"Install python3-venv\" was running"), screen)
        XCTAssertTrue(unwrapped.contains("sudo dpkg --configure -a"), screen)
        try session.send("Escape")
    }
}
