import Foundation
import XCTest

/// `tfwizard --answers FILE`: the wizard opens with the file's choices on every screen (each still shown, so
/// it can be changed), and a choice this machine refuses is named with its file, line and field.
final class AnswersWizardTests: XCTestCase {
    private func answerFile(_ text: String) throws -> (URL, URL) {
        let folder = try BinaryUnderTest.temporaryFolder("answers-wizard")
        let file = folder.appendingPathComponent("answers.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    func testEnterThroughKeepsTheFilesChoices() throws {
        let (folder, file) = try answerFile("""
            device: cpu
            method: venv
            python: "3.10"
            package: tensorflow-cpu
            version: "2.19"
            venv: /srv/tf-2.19
            pins: ["numpy<2"]
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wizard = try RecordedWizard(machine: "ubuntu-24.04", arguments: ["--answers", file.path])
        try wizard.on("Welcome", press: "Enter")
        // The H200 machine would start on GPU; the file says CPU.
        let device = try wizard.on("CPU or GPU", press: "Enter")
        XCTAssertTrue(device.contains("> CPU"), device)
        try wizard.on("Install method", press: "Enter")
        let package = try wizard.on("Package and version", press: "Enter")
        XCTAssertTrue(package.contains("> tensorflow-cpu"), package)
        XCTAssertTrue(package.contains("- 2.19.1"), package)
        let python = try wizard.on("Python", press: "Enter")
        XCTAssertTrue(python.contains("> Python 3.10.14"), python)
        let venv = try wizard.on("Environment folder", press: "Enter")
        XCTAssertTrue(venv.contains("/srv/tf-2.19"), venv)
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("/home/ubuntu/.pyenv/versions/3.10.14/bin/python3 -m venv /srv/tf-2.19"), plan)
        XCTAssertTrue(plan.contains("/srv/tf-2.19/bin/python -m pip install 'tensorflow-cpu==2.19.1' 'numpy<2'"), plan)
    }

    func testARefusedAnswerIsNamedWithItsLineOnTheWelcomeScreen() throws {
        let (folder, file) = try answerFile("device: cpu\nmethod: venv\nversion: \"2.99.0\"\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let wizard = try RecordedWizard(machine: "ubuntu-24.04", arguments: ["--answers", file.path])
        let welcome = try wizard.on("Welcome").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(welcome.contains("answers.yaml:3: version: TensorFlow 2.99.0 is not a release tfwizard knows"), welcome)
    }

    func testAnUnreadableAnswerFileIsBadInput() throws {
        let (folder, file) = try answerFile("device: cpu\nmethod: venv\nmethod: conda\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BinaryUnderTest.run(["--answers", file.path])
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stderr, "tfwizard: \(file.path):3: method: the key 'method' appears more than once (first on line 2)\n")
    }
}
