import Foundation
import XCTest
@testable import TFWizardCore

/// The in-progress file: there while a step runs, gone when it ends, and read back as an interrupted
/// step only when the tfwizard that wrote it is gone.
final class InProgressMarkerTests: XCTestCase {
    func testTheEngineWritesTheMarkerWhileAStepRunsAndRemovesItAfter() throws {
        let folder = try FaultFixtures.temporaryFolder("marker")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SessionJournal(directory: folder.path)
        let marker = InProgressMarker(directory: folder.path)
        let step = Step(id: "apt-venv", title: "Install python3-venv", why: "test",
                        argv: ["sh", "-c", "echo started; sleep 1"])
        let run = EngineRun(plan: FaultFixtures.plan([step]), journal: journal)
        run.engine.start()
        XCTAssertTrue(run.output.waitFor("started", timeout: 10))
        let data = try XCTUnwrap(FileManager.default.contents(atPath: marker.path))
        let record = try JSONDecoder().decode(InterruptedStep.self, from: data)
        XCTAssertEqual(record.stepID, "apt-venv")
        XCTAssertEqual(record.pid, getpid())
        XCTAssertEqual(record.command, "sh -c 'echo started; sleep 1'")
        XCTAssertEqual(record.transcript, journal.transcriptPath)
        var info = stat()
        XCTAssertEqual(stat(marker.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertNil(marker.interrupted(atStartup: false), "this process is running it: nothing was interrupted")
        XCTAssertNotNil(run.waitFor(timeout: 10) { $0 == .finished(success: true, cancelled: false) })
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path))
    }

    func testARecordOfAGoneProcessIsInterruptedWithTheRightAdvice() throws {
        let folder = try FaultFixtures.temporaryFolder("marker-gone")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let strings = Strings(language: "en")
        for (argv, advice) in [(["sudo", "apt-get", "install", "-y", "python3-venv"],
                                "Let dpkg finish its interrupted work first: sudo dpkg --configure -a"),
                               (["/home/ada/venv/bin/python", "-m", "pip", "install", "tensorflow"],
                                "Run the step again (the install does that too): /home/ada/venv/bin/python -m pip install tensorflow")] {
            let record = InterruptedStep(stepID: "s", title: "T", command: argv.joined(separator: " "), pid: gone.processIdentifier,
                                         startedAt: "2026-11-26T11:00:00Z",
                                         packageManager: PackageManagerLock.isPackageManagerStep(Step(id: "s", title: "T", why: "", argv: argv)),
                                         transcript: nil)
            try JSONEncoder().encode(record).write(to: folder.appendingPathComponent(InProgressMarker.fileName))
            let found = try XCTUnwrap(InProgressMarker(directory: folder.path).interrupted())
            XCTAssertEqual(found, record)
            XCTAssertEqual(found.notice(strings: strings).last, advice)
        }
    }
}
