import Foundation
import XCTest

/// A venv folder whose name is made to break shell quoting: the real binary creates exactly that
/// folder and runs nothing the name says.
final class HostilePathTests: XCTestCase {
    func testVenvNamedLikeACommandCreatesThatFolderAndRunsNothingElse() throws {
        let folder = try BinaryUnderTest.temporaryFolder("hostile-path")
        defer { try? FileManager.default.removeItem(at: folder) }
        let venv = folder.path + "/a b/'c\"$(touch pwned)'"
        let yamlQuoted = "'" + venv.replacingOccurrences(of: "'", with: "''") + "'"
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(yamlQuoted)\n".write(to: answers, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PIP_") }
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        environment["PIP_INDEX_URL"] = "http://127.0.0.1:9/simple/"   // closed: the pip step fails at once
        environment["PIP_RETRIES"] = "0"
        environment["HOME"] = folder.path

        for format in ["sh", "text", "json"] {
            let plan = try BinaryUnderTest.run(["plan", "--answers", answers.path, "--format", format], environment: environment)
            XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        }
        let install = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes",
                                               "--log-dir", folder.appendingPathComponent("logs").path],
                                              environment: environment, timeout: 120)
        XCTAssertTrue(install.stdout.contains("[2/"), "the venv step did not finish:\n\(install.stdout)\n\(install.stderr)")

        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv, isDirectory: &isFolder) && isFolder.boolValue,
                      "the folder with the literal name was not created")
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv + "/pyvenv.cfg"), "not a venv")
        let created = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        XCTAssertFalse(created.contains { ($0 as NSString).lastPathComponent == "pwned" }, "a command ran: \(created.filter { $0.contains("pwned") })")
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertFalse(FileManager.default.fileExists(atPath: cwd + "/pwned"), "a command ran in \(cwd)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/a b"), ["'c\"$(touch pwned)'"])
    }
}
