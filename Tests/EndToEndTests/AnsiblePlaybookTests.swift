import Foundation
import XCTest

/// `plan --format ansible` checked and run for real: ansible-core and ansible-lint from the package index in
/// a throwaway venv, `--syntax-check` and `ansible-lint` passing, then the playbook against this machine
/// (`ansible_connection=local`) twice: the first installs a CPU venv whose TensorFlow imports, the second
/// changes nothing.
final class AnsiblePlaybookTests: XCTestCase {
    /// The tools' venv, made once per test run and removed after.
    private func ansibleTools(in folder: URL) throws -> String {
        let tools = folder.appendingPathComponent("ansible-tools").path
        let made = try BinaryUnderTest.run(["-m", "venv", tools], executable: "/usr/bin/python3")
        XCTAssertEqual(made.exitCode, 0, made.stderr)
        let installed = try BinaryUnderTest.run(["-m", "pip", "install", "-q", "ansible-core", "ansible-lint"],
                                                executable: tools + "/bin/python")
        XCTAssertEqual(installed.exitCode, 0, installed.stdout + installed.stderr)
        return tools + "/bin"
    }

    private func ansible(_ tool: String, _ arguments: [String], tools: String, home: String) throws -> BinaryUnderTest.Run {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = tools + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["ANSIBLE_HOME"] = home
        environment["ANSIBLE_NOCOLOR"] = "1"
        environment["ANSIBLE_LOCALHOST_WARNING"] = "false"
        return try BinaryUnderTest.run(arguments, executable: tools + "/" + tool, environment: environment)
    }

    /// `TASK [name] ****` then `changed: [localhost]`: each task's name and how it ended.
    static func taskResults(_ output: String) -> [String: String] {
        var results: [String: String] = [:]
        var task: String?
        for line in output.components(separatedBy: "\n") {
            if line.hasPrefix("TASK ["), let end = line.range(of: "] ", options: .backwards) ?? line.range(of: "]", options: .backwards) {
                task = String(line[line.index(line.startIndex, offsetBy: 6)..<end.lowerBound])
            } else if let current = task, let colon = line.firstIndex(of: ":"), line.hasSuffix("[localhost]") || line.contains(": [localhost]") {
                results[current] = String(line[..<colon])
                task = nil
            }
        }
        return results
    }

    func testPlaybookPassesLintAndRunsTwiceTheSecondChangingNothing() throws {
        let folder = try BinaryUnderTest.temporaryFolder("ansible")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tools = try ansibleTools(in: folder)
        let home = folder.appendingPathComponent("ansible-home").path
        let venv = folder.appendingPathComponent("venv").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(venv)\n".write(to: answers, atomically: true, encoding: .utf8)
        let plan = try BinaryUnderTest.run(["plan", "--answers", answers.path, "--format", "ansible"])
        XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        let playbook = folder.appendingPathComponent("tensorflow.yml").path
        try plan.stdout.write(toFile: playbook, atomically: true, encoding: .utf8)

        let syntax = try ansible("ansible-playbook", ["-i", "localhost,", "--syntax-check", playbook], tools: tools, home: home)
        XCTAssertEqual(syntax.exitCode, 0, syntax.stdout + syntax.stderr)
        let lint = try ansible("ansible-lint", [playbook], tools: tools, home: home)
        XCTAssertEqual(lint.exitCode, 0, lint.stdout + lint.stderr)

        // The system's python runs Ansible's modules: a pyenv shim on PATH may point at no installed version.
        let arguments = ["-i", "localhost,", "-e", "ansible_connection=local", "-e", "ansible_python_interpreter=/usr/bin/python3",
                         playbook]
        let first = try ansible("ansible-playbook", arguments, tools: tools, home: home)
        XCTAssertEqual(first.exitCode, 0, first.stdout + first.stderr)
        let firstResults = Self.taskResults(first.stdout)
        XCTAssertEqual(firstResults["3. Install tensorflow"], "changed", first.stdout)
        XCTAssertEqual(firstResults["4. Check that TensorFlow works"], "ok", first.stdout)
        let imported = try BinaryUnderTest.run(["-c", "import tensorflow"], executable: venv + "/bin/python")
        XCTAssertEqual(imported.exitCode, 0, imported.stderr)
        let afterFirst = FolderSnapshot(venv)

        let second = try ansible("ansible-playbook", arguments, tools: tools, home: home)
        XCTAssertEqual(second.exitCode, 0, second.stdout + second.stderr)
        XCTAssertTrue(second.stdout.contains("changed=0"), second.stdout)
        let secondResults = Self.taskResults(second.stdout)
        for task in ["1. Create the virtual environment \(venv)", "2. Upgrade pip", "3. Install tensorflow"] {
            XCTAssertEqual(secondResults[task], "skipping", second.stdout)
        }
        XCTAssertEqual(FolderSnapshot(venv).changes(since: afterFirst), [], "the second run changed the venv")
    }
}
