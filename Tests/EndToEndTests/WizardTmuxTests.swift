import Foundation
import XCTest

/// The real binary in an 80x24 tmux pane, driven with Enter only, as a new user would: a real CPU
/// install into a temporary home (with uv, the recommended installer here: this machine's pip reads no
/// index of its own), validation seen on screen, the exported log present, and the terminal's settings
/// (`stty -g`) the same before and after.
final class WizardTmuxTests: XCTestCase {
    func testEnterThroughTheDefaultsInstallsTensorFlow() throws {
        let home = try BinaryUnderTest.temporaryFolder("wizard-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.script(home: home), environment: Self.environment(home: home))

        // Each screen is waited for before its key, so a slow machine only makes the test slower.
        for title in ["Welcome", "CPU or GPU", "Install method", "Package and version", "Python",
                      "Environment folder", "Review the plan"] {
            try session.waitFor(title, timeout: 20)
            try session.send("Enter")
        }
        try session.waitFor("Installing", timeout: 20)
        let finished = try session.waitFor("The install finished", timeout: 900)
        XCTAssertTrue(finished.contains("5 of 5 steps"), finished)
        let stepLines = finished.split(separator: "\n").filter { line in (1...5).contains { line.hasPrefix("  \($0). ") } }
        XCTAssertEqual(stepLines.count, 5, finished)
        for line in stepLines { XCTAssertTrue(line.contains(" done "), "not done: \(line)") }
        try session.send("Enter")
        let check = try session.waitFor("Check result", timeout: 20)
        XCTAssertTrue(check.contains("Validation passed.") || check.contains("TensorFlow works."), check)
        XCTAssertTrue(check.contains("2."), "no TensorFlow version on the check screen:\n\(check)")
        try session.send("Enter")
        let done = try session.waitFor("Log written to", timeout: 20)   // the export runs off the UI thread
        try session.send("Enter")
        // The screen is gone; the terminal keeps how it went and how to use it.
        let summary = try session.waitFor("EXIT=0", timeout: 20)
        XCTAssertTrue(summary.contains("is installed and works."), summary)
        XCTAssertTrue(summary.contains("/tensorflow/venv/bin/activate"), summary)
        XCTAssertTrue(summary.contains("To remove what was installed: rm -rf "), summary)

        let logDirectory = home.appendingPathComponent(".local/state/tfwizard")
        let logs = try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).filter { $0.hasSuffix(".log") }
        XCTAssertEqual(logs.count, 1, "logs: \(logs)")
        if let log = logs.first {
            // A long path wraps onto the next line of the screen.
            let unwrapped = done.replacingOccurrences(of: "\n  ", with: "")
            XCTAssertTrue(unwrapped.contains(logDirectory.path + "/" + log), "the log's path is not on screen:\n\(done)")
            let text = try String(contentsOf: logDirectory.appendingPathComponent(log), encoding: .utf8)
            XCTAssertTrue(text.contains("/bin/uv pip install --python "), "the log lacks uv's install command")
            XCTAssertTrue(text.contains("-m venv --without-pip --system-site-packages "), "the Python's own pip was not borrowed")
            XCTAssertTrue(text.contains("passed: true"), "the log lacks the validation")
        }
        let saved = try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).filter { $0.hasSuffix(".yaml") }
            .map { try String(contentsOf: logDirectory.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertTrue(saved.contains { $0.contains("installer: uv") }, "the saved answers lack the installer: \(saved)")
        let venvPython = home.appendingPathComponent("tensorflow/venv/bin/python").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: venvPython))

        let before = try String(contentsOf: home.appendingPathComponent("stty.before"), encoding: .utf8)
        let after = try String(contentsOf: home.appendingPathComponent("stty.after"), encoding: .utf8)
        XCTAssertFalse(before.isEmpty)
        XCTAssertEqual(before, after, "the terminal's settings changed")
    }

    /// Records `stty -g` around the wizard, then keeps the pane open showing the exit status.
    static func script(home: URL) -> String {
        let folder = home.path
        return "stty -g > \(folder)/stty.before; \(BinaryUnderTest.path); echo EXIT=$? ; "
            + "stty -g > \(folder)/stty.after; sleep 600"
    }

    /// A temporary home so the default `~/tensorflow/venv` lands in the test's folder; pyenv and pip's
    /// cache keep pointing at the real ones (pyenv finds its versions, pip does not download twice).
    static func environment(home: URL) -> [String: String] {
        let real = ProcessInfo.processInfo.environment
        let realHome = real["HOME"] ?? NSHomeDirectory()
        var environment = ["HOME": home.path, "PIP_CACHE_DIR": real["PIP_CACHE_DIR"] ?? realHome + "/.cache/pip"]
        environment["PYENV_ROOT"] = real["PYENV_ROOT"] ?? realHome + "/.pyenv"
        environment["XDG_STATE_HOME"] = home.path + "/.local/state"
        environment["UV_CACHE_DIR"] = real["UV_CACHE_DIR"] ?? realHome + "/.cache/uv"
        return environment
    }
}
