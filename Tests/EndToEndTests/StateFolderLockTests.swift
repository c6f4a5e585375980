import Foundation
import TFWizardCore
import XCTest

/// One tfwizard per state folder: a second one, wizard or headless, is refused with the first one's pid,
/// and the folder is free again once the first is gone, even when it was killed.
final class StateFolderLockTests: XCTestCase {
    func testSecondTfwizardOnTheSameStateFolderIsRefusedWithTheFirstsPid() throws {
        let folder = try BinaryUnderTest.temporaryFolder("lock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\nvenv: \(folder.path)/venv\n".write(to: answers, atomically: true, encoding: .utf8)

        let first = try TmuxSession(command: "exec " + ShellQuoting.render([BinaryUnderTest.path, "--log-dir", logs]),
                                    environment: ["LANG": "C.UTF-8"])
        try first.waitFor("Press Enter to begin", timeout: 20)   // the session (and its lock) exists once the welcome is whole
        let pid = try first.query("#{pane_pid}")
        XCTAssertFalse(pid.isEmpty)

        let headless = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes", "--log-dir", logs])
        XCTAssertEqual(headless.exitCode, 2, headless.stdout + headless.stderr)
        XCTAssertEqual(headless.stderr, "tfwizard: another tfwizard (pid \(pid)) is using the state folder \(logs); "
                       + "let it finish, or give this one another folder with --log-dir\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("venv").path), "nothing ran")

        let second = try TmuxSession(command: ShellQuoting.render([BinaryUnderTest.path, "--log-dir", logs]) + "; echo EXIT=$?; sleep 600",
                                     environment: ["LANG": "C.UTF-8"])
        let refused = try second.waitFor("EXIT=2", timeout: 20)
        XCTAssertTrue(refused.contains("another tfwizard (pid \(pid))"), refused)

        // The first one killed outright: the kernel lets go of the lock, and the folder is usable again.
        kill(pid_t(pid) ?? 0, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        while try !first.paneDead() && Date() < deadline { usleep(50_000) }
        let third = try TmuxSession(command: "exec " + ShellQuoting.render([BinaryUnderTest.path, "--log-dir", logs]),
                                    environment: ["LANG": "C.UTF-8"])
        try third.waitFor("Press Enter to begin", timeout: 20)
        XCTAssertEqual(try String(contentsOfFile: logs + "/tfwizard.lock", encoding: .utf8), try third.query("#{pane_pid}") + "\n")
    }
}
