import Foundation
import XCTest

/// The first frame comes as soon as the terminal is open; the probe runs behind it and the welcome
/// screen fills in when the facts are in.
final class FirstFrameTests: XCTestCase {
    func testTheFirstFrameComesBeforeTheProbeEnds() throws {
        try checkFirstFrame(logDirectoryArguments: true)
    }

    /// `tfwizard` alone starts the wizard without ArgumentParser (a path of its own in main.swift): the
    /// same first frame and welcome screen, the session log in the default folder under HOME.
    func testTheWizardWithNoArgumentsAtAll() throws {
        try checkFirstFrame(logDirectoryArguments: false)
    }

    private func checkFirstFrame(logDirectoryArguments: Bool) throws {
        let folder = try BinaryUnderTest.temporaryFolder("first-frame")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A python3 that takes 3 s to answer the probe's questions.
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let slow = bin.appendingPathComponent("python3").path
        try "#!/bin/sh\nsleep 3\nexec /usr/bin/python3 \"$@\"\n".write(toFile: slow, atomically: true, encoding: .utf8)
        chmod(slow, 0o755)
        let logs = logDirectoryArguments ? folder.appendingPathComponent("logs").path : folder.path + "/.local/state/tfwizard"
        let wizard = try PtyWizard(arguments: logDirectoryArguments ? ["--log-dir", logs] : [], environment: [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": folder.path, "PATH": bin.path + ":/usr/bin:/bin"])
        let firstFrame = try XCTUnwrap(wizard.waitFor("Looking at this machine", timeout: 10), "no first frame")
        XCTAssertLessThan(firstFrame, 2.0, "the first frame waited for the probe")
        XCTAssertFalse(String(decoding: wizard.screen, as: UTF8.self).contains("Press Enter to begin"))
        let welcome = try XCTUnwrap(wizard.waitFor("Press Enter to begin", timeout: 30), "the welcome screen never came")
        XCTAssertGreaterThan(firstFrame + welcome, 3.0, "the probe cannot have asked the slow python3")
        XCTAssertTrue(String(decoding: wizard.screen, as: UTF8.self).contains(slow), "the probe's facts are not on screen")
        kill(wizard.pid, SIGTERM)
        XCTAssertEqual(wizard.waitForExit(timeout: 10), 128 + SIGTERM)
        let written = try FileManager.default.contentsOfDirectory(atPath: logs)
        XCTAssertTrue(written.contains { $0.hasSuffix(".log") }, "no session log in \(logs): \(written)")
    }
}
