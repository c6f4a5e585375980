import Foundation
import XCTest

/// A terminal that disappears without a SIGHUP reaching the wizard (its session leader ignores HUP, or
/// the pty is not the wizard's controlling terminal): the wizard must end as on a hangup, exit 129 with
/// its log written, instead of reading "no key" forever at full CPU.
final class VanishedTerminalTests: XCTestCase {
    func testClosingThePtyMasterEndsTheWizardLikeAHangup() throws {
        let folder = try BinaryUnderTest.temporaryFolder("vanished")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("logs").path
        let wizard = try PtyWizard(arguments: ["--log-dir", logs], environment: [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": folder.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        XCTAssertNotNil(wizard.waitFor("Press Enter to begin", timeout: 30), "the welcome screen never came")

        // Waiting for a key costs next to nothing while the terminal is there.
        let idleStart = wizard.cpuSeconds ?? 0
        wizard.drain(seconds: 1)
        let idleCPU = (wizard.cpuSeconds ?? 0) - idleStart
        XCTAssertLessThan(idleCPU, 0.3, "the wizard used \(idleCPU) s of CPU in 1 s of waiting for a key")

        wizard.closeMaster()
        let status = wizard.waitForExit(timeout: 1.0)
        XCTAssertNotNil(status, "the wizard still runs 1 s after its terminal closed (CPU used: \(wizard.cpuSeconds ?? -1) s)")
        XCTAssertEqual(status, 129, "a vanished terminal ends the wizard as a hangup does")
        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        XCTAssertTrue(files.contains { $0.hasSuffix(".log") }, "no session log written: \(files)")
        let log = try String(contentsOfFile: logs + "/" + XCTUnwrap(files.first { $0.hasSuffix(".log") }), encoding: .utf8)
        XCTAssertTrue(log.contains("the terminal went away"), log)
    }
}
