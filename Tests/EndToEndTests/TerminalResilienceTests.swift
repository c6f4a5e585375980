import Foundation
import XCTest

/// Terminals the wizard cannot use, or that change under it: too small, resized in a storm while a
/// step streams output, TERM=dumb or unknown on a real terminal.
final class TerminalResilienceTests: XCTestCase {
    func testSmallTerminalExplainsAndRecoversWhenEnlarged() throws {
        let folder = try BinaryUnderTest.temporaryFolder("small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try InteractiveRun(folder: folder, tag: "small", environment: ["HOME": folder.path], columns: 60, rows: 20)
        let small = try run.session.waitFor("needs at least 80x24", timeout: 20)
        XCTAssertTrue(small.contains("60x20"), small)
        try run.session.resize(columns: 80, rows: 24)
        try run.session.waitFor("Press Enter to begin", timeout: 5)
        try run.session.resize(columns: 79, rows: 24)
        try run.session.waitFor("needs at least 80x24", timeout: 5)
        try run.session.resize(columns: 100, rows: 30)
        try run.session.waitFor("Press Enter to begin", timeout: 5)
        try run.session.send("Escape")
        try run.session.waitFor("[", timeout: 5)
        kill(try run.wizardPID(), SIGTERM)
        try run.assertTerminalGivenBack(exitCode: 128 + SIGTERM, signal: SIGTERM)
    }

    func testResizeStormWhileAStepStreamsOutput() throws {
        let folder = try BinaryUnderTest.temporaryFolder("storm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StallingServer()
        var environment = SignalTests.stallingEnvironment(server, home: folder.path)
        environment["PYTHONVERBOSE"] = "1"   // every import is printed: the venv step streams thousands of lines
        let run = try InteractiveRun(folder: folder, tag: "storm", environment: environment)
        try run.session.waitFor("Press Enter to begin", timeout: 20)
        for _ in 0..<7 {
            try run.session.send("Enter")
            usleep(400_000)
            if try run.session.screen().contains("Installing") { break }
        }
        try run.session.waitFor("# ", timeout: 20)   // PYTHONVERBOSE lines look like "# code object from ..."
        let wizard = try run.wizardPID()
        for round in 0..<40 {
            let columns = [80, 20, 200][round % 3]
            try run.session.resize(columns: columns, rows: round % 2 == 0 ? 24 : 10)
            usleep(30_000)
        }
        try run.session.resize(columns: 80, rows: 24)
        let afterStorm = try run.session.screen()
        XCTAssertNil(run.exitStatus(timeout: 0.5), "the wizard ended during the resize storm:\n\(afterStorm)")
        XCTAssertEqual(kill(wizard, 0), 0, "the wizard is gone")
        usleep(500_000)
        let screen = try run.session.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(screen.first?.contains("Installing") == true, "title row:\n\(screen.joined(separator: "\n"))")
        XCTAssertTrue(screen.contains { $0.contains("Esc/Ctrl-C cancel") }, "help bar missing:\n\(screen.joined(separator: "\n"))")
        XCTAssertTrue(screen.allSatisfy { $0.count <= 80 })
        // Still answering keys: Esc asks whether to cancel.
        try run.session.send("Escape")
        try run.session.waitFor("Cancel the install?", timeout: 5)
        kill(wizard, SIGTERM)
        try run.assertTerminalGivenBack(exitCode: 128 + SIGTERM, signal: SIGTERM)
    }

    func testDumbAndUnknownTerminalTypesOnARealTerminalExitTwoWithAHint() throws {
        let folder = try BinaryUnderTest.temporaryFolder("term")
        defer { try? FileManager.default.removeItem(at: folder) }
        for term in ["dumb", "no-such-terminal-type"] {
            let run = try InteractiveRun(folder: folder, tag: term, environment: ["HOME": folder.path],
                                         prefix: "TERM=\(term) ")
            XCTAssertEqual(run.exitStatus(timeout: 20), "2", "TERM=\(term)")
            let screen = try run.session.screen()
            let joined = screen.replacingOccurrences(of: "\n", with: "")   // the hint wraps at 80 columns
            XCTAssertTrue(joined.contains("install --answers"), "TERM=\(term):\n\(screen)")
            XCTAssertFalse(screen.contains("Error opening terminal"), screen)
            try run.assertTerminalGivenBack(exitCode: 2)
        }
    }

    func testHeadlessCommandsWorkWithDumbTerminalOnATerminal() throws {
        let folder = try BinaryUnderTest.temporaryFolder("dumbplan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(folder.path)/venv\n".write(to: answers, atomically: true, encoding: .utf8)
        let run = try InteractiveRun(folder: folder, tag: "plan", environment: ["HOME": folder.path],
                                     prefix: "TERM=dumb ", arguments: "plan --answers '\(answers.path)' --format text")
        XCTAssertEqual(run.exitStatus(timeout: 20), "0")
        let screen = try run.session.screen()
        XCTAssertTrue(screen.contains("Check that TensorFlow works"), screen)
    }
}
