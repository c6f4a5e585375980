import Foundation
import TFWizardCore
import XCTest

/// `tfwizard uninstall --answers FILE --yes`: what it removes is shown first; a folder holding more than
/// the venv is refused with the reason and left as it was; Docker's image and conda's environment are
/// removed through their own commands (fake executables here, which record what they were asked).
final class UninstallTests: XCTestCase {
    private func write(_ text: String, to path: String, executable: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
    }

    private func uninstall(_ answers: String, logs: String, path: String? = nil) throws -> BinaryUnderTest.Run {
        var environment = ProcessInfo.processInfo.environment
        if let path { environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin") }
        return try BinaryUnderTest.run(["uninstall", "--answers", answers, "--yes", "--log-dir", logs], environment: environment)
    }

    func testAFolderHoldingMoreThanTheVenvIsRefusedAndLeftAlone() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uninstall-refuse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let venv = folder.path + "/project"
        try write("home = /usr/bin\n", to: venv + "/pyvenv.cfg")
        try write("print('mine')\n", to: venv + "/train.py")
        try FileManager.default.createDirectory(atPath: venv + "/bin", withIntermediateDirectories: true)
        let answers = folder.path + "/answers.yaml"
        try write("device: cpu\nmethod: venv\nvenv: \(venv)\n", to: answers)

        let refused = try uninstall(answers, logs: folder.path + "/logs")
        XCTAssertEqual(refused.exitCode, 2, refused.stdout)
        XCTAssertEqual(refused.stderr, "tfwizard: \(answers):3: venv: \(venv) holds more than the venv tfwizard made (train.py): "
                       + "it is left alone; remove it yourself if that is what you want.\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv + "/train.py"))

        // A folder that is no venv at all is not tfwizard's either.
        try FileManager.default.removeItem(atPath: venv + "/pyvenv.cfg")
        try FileManager.default.removeItem(atPath: venv + "/train.py")
        let notVenv = try uninstall(answers, logs: folder.path + "/logs")
        XCTAssertEqual(notVenv.exitCode, 2)
        XCTAssertTrue(notVenv.stderr.contains("is not a virtual environment (it has no pyvenv.cfg)"), notVenv.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv + "/bin"))
    }

    /// The same from the wizard's welcome screen, in tmux: the removal is shown first, then run.
    func testWizardRemovesARealVenvFromTheWelcomeScreen() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uninstall-wizard")
        defer { try? FileManager.default.removeItem(at: folder) }
        let venv = folder.path + "/venv"
        let made = try BinaryUnderTest.run(["-m", "venv", "--without-pip", venv], executable: "/usr/bin/python3")
        XCTAssertEqual(made.exitCode, 0, made.stderr)
        let answers = folder.path + "/answers.yaml"
        try write("device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(venv)\n", to: answers)
        let session = try TmuxSession(command: ShellQuoting.render([BinaryUnderTest.path, "--answers", answers, "--log-dir",
                                                                    folder.path + "/logs"]) + "; echo EXIT=$?; sleep 600",
                                      environment: ["LANG": "C.UTF-8"])
        try session.waitFor("Remove what tfwizard installed", timeout: 20)
        try session.send("Down", "Down", "Enter")
        let plan = try session.waitFor("$ rm -rf", timeout: 20)
        XCTAssertTrue(plan.contains("tfwizard will remove what it installed"), plan)
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv), "nothing runs before Enter")
        try session.send("Enter")
        let removing = try session.waitFor("The removal finished", timeout: 30)
        XCTAssertTrue(removing.contains("TensorFlow install wizard - Removing"), removing)
        try session.send("Enter")
        let done = try session.waitFor("Removed.", timeout: 20)
        XCTAssertFalse(done.contains("works"), done)
        try session.send("Enter")
        let after = try session.waitFor("EXIT=0", timeout: 20)
        XCTAssertTrue(after.contains("Removed."), after)
        XCTAssertFalse(FileManager.default.fileExists(atPath: venv))
    }

    func testDockerImageIsRemovedWithDockerRmi() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uninstall-docker")
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = folder.path + "/docker-calls.log"
        try write("""
            #!/bin/sh
            case "$1" in
              --version) echo "Docker version 27.3.1, build ce12230" ;;
              info) printf 'Server Version: 27.3.1\\nRuntimes: runc\\n' ;;
              *) echo "$*" >> '\(calls)'; echo "Untagged: $2" ;;
            esac
            """, to: folder.path + "/bin/docker", executable: true)
        let answers = folder.path + "/answers.yaml"
        try write("device: cpu\nmethod: docker\ndocker: { image_tag: \"2.21.0\", jupyter: false }\n", to: answers)

        let run = try uninstall(answers, logs: folder.path + "/logs", path: folder.path + "/bin")
        XCTAssertEqual(run.exitCode, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("$ docker rmi tensorflow/tensorflow:2.21.0"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Removed."), run.stdout)
        XCTAssertEqual(try String(contentsOfFile: calls, encoding: .utf8), "rmi tensorflow/tensorflow:2.21.0\n")
    }

    func testCondaEnvironmentIsRemovedAndASecondUninstallFindsNothing() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uninstall-conda")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.path + "/miniforge3"
        let calls = folder.path + "/conda-calls.log"
        try write("""
            #!/bin/sh
            case "$1" in
              --version) echo "conda 24.9.2" ;;
              *) echo "$*" >> '\(calls)'; [ "$1 $2" = "env remove" ] && rm -rf '\(prefix)/envs/tf' ;;
            esac
            """, to: prefix + "/bin/conda", executable: true)
        try write("", to: prefix + "/envs/tf/conda-meta/history")
        try write("", to: prefix + "/envs/other/conda-meta/history")
        let answers = folder.path + "/answers.yaml"
        try write("device: cpu\nmethod: conda\npython: \"3.12\"\n", to: answers)

        let run = try uninstall(answers, logs: folder.path + "/logs", path: prefix + "/bin")
        XCTAssertEqual(run.exitCode, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("$ \(prefix)/bin/conda env remove -y -n tf"), run.stdout)
        XCTAssertEqual(try String(contentsOfFile: calls, encoding: .utf8), "env remove -y -n tf\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: prefix + "/envs/tf"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: prefix + "/envs/other"), "another environment stays")

        let again = try uninstall(answers, logs: folder.path + "/logs", path: prefix + "/bin")
        XCTAssertEqual(again.exitCode, 0)
        XCTAssertTrue(again.stdout.contains("There is no conda environment tf: it is gone already.\nNothing to remove."), again.stdout)
    }
}
