import Foundation
import XCTest
@testable import TFWizardCore

/// A `--machine` dry run never passes for this machine's own: its files live in a folder of their own and
/// say what they are, and its free disk is the recording's.
final class DryRunMarkingTests: XCTestCase {
    static let machines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/machines")

    func testRecordedDiskComesFromTheRecordingOrIsUnknown() throws {
        let recorded = try TFWizardCore.RecordedMachine(folder: Self.machines.appendingPathComponent("ubuntu-24.04").path, strings: Strings(language: "en"))
        XCTAssertEqual(recorded.prober().probe().disk?.freeBytes, 12_884_901_888)
        let unrecorded = try TFWizardCore.RecordedMachine(folder: Self.machines.appendingPathComponent("ubuntu-22.04").path, strings: Strings(language: "en"))
        XCTAssertNil(unrecorded.prober().probe().disk, "this machine's disk is not the recording's")
    }

    func testDryRunLogAndAnswersAreMarkedAndKeptApart() throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-dry-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let recorded = try TFWizardCore.RecordedMachine(folder: Self.machines.appendingPathComponent("ubuntu-24.04").path, strings: Strings(language: "en"))
        let strings = Strings(language: "en")
        let session = try InstallSession(facts: recorded.prober().probe(), strings: strings, logDirectory: logs,
                                         dryRunOf: recorded.name)
        XCTAssertEqual(session.journal.directory, logs + "/dry-run-ubuntu-24.04")
        let answers = try session.saveAnswers(Answers())
        XCTAssertTrue(answers.hasPrefix(logs + "/dry-run-ubuntu-24.04/"))
        let text = try String(contentsOfFile: answers, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# DRY RUN: planned for the recorded machine ubuntu-24.04, not for this one."), text)
        XCTAssertNoThrow(try AnswerFile.parse(text, fileName: answers, strings: Strings(language: "en")), "the marked file still reads as answers")
        let log = try String(contentsOfFile: try session.finish(), encoding: .utf8)
        XCTAssertTrue(log.contains("DRY RUN against the recorded machine ubuntu-24.04"), log)
        XCTAssertFalse(FileManager.default.fileExists(atPath: logs + "/in-progress.json"))
    }
}
