import Foundation
import XCTest

/// The real headless path: `tfwizard install --answers FILE --yes` into a temporary folder with a real
/// `pip install tensorflow` from the package index, then `import tensorflow` from that venv.
final class HeadlessInstallTests: XCTestCase {
    func testCPUVenvInstallFromAnswerFile() throws {
        let folder = try BinaryUnderTest.temporaryFolder("headless")
        defer { try? FileManager.default.removeItem(at: folder) }
        let venv = folder.appendingPathComponent("venv").path
        let logs = folder.appendingPathComponent("logs").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try """
        device: cpu
        method: venv
        python: "3.11"
        package: tensorflow
        version: latest
        venv: \(venv)
        """.write(to: answers, atomically: true, encoding: .utf8)

        let run = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes", "--log-dir", logs])
        XCTAssertEqual(run.exitCode, 0, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        XCTAssertTrue(run.stdout.contains("Validation passed."), run.stdout)
        XCTAssertTrue(run.stdout.contains("TensorFlow 2."), run.stdout)

        let importCheck = Process()
        importCheck.executableURL = URL(fileURLWithPath: venv + "/bin/python")
        importCheck.arguments = ["-c", "import tensorflow"]
        importCheck.standardOutput = FileHandle.nullDevice
        importCheck.standardError = FileHandle.nullDevice
        try importCheck.run()
        importCheck.waitUntilExit()
        XCTAssertEqual(importCheck.terminationStatus, 0, "import tensorflow failed in \(venv)")

        let logFiles = try FileManager.default.contentsOfDirectory(atPath: logs).filter { $0.hasSuffix(".log") }
        XCTAssertFalse(logFiles.isEmpty, "no session log in \(logs)")
        for file in logFiles {
            let attributes = try FileManager.default.attributesOfItem(atPath: logs + "/" + file)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, file)
        }

        // The same answers take it off again: the venv goes, and nothing is left to remove after.
        let uninstall = try BinaryUnderTest.run(["uninstall", "--answers", answers.path, "--yes", "--log-dir", logs])
        XCTAssertEqual(uninstall.exitCode, 0, "stdout:\n\(uninstall.stdout)\nstderr:\n\(uninstall.stderr)")
        XCTAssertTrue(uninstall.stdout.contains("$ rm -rf \(venv)"), uninstall.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: venv))
        let again = try BinaryUnderTest.run(["uninstall", "--answers", answers.path, "--yes", "--log-dir", logs])
        XCTAssertEqual(again.exitCode, 0)
        XCTAssertTrue(again.stdout.contains("Nothing to remove."), again.stdout)
    }
}
