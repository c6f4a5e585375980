import Foundation
import XCTest

/// Every command `tfwizard doctor` prints for the logs it is tested on, pasted into a shell as a user would:
/// the shell reads the words tfwizard meant (no folder literally named `~`, quotes balanced), and the
/// pep668 fix run for real creates the venv in the home folder.
final class DoctorPasteTests: XCTestCase {
    static let logs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TFWizardCoreTests/Fixtures/logs")

    func testEveryPrintedCommandReadsAsMeantInAShell() throws {
        let home = try BinaryUnderTest.temporaryFolder("doctor-paste")
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        var pasted = 0
        for log in try FileManager.default.contentsOfDirectory(atPath: Self.logs.path).sorted() where log.hasSuffix(".log") {
            let run = try BinaryUnderTest.run(["doctor", Self.logs.appendingPathComponent(log).path], environment: environment,
                                              timeout: 30)
            for line in run.stdout.components(separatedBy: "\n") where line.hasPrefix("    $ ") {
                let command = String(line.dropFirst(6))
                // The shell's words for the pasted line, one per line, without running the command.
                let words = try shell("for word in \(command); do printf '%s\\n' \"$word\"; done", home: home)
                XCTAssertEqual(words.status, 0, "\(log): the shell cannot read: \(command)\n\(words.output)")
                for word in words.output.split(separator: "\n") {
                    XCTAssertFalse(word.hasPrefix("~"), "\(log): \(command) reaches the program with a literal ~")
                    XCTAssertFalse(word.contains("{user}") || word.contains("{"), "\(log): a placeholder left: \(command)")
                }
                pasted += 1
            }
        }
        XCTAssertGreaterThan(pasted, 20, "too few commands were printed to judge")
    }

    func testThePEP668FixCreatesTheVenvInTheHomeFolder() throws {
        let home = try BinaryUnderTest.temporaryFolder("doctor-pep668")
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        let run = try BinaryUnderTest.run(["doctor", Self.logs.appendingPathComponent("pep668-1.log").path],
                                          environment: environment, timeout: 30)
        let venv = try XCTUnwrap(run.stdout.components(separatedBy: "\n").first { $0.hasPrefix("    $ ") && $0.contains(" -m venv ") },
                                 run.stdout)
        let result = try shell(String(venv.drop { $0 == " " }.dropFirst(2)), home: home)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.path + "/tensorflow/venv/bin/python"), result.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.path + "/~"), "a folder named ~ was made")
    }

    private func shell(_ script: String, home: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = home
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
