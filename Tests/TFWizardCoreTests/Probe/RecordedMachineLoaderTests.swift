import Foundation
import TFWizardCore
import XCTest

/// The shipped loader behind `--machine DIR`: a recording's facts match the test fixture loader's, and a
/// folder that is not a recording is refused with a message naming the folder and what is missing.
final class RecordedMachineLoaderTests: XCTestCase {
    private var machines: String { RecordedMachine.fixtures.path }

    func testLoadsTheH200RecordingWithSharedOutputFiles() throws {
        let recorded = try TFWizardCore.RecordedMachine(folder: machines + "/ubuntu-24.04", strings: Strings(language: "en"))
        XCTAssertEqual(recorded.name, "ubuntu-24.04")
        XCTAssertEqual(recorded.home, "/home/ubuntu")
        let facts = recorded.prober().probe()
        XCTAssertEqual(facts.gpu.devices.first?.name, "NVIDIA H200")   // from ../outputs/nvidia-smi-580-h200-query.txt
        XCTAssertEqual(facts.os.versionID, "24.04")
        XCTAssertEqual(facts.privileges.sudo, .passwordless)
        XCTAssertEqual(facts.pythons.map(\.version), try RecordedMachine("ubuntu-24.04").prober().probe().pythons.map(\.version))
    }

    func testRunnerAnswersOnlyWhatWasRecorded() throws {
        let recorded = try TFWizardCore.RecordedMachine(folder: machines + "/ubuntu-24.04", strings: Strings(language: "en"))
        let python = recorded.runner.run(["/usr/bin/python3", "-c", "any script"], timeout: 1, environment: nil)
        XCTAssertTrue(python.succeeded)
        XCTAssertTrue(python.output.contains("version=3.12.3"))
        let other = recorded.runner.run(["/usr/bin/docker", "info"], timeout: 1, environment: nil)
        XCTAssertFalse(other.launched)
    }

    func testFolderThatIsNotARecordingIsRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-not-recorded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try TFWizardCore.RecordedMachine(folder: folder.path, strings: Strings(language: "en"))) { error in
            XCTAssertEqual("\(error)", "--machine: '\(folder.path)' is not a recorded machine: root/ (the machine's files) is missing")
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("root"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try TFWizardCore.RecordedMachine(folder: folder.path, strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".contains("commands.json is missing"), "\(error)")
        }
        try #"{"environment": {}, "commands": []}"#.write(to: folder.appendingPathComponent("commands.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TFWizardCore.RecordedMachine(folder: folder.path, strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".contains("the field 'effectiveUserID' is missing"), "\(error)")
        }
        try #"{"environment": {}, "effectiveUserID": 0, "commands": [{"argv": ["/bin/x"], "outputFile": "gone.txt"}]}"#
            .write(to: folder.appendingPathComponent("commands.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TFWizardCore.RecordedMachine(folder: folder.path, strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".contains("'gone.txt' is missing"), "\(error)")
        }
        XCTAssertThrowsError(try TFWizardCore.RecordedMachine(folder: folder.path + "/nothing-here", strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".contains("is not a folder"), "\(error)")
        }
    }
}
