import Foundation
import XCTest

/// A real step fails (pip pointed at a closed local port) and both front ends name the cause.
final class TroubleshootEndToEndTests: XCTestCase {
    /// pip honours these: an index nobody listens on, no local wheel folder, one quick retry (which prints
    /// the connection error the diagnosis recognises).
    static let unreachableIndex = ["PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_FIND_LINKS": "",
                                   "PIP_RETRIES": "1", "PIP_TIMEOUT": "2", "PIP_NO_INPUT": "1"]

    func testWizardStepFailureOpensTroubleshootNamingTheNetworkError() throws {
        let home = try BinaryUnderTest.temporaryFolder("troubleshoot-home")
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = Self.unreachableIndex
        environment["HOME"] = home.path
        environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        if let pyenvRoot = ProcessInfo.processInfo.environment["PYENV_ROOT"] { environment["PYENV_ROOT"] = pyenvRoot }
        let session = try TmuxSession(command: "'\(BinaryUnderTest.path)'", environment: environment)
        try session.waitFor("Install TensorFlow", timeout: 15)
        // The defaults all the way: welcome, device, method, package, python, venv folder, plan (install).
        for expected in ["CPU or GPU", "Install method", "Package and version", "Python", "Environment folder",
                         "Review the plan"] {
            try session.send("Enter")
            try session.waitFor(expected, timeout: 10)
        }
        try session.send("Enter")
        let failure = try session.waitFor("A step failed", timeout: 50)
        XCTAssertTrue(failure.contains("Troubleshoot: cause and fix"), failure)
        try session.send("Down", "Enter")
        let screen = try session.waitFor("Troubleshoot", timeout: 5)
        try session.waitFor("The package index could not be reached", timeout: 5)
        XCTAssertTrue(try session.screen().contains("[network-error]"), screen)
        try session.send("Escape")
        try session.waitFor("Retry the step", timeout: 5)
        try session.send("Down", "Down", "Down", "Enter")   // stop the install
        // Enter goes on once the install has ended (a key while it still runs belongs to the running screen).
        try session.waitFor("The install did not finish", timeout: 10)
        try session.send("Enter")
        try session.waitFor("Finished", timeout: 10)
        try session.send("Enter")
        let deadline = Date().addingTimeInterval(10)
        while try !session.paneDead(), Date() < deadline { usleep(50_000) }
        XCTAssertTrue(try session.paneDead(), "the wizard ends after a failed install")
    }

    func testHeadlessInstallPrintsTheDiagnosisOfTheFailedStep() throws {
        let folder = try BinaryUnderTest.temporaryFolder("troubleshoot-headless")
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("answers.yaml")
        try """
        device: cpu
        method: venv
        package: tensorflow
        version: latest
        venv: \(folder.appendingPathComponent("venv").path)
        index_url: http://127.0.0.1:9/simple
        """.write(to: answers, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(Self.unreachableIndex) { _, new in new }
        environment.removeValue(forKey: "PIP_INDEX_URL")   // the answer file's index_url is what fails here
        let run = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes",
                                           "--log-dir", folder.appendingPathComponent("logs").path],
                                          environment: environment, timeout: 120)
        XCTAssertEqual(run.exitCode, 1, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        XCTAssertTrue(run.stdout.contains("Cause: The package index could not be reached (network, DNS or proxy) [network-error]"),
                      run.stdout)
        XCTAssertTrue(run.stdout.contains("Fix: "), run.stdout)
        // The fix is made for the failed step: this run's index and the venv's own interpreter.
        let venvPython = folder.appendingPathComponent("venv/bin/python").path
        XCTAssertTrue(run.stdout.contains("$ PIP_INDEX_URL=http://127.0.0.1:9/simple PIP_TRUSTED_HOST=127.0.0.1 \(venvPython) -m pip install"),
                      run.stdout)
    }
}
