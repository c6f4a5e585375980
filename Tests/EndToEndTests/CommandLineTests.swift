import Foundation
import XCTest

/// The fixed command-line surface of design.md, driven through the real binary.
final class CommandLineTests: XCTestCase {
    func testVersionAndHelp() throws {
        let version = try BinaryUnderTest.run(["--version"])
        XCTAssertEqual(version.exitCode, 0)
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
        let help = try BinaryUnderTest.run(["--help"])
        XCTAssertEqual(help.exitCode, 0)
        for word in ["probe", "plan", "install", "doctor"] { XCTAssertTrue(help.stdout.contains(word), word) }
    }

    func testWizardWithoutTerminalExitsTwoWithAHint() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let run = try BinaryUnderTest.run([], environment: environment)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("install --answers"), run.stderr)
        XCTAssertFalse(run.stderr.contains("Error opening terminal"))
        XCTAssertFalse(run.stdout.contains("\u{1b}"), "escape sequences were written into a pipe")
    }

    func testWizardWithoutTermVariableExitsTwo() throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TERM")
        let run = try BinaryUnderTest.run([], environment: environment)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertFalse(run.stderr.contains("Error opening terminal"), run.stderr)
    }

    func testProbeJSONIsValidAndFast() throws {
        let run = try BinaryUnderTest.run(["probe", "--json"])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertNotNil(object?["os"])
        XCTAssertNotNil(object?["pythons"])
    }

    func testBadAnswerFileNamesFileLineAndField() throws {
        let folder = try BinaryUnderTest.temporaryFolder("badanswers")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: teleport\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try BinaryUnderTest.run(["plan", "--answers", file.path])
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("answers.yaml"), run.stderr)
        XCTAssertTrue(run.stderr.contains("2"), "no line number: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("method"), run.stderr)
    }

    func testMissingAnswerFileExitsTwo() throws {
        let run = try BinaryUnderTest.run(["plan", "--answers", "/nonexistent/answers.yaml"])
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("/nonexistent/answers.yaml"), run.stderr)
    }

    func testUnknownOptionExitsTwo() throws {
        let run = try BinaryUnderTest.run(["probe", "--frobnicate"])
        XCTAssertEqual(run.exitCode, 2)
    }

    func testPlanRefusesPython38WithTheReason() throws {
        let folder = try BinaryUnderTest.temporaryFolder("refusal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.8\"\nversion: \"2.21.0\"\nvenv: \(folder.path)/venv\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try BinaryUnderTest.run(["plan", "--answers", file.path])
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("3.8"), run.stderr)
    }
}
