import Foundation
import XCTest

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT while a step runs: the step's whole process group ends, the
/// transcript holds the step's output, the log is written and the exit status is 128+n; the interactive
/// wizard also gives the terminal back exactly as it found it.
final class SignalTests: XCTestCase {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The environment of a run whose pip waits on `server` forever, with no pip configuration of this machine.
    static func stallingEnvironment(_ server: StallingServer, home: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PIP_") }
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        environment["PIP_INDEX_URL"] = server.indexURL
        environment["PIP_DEFAULT_TIMEOUT"] = "120"
        environment["HOME"] = home
        return environment
    }

    func testHeadlessInstallEndsTheStepGroupOnEachSignal() throws {
        let folder = try BinaryUnderTest.temporaryFolder("signals")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StallingServer()
        let venv = folder.appendingPathComponent("venv").path
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\npython: \"3.11\"\nvenv: \(venv)\n".write(to: answers, atomically: true, encoding: .utf8)
        let environment = Self.stallingEnvironment(server, home: folder.path)

        // The first run creates the venv; later runs find it and start with the (stalling) pip step.
        for signalNumber in Self.signals {
            let logs = folder.appendingPathComponent("logs-\(signalNumber)").path
            let outputPath = folder.appendingPathComponent("out-\(signalNumber).txt").path
            FileManager.default.createFile(atPath: outputPath, contents: nil)
            let output = try XCTUnwrap(FileHandle(forWritingAtPath: outputPath))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
            process.arguments = ["install", "--answers", answers.path, "--yes", "--log-dir", logs]
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = output
            process.standardError = output
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            let pip = try XCTUnwrap(ProcessTable.waitForProcess(containing: venv + "/bin/python -m pip", timeout: 30),
                                    "pip never started: \(Self.text(outputPath))")
            XCTAssertEqual(pip.group, pip.pid, "the step leads its own process group")
            // Signal once pip printed something and is waiting on the index.
            let deadline = Date().addingTimeInterval(30)
            while !Self.text(outputPath).contains("Looking in indexes") && Date() < deadline { usleep(100_000) }
            kill(process.processIdentifier, signalNumber)
            let ended = Self.waitForExit(process, timeout: 10)
            XCTAssertTrue(ended, "tfwizard still runs 10 s after signal \(signalNumber)")
            XCTAssertEqual(process.terminationStatus, 128 + signalNumber, Self.text(outputPath))
            XCTAssertEqual(ProcessTable.members(ofGroup: pip.group).map(\.commandLine), [],
                           "the step's process group survived signal \(signalNumber)")

            let stdout = Self.text(outputPath)
            XCTAssertTrue(stdout.contains("Cancelled"), stdout)
            let files = try FileManager.default.contentsOfDirectory(atPath: logs)
            let transcript = try XCTUnwrap(files.first { $0.hasSuffix(".transcript") })
            XCTAssertTrue(files.contains { $0.hasSuffix(".log") }, "no exported log: \(files)")
            let recorded = Self.text(logs + "/" + transcript)
            XCTAssertTrue(recorded.contains("Upgrade pip"), recorded)
            XCTAssertTrue(recorded.contains("Looking in indexes: \(server.indexURL)"), "the step's output is missing:\n\(recorded)")
        }
    }

    func testInteractiveWizardRestoresTheTerminalOnEachSignal() throws {
        let folder = try BinaryUnderTest.temporaryFolder("isignals")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StallingServer()
        for signalNumber in Self.signals {
            let run = try InteractiveRun(folder: folder, tag: "\(signalNumber)",
                                         environment: Self.stallingEnvironment(server, home: folder.path))
            try run.session.waitFor("Press Enter to begin", timeout: 20)
            kill(try run.wizardPID(), signalNumber)
            try run.assertTerminalGivenBack(exitCode: 128 + signalNumber, signal: signalNumber)
        }
    }

    func testInteractiveSignalDuringInstallEndsTheStepGroup() throws {
        let folder = try BinaryUnderTest.temporaryFolder("iinstall")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StallingServer()
        let run = try InteractiveRun(folder: folder, tag: "install",
                                     environment: Self.stallingEnvironment(server, home: folder.path))
        try run.session.waitFor("Press Enter to begin", timeout: 20)
        // Enter on every screen takes the recommended choices: the venv goes to $HOME/tensorflow/venv.
        for _ in 0..<7 {
            try run.session.send("Enter")
            usleep(400_000)
            if try run.session.screen().contains("Installing") { break }
        }
        let venv = folder.appendingPathComponent("tensorflow/venv").path
        let screen = try run.session.screen()
        let pip = try XCTUnwrap(ProcessTable.waitForProcess(containing: venv + "/bin/python -m pip", timeout: 40),
                                "pip never started; the screen was:\n\(screen)")
        try run.session.waitFor("Looking in indexes", timeout: 30)
        kill(try run.wizardPID(), SIGTERM)
        try run.assertTerminalGivenBack(exitCode: 128 + SIGTERM)
        XCTAssertEqual(ProcessTable.members(ofGroup: pip.group).map(\.commandLine), [])
        let logs = run.logs
        let files = try FileManager.default.contentsOfDirectory(atPath: logs)
        XCTAssertTrue(files.contains { $0.hasSuffix(".log") }, "no exported log: \(files)")
        let transcript = try XCTUnwrap(files.first { $0.hasSuffix(".transcript") })
        XCTAssertTrue(Self.text(logs + "/" + transcript).contains("Looking in indexes: \(server.indexURL)"))
    }

    static func waitForExit(_ process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        return !process.isRunning
    }

    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// The wizard in tmux, wrapped by a shell that records `stty -g` before and after, and the exit status.
final class InteractiveRun {
    let session: TmuxSession
    let logs: String
    private let before: String, after: String, status: String

    init(folder: URL, tag: String, environment: [String: String], columns: Int = 80, rows: Int = 24,
         prefix: String = "", arguments: String = "") throws {
        before = folder.appendingPathComponent("stty-before-\(tag)").path
        after = folder.appendingPathComponent("stty-after-\(tag)").path
        status = folder.appendingPathComponent("status-\(tag)").path
        logs = folder.appendingPathComponent("logs-\(tag)").path
        let script = "stty -g > '\(before)'; \(prefix)'\(BinaryUnderTest.path)' \(arguments) --log-dir '\(logs)'; echo \\$? > '\(status)'; stty -g > '\(after)'; sleep 60"
        session = try TmuxSession(command: "sh -c \"\(script)\"", columns: columns, rows: rows,
                                  environment: environment.filter { ["HOME", "PIP_CONFIG_FILE", "PIP_INDEX_URL", "PIP_DEFAULT_TIMEOUT", "LANG", "NO_COLOR", "PYTHONVERBOSE", "TERM"].contains($0.key) })
    }

    /// The wizard: the only child of the pane's shell.
    func wizardPID() throws -> Int32 {
        let shell = try XCTUnwrap(Int32(try session.query("#{pane_pid}")))
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let child = ProcessTable.children(of: shell).first { return child.pid }
            usleep(50_000)
        }
        throw TmuxSession.TmuxError.timeout("wizard process")
    }

    /// The exit status, once the wizard ended (nil while it runs).
    func exitStatus(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: after) && Date() < deadline { usleep(50_000) }
        usleep(100_000)
        return (try? String(contentsOfFile: status, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func assertTerminalGivenBack(exitCode: Int32, signal: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: after) && Date() < deadline { usleep(50_000) }
        usleep(100_000)
        let code = (try? String(contentsOfFile: status, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(code, String(exitCode), "exit status after signal \(signal)", file: file, line: line)
        let saved = try String(contentsOfFile: before, encoding: .utf8)
        let restored = try String(contentsOfFile: after, encoding: .utf8)
        XCTAssertEqual(saved, restored, "terminal modes differ after signal \(signal)", file: file, line: line)
        XCTAssertEqual(try session.query("#{alternate_on} #{cursor_flag}"), "0 1",
                       "alternate screen left on or cursor hidden after signal \(signal)", file: file, line: line)
    }
}
