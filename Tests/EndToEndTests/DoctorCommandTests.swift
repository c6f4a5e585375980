import Foundation
import XCTest

/// `tfwizard doctor` through the real binary: the newest session log by default, `--list`, bad input.
final class DoctorCommandTests: XCTestCase {
    func testWithoutAFileItDiagnosesTheNewestSessionLog() throws {
        let folder = NSTemporaryDirectory() + "doctor-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let empty = try BinaryUnderTest.run(["doctor", "--log-dir", folder])
        XCTAssertEqual(empty.exitCode, 2)
        XCTAssertTrue(empty.stderr.contains("no session log in \(folder)"), empty.stderr)

        let log = folder + "/tfwizard-20261125-090000.log"
        try "E: Package 'python3-venv' has no installation candidate\n".write(toFile: log, atomically: true, encoding: .utf8)
        let run = try BinaryUnderTest.run(["doctor", "--log-dir", folder])
        XCTAssertEqual(run.exitCode, 1, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Log: \(log)\nCause: apt has no package by that name"), run.stdout)
        XCTAssertTrue(run.stdout.contains("    $ sudo apt-get update"), run.stdout)
        let json = try BinaryUnderTest.run(["doctor", "--json", "--no-this-machine", "--log-dir", folder])
        XCTAssertEqual(json.exitCode, 1)
        XCTAssertTrue(json.stdout.hasPrefix("{\"gpu\":{\"presence\":\"unknown\"},\"last_error_lines\":[],\"matches\":[{\"id\":\"apt-no-candidate\""),
                      json.stdout)
    }

    func testListPrintsEveryIDAndRefusesAFile() throws {
        let list = try BinaryUnderTest.run(["doctor", "--list"])
        XCTAssertEqual(list.exitCode, 0)
        for id in ["apt-no-candidate", "ssl-intercepted", "onednn-notice", "cuda-lib-missing", "pep668"] {
            XCTAssertTrue(list.stdout.contains("\n" + id + " "), id)
        }
        let both = try BinaryUnderTest.run(["doctor", "--list", "some.log"])
        XCTAssertEqual(both.exitCode, 2)
        XCTAssertTrue(both.stderr.contains("--list takes no log file"), both.stderr)
    }
}
