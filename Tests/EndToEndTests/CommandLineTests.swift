import Foundation
import XCTest

/// The fixed command-line surface of design.md, driven through the real binary.
final class CommandLineTests: XCTestCase {
    func testVersionAndHelp() throws {
        let version = try BinaryUnderTest.run(["--version"])
        XCTAssertEqual(version.exitCode, 0)
        XCTAssertTrue(Self.isVersionLine(version.stdout), version.stdout)
        let help = try BinaryUnderTest.run(["--help"])
        XCTAssertEqual(help.exitCode, 0)
        for word in ["probe", "plan", "install", "doctor"] { XCTAssertTrue(help.stdout.contains(word), word) }
    }

    /// "tfwizard 0.1.0 (commit 1a2b3c4d5e6f)", "(commit 1a2b3c4d5e6f-dirty)", "(commit unknown)" outside a
    /// git checkout, or "(development build)" from a plain `swift build`.
    static func isVersionLine(_ output: String) -> Bool {
        output.range(of: #"^tfwizard [0-9]+\.[0-9]+\.[0-9]+ \((commit ([0-9a-f]{12}(-dirty)?|unknown)|development build)\)\n$"#,
                     options: .regularExpression) != nil
    }

    func testVersionLineFormat() {
        for good in ["tfwizard 0.1.0 (commit 1a2b3c4d5e6f)\n", "tfwizard 0.1.0 (commit 1a2b3c4d5e6f-dirty)\n",
                     "tfwizard 0.1.0 (commit unknown)\n", "tfwizard 10.20.3 (development build)\n"] {
            XCTAssertTrue(Self.isVersionLine(good), good)
        }
        for bad in ["0.1.0\n", "tfwizard 0.1.0\n", "tfwizard 0.1.0 (commit 1a2b)\n", "tfwizard 0.1 (commit unknown)\n",
                    "tfwizard 0.1.0 (commit unknown)\nmore\n"] {
            XCTAssertFalse(Self.isVersionLine(bad), bad)
        }
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
