import Foundation
import TFWizardCore
import XCTest

/// The wizard killed with SIGKILL during the pip step goes on in the next tfwizard: the welcome screen
/// offers the interrupted run with its answers, the steps it finished are checked again and skipped, and
/// the install ends with a TensorFlow that imports. The first run's transcript holds everything up to the kill.
final class ResumeTests: XCTestCase {
    func testWizardKilledDuringPipResumesAndFinishes() throws {
        let folder = try BinaryUnderTest.temporaryFolder("resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs").path
        let venv = folder.appendingPathComponent("venv").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(venv)\n".write(to: answers, atomically: true, encoding: .utf8)

        let first = try TmuxSession(command: "exec " + ShellQuoting.render([BinaryUnderTest.path, "--answers", answers.path,
                                                                            "--log-dir", logs]),
                                    environment: ["LANG": "C.UTF-8"])
        for title in ["Welcome", "CPU or GPU", "Install method", "Package and version", "Python", "Environment folder",
                      "Review the plan"] {
            try first.waitFor(title, timeout: 20)
            try first.send("Enter")
        }
        // Killed once pip is at work on TensorFlow.
        let transcript = try waitForTranscript(in: logs, containing: "Collecting tensorflow", timeout: 300)
        let pid = try XCTUnwrap(pid_t(try first.query("#{pane_pid}")))
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        let deadline = Date().addingTimeInterval(10)
        while try !first.paneDead() && Date() < deadline { usleep(50_000) }
        let cut = try String(contentsOfFile: transcript, encoding: .utf8)
        XCTAssertTrue(cut.contains("<== step 1 create-venv: done"), cut)
        XCTAssertTrue(cut.contains("==> step 3/4 install-tf: Install tensorflow"), cut)
        XCTAssertTrue(cut.contains("Collecting tensorflow"), cut)
        XCTAssertFalse(cut.contains("<== step 3 install-tf"), "the step never ended:\n\(cut)")

        // The next tfwizard, without the answer file: it offers the run it found, with that run's answers.
        let second = try TmuxSession(command: ShellQuoting.render([BinaryUnderTest.path, "--log-dir", logs])
                                     + "; echo EXIT=$?; sleep 600", environment: ["LANG": "C.UTF-8"])
        let welcome = try second.waitFor("Press Enter to begin", timeout: 60)   // the whole welcome, not the probing frame
        let words = welcome.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("stopped before it finished, at step 3 (Install tensorflow)"),
                      welcome + "\n" + ((try? FileManager.default.contentsOfDirectory(atPath: logs)) ?? []).joined(separator: " ")
                      + "\n" + ((try? String(contentsOfFile: String(transcript.dropLast(".transcript".count)) + ".state.json",
                                               encoding: .utf8)) ?? "no state"))
        XCTAssertTrue(words.contains("Checked again and done, so skipped: Create the virtual environment"), welcome)
        // The first choice resumes (waiting first, if the kill left pip running).
        XCTAssertTrue(welcome.contains("> Resume"), welcome)
        try second.send("Enter")
        let plan = try second.waitFor("Review the plan", timeout: 20)
        XCTAssertTrue(plan.contains("finished by the interrupted run"), plan)
        try second.send("Enter")
        try second.waitFor("The install finished", timeout: 900)
        try second.send("Enter")
        let check = try second.waitFor("Check result", timeout: 20)
        XCTAssertTrue(check.contains("Validation passed.") || check.contains("TensorFlow works."), check)
        try second.send("Enter")
        try second.waitFor("Log:", timeout: 20)
        try second.send("Enter")
        try second.waitFor("EXIT=0", timeout: 20)

        let imported = try BinaryUnderTest.run(["-c", "import tensorflow"], executable: venv + "/bin/python")
        XCTAssertEqual(imported.exitCode, 0, imported.stderr)
        XCTAssertNil(RunState.interrupted(in: logs), "the resumed run finished: nothing is left to offer")
    }

    private func waitForTranscript(in folder: String, containing text: String, timeout: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasSuffix(".transcript") {
                let path = folder + "/" + name
                if (try? String(contentsOfFile: path, encoding: .utf8))?.contains(text) == true { return path }
            }
            usleep(200_000)
        }
        XCTFail("no transcript in \(folder) showed '\(text)' within \(Int(timeout)) s")
        throw CocoaError(.fileNoSuchFile)
    }
}
