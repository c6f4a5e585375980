import Foundation
import XCTest

/// Credentials in the answer file (a proxy password, a token in the index URL) never show in clear:
/// not in any plan export, the install's output, the transcript, the exported log or the saved answers.
final class SecretLeakTests: XCTestCase {
    static let password = "S3cretPass"
    static let token = "T0kenValue42"
    static let indexPassword = "IdxPw77"

    func testNoArtifactHoldsTheSecrets() throws {
        let folder = try BinaryUnderTest.temporaryFolder("secrets")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs").path
        let answers = folder.appendingPathComponent("answers.yaml")
        // Port 9 is closed: the pip step fails at once, which is all this needs.
        try """
        device: cpu
        method: venv
        python: "3.11"
        venv: \(folder.path)/venv
        index_url: "http://mirror:\(Self.indexPassword)@127.0.0.1:9/simple/?token=\(Self.token)"
        proxy: "http://user:\(Self.password)@127.0.0.1:9"
        """.write(to: answers, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PIP_") }
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        environment["PIP_RETRIES"] = "0"
        environment["PIP_DEFAULT_TIMEOUT"] = "2"
        environment["HOME"] = folder.path

        var outputs: [(String, String)] = []
        for format in ["text", "sh", "json"] {
            let plan = try BinaryUnderTest.run(["plan", "--answers", answers.path, "--format", format], environment: environment)
            XCTAssertEqual(plan.exitCode, 0, plan.stderr)
            XCTAssertTrue(plan.stdout.contains("****"), "the \(format) plan does not show the masked credential")
            outputs.append(("plan --format \(format)", plan.stdout + plan.stderr))
        }
        let install = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes", "--log-dir", logs],
                                              environment: environment, timeout: 120)
        XCTAssertEqual(install.exitCode, 1, "the pip step should fail against a closed port:\n\(install.stdout)")
        outputs.append(("install output", install.stdout + install.stderr))

        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        XCTAssertTrue(files.contains { $0.hasSuffix(".transcript") }, "\(files)")
        XCTAssertTrue(files.contains { $0.hasSuffix(".log") }, "\(files)")
        XCTAssertTrue(files.contains { $0.hasSuffix("-answers.yaml") }, "\(files)")
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: logs + "/" + file))
            outputs.append((file, String(decoding: data, as: UTF8.self)))
        }
        let transcript = try XCTUnwrap(outputs.first { $0.0.hasSuffix(".transcript") }?.1)
        XCTAssertTrue(transcript.contains("pip install"), "the pip step did not run:\n\(transcript)")

        for (artifact, text) in outputs {
            for secret in [Self.password, Self.token, Self.indexPassword] {
                XCTAssertFalse(text.contains(secret), "\(artifact) holds \(secret) in clear:\n\(text)")
            }
        }
    }
}
