import Foundation
import XCTest

/// `plan --format sh` run for real on this machine, as on a machine without tfwizard: a CPU venv with
/// TensorFlow that imports, and a second run that skips every step but the check and changes nothing.
final class PlanScriptTests: XCTestCase {
    func testShellScriptInstallsAndASecondRunChangesNothing() throws {
        let folder = try BinaryUnderTest.temporaryFolder("plan-sh")
        defer { try? FileManager.default.removeItem(at: folder) }
        let venv = folder.appendingPathComponent("venv").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(venv)\n".write(to: answers, atomically: true, encoding: .utf8)
        let plan = try BinaryUnderTest.run(["plan", "--answers", answers.path, "--format", "sh"])
        XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        let script = folder.appendingPathComponent("install.sh")
        try plan.stdout.write(to: script, atomically: true, encoding: .utf8)
        XCTAssertTrue(plan.stdout.hasPrefix("#!/bin/sh\n"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("\nset -eu\n"), plan.stdout)

        let first = try BinaryUnderTest.run([script.path], executable: "/bin/sh")
        XCTAssertEqual(first.exitCode, 0, "stdout:\n\(first.stdout)\nstderr:\n\(first.stderr)")
        XCTAssertTrue(first.stdout.contains("tfwizard: [1/4] Create the virtual environment \(venv)\n+ "), first.stdout)
        XCTAssertTrue(first.stdout.contains("tfwizard: [3/4] Install tensorflow\n+ \(venv)/bin/python -m pip install tensorflow"),
                      first.stdout)
        XCTAssertTrue(first.stdout.contains("TFWIZARD_OK"), first.stdout)
        let afterFirst = FolderSnapshot(venv)

        let second = try BinaryUnderTest.run([script.path], executable: "/bin/sh")
        XCTAssertEqual(second.exitCode, 0, "stdout:\n\(second.stdout)\nstderr:\n\(second.stderr)")
        for skipped in ["[1/4] Create the virtual environment \(venv)", "[2/4] Upgrade pip", "[3/4] Install tensorflow"] {
            XCTAssertTrue(second.stdout.contains("tfwizard: \(skipped): already done, skipped\n"), second.stdout)
        }
        XCTAssertFalse(second.stdout.contains("pip install"), "a second run installs nothing:\n\(second.stdout)")
        XCTAssertTrue(second.stdout.contains("TFWIZARD_OK"), second.stdout)
        XCTAssertEqual(FolderSnapshot(venv).changes(since: afterFirst), [], "the second run changed the venv")
    }
}
