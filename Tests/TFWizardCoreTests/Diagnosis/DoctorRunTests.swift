import Foundation
import XCTest
import TFWizardCore

/// `tfwizard doctor` without a file, `--list`, and when this machine's GPU counts.
final class DoctorRunTests: XCTestCase {
    let strings = Strings(language: "en")
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "doctor-run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes a session log whose modification time is `age` seconds in the past.
    @discardableResult
    func sessionLog(_ name: String, _ text: String, age: TimeInterval) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return path
    }

    func testWithoutAFileTheNewestSessionLogIsDiagnosedAndNamed() throws {
        try sessionLog("tfwizard-20261120-101010.log", "error: externally-managed-environment\n", age: 600)
        let newest = try sessionLog("tfwizard-20261125-090000.log", "A module that was compiled using NumPy 1.x cannot be run in\n", age: 60)
        try sessionLog("notes.log", "E: Could not get lock /var/lib/dpkg/lock-frontend\n", age: 0)
        XCTAssertEqual(SessionLogs.newest(in: folder), newest)
        let result = DoctorOutput.run(DoctorRequest(path: nil, logDirectory: folder), strings: strings,
                                      probeGPU: { ThisMachineGPU(hasNVIDIAGPU: false, description: "") })
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.output.hasPrefix("Log: \(newest)\nCause: NumPy 2 is installed"), result.output)
    }

    func testWithoutASessionLogItIsBadInputNamingTheFolder() {
        let result = DoctorOutput.run(DoctorRequest(path: nil, logDirectory: folder), strings: strings)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertEqual(result.output, "no session log in \(folder!): name a log file, or - for standard input\n")
        let missing = DoctorOutput.run(DoctorRequest(path: nil, logDirectory: folder + "/absent"), strings: strings)
        XCTAssertEqual(missing.exitCode, 2)
    }

    func testThisMachinesGPUCountsForItsNewestSessionLogOnly() throws {
        let lines = DiagnosisContextTests.cudaLibraryLines
        let older = try sessionLog("tfwizard-20261120-101010.log", lines, age: 600)
        let newest = try sessionLog("tfwizard-20261125-090000.log", lines, age: 60)
        var probed = 0
        let probe = { () -> ThisMachineGPU in probed += 1; return ThisMachineGPU(hasNVIDIAGPU: true, description: "NVIDIA H200") }

        let byDefault = DoctorOutput.run(DoctorRequest(path: nil, logDirectory: folder), strings: strings, probeGPU: probe)
        XCTAssertEqual(byDefault.exitCode, 1, byDefault.output)
        XCTAssertTrue(byDefault.output.contains("this machine has an NVIDIA GPU (NVIDIA H200)"), byDefault.output)
        let namedNewest = DoctorOutput.run(DoctorRequest(path: folder + "/./" + (newest as NSString).lastPathComponent,
                                                         logDirectory: folder), strings: strings, probeGPU: probe)
        XCTAssertEqual(namedNewest.exitCode, 1)
        XCTAssertEqual(probed, 2)

        let olderLog = DoctorOutput.run(DoctorRequest(path: older, logDirectory: folder), strings: strings, probeGPU: probe)
        XCTAssertEqual(olderLog.exitCode, 0)
        XCTAssertTrue(olderLog.output.hasPrefix("The cause if this machine has an NVIDIA GPU"), olderLog.output)
        let turnedOff = DoctorOutput.run(DoctorRequest(path: nil, thisMachine: false, logDirectory: folder), strings: strings, probeGPU: probe)
        XCTAssertEqual(turnedOff.exitCode, 0)
        XCTAssertEqual(probed, 2, "the probe runs only when its answer is used")
        let turnedOn = DoctorOutput.run(DoctorRequest(path: older, thisMachine: true, logDirectory: folder), strings: strings, probeGPU: probe)
        XCTAssertEqual(turnedOn.exitCode, 1)
    }

    func testListNamesEveryIDOnceWithItsKindAndTitle() throws {
        let catalog = try ErrorCatalog.builtIn()
        let result = DoctorOutput.run(DoctorRequest(path: nil, list: true, logDirectory: folder), strings: strings)
        XCTAssertEqual(result.exitCode, 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Known problems (tfwizard doctor names them by id):")
        XCTAssertEqual(lines.count, catalog.entries.count + 1)
        for entry in catalog.entries {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(entry.id + " ") }, entry.id)
            XCTAssertTrue(line.hasSuffix(entry.title), line)
            XCTAssertTrue(line.contains(entry.severity == .fatal ? "  failure  " : "  harmless  "), line)
        }
        XCTAssertTrue(lines[1].contains("failure"), "failures are listed first")
    }
}
