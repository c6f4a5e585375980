import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The whole loop with scripted keys and a fake engine that plays a successful install.
final class WizardAppTests: XCTestCase {
    func testRunEndsInSuccessAfterEnterThroughEverything() {
        TestLocale.useUTF8()
        let engines = EngineBox()
        let script: [EngineEvent] = [
            .stepStarted(index: 0), .output(index: 0, bytes: Array("ok\n".utf8)),
            .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)),
            .validated(index: 3, report: .init(tensorflowVersion: "2.21.0", reduceSum: "3.0", gpuDevices: [], passed: true)),
            .finished(success: true, cancelled: false),
        ]
        let environment = TestMachine.environment(engineScript: script, engines: engines)
        // 7 Enters reach the install; then: install screen, validation, done.
        let terminal = MemoryTerminal(keys: Array(repeating: .enter, count: 10))
        let result = WizardApp.run(environment: environment, terminal: terminal)
        XCTAssertEqual(result, .success)
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertTrue(engines.last?.started ?? false)
        XCTAssertFalse(terminal.scriptExhausted)
        XCTAssertTrue(terminal.text().contains("TensorFlow is installed and works."))
        XCTAssertTrue(terminal.text().contains("answers-20261126-1030.yaml"))
    }

    /// The last screen's log export reads the whole transcript back; the loop hands it to another
    /// thread and goes on drawing and reading keys.
    func testTheLogIsExportedOnceOffTheUIThread() {
        TestLocale.useUTF8()
        let script: [EngineEvent] = [
            .stepStarted(index: 0), .output(index: 0, bytes: Array("ok\n".utf8)),
            .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)),
            .finished(success: true, cancelled: false),
        ]
        var environment = TestMachine.environment(engineScript: script)
        let exports = ExportRecorder()
        let loopThread = pthread_self()
        environment.exportLog = {
            exports.record(onLoopThread: pthread_equal(pthread_self(), loopThread) != 0)
            usleep(1_500_000)
            return "/home/ada/.local/state/tfwizard/install.log"
        }
        let terminal = MemoryTerminal(keys: Array(repeating: .enter, count: 9))
        let start = Date()
        _ = WizardApp.run(environment: environment, terminal: terminal)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.2, "the loop waited for the export")
        XCTAssertTrue(terminal.text().contains("TensorFlow is installed and works."), terminal.text())
        let deadline = Date().addingTimeInterval(5)
        while exports.calls.isEmpty && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(exports.calls, [false], "exported once, not on the loop's thread")
    }

    func testCtrlCDuringInstallCancelsAfterConfirmation() {
        TestLocale.useUTF8()
        let engines = EngineBox()
        let environment = TestMachine.environment(engineScript: [.stepStarted(index: 0)], engines: engines)
        let terminal = MemoryTerminal(keys: Array(repeating: .enter, count: 7) + [.interrupt, .left, .enter, .enter])
        let result = WizardApp.run(environment: environment, terminal: terminal)
        XCTAssertEqual(result, .cancelled)
        XCTAssertEqual(result.exitCode, 130)
        XCTAssertTrue(engines.last?.cancelled ?? false)
        XCTAssertFalse(terminal.scriptExhausted)
    }

    func testApplyingAFixReachesTheEngine() {
        TestLocale.useUTF8()
        let engines = EngineBox()
        let output = "The virtual environment was not created successfully because ensurepip is not\r\navailable.\r\n"
        let script: [EngineEvent] = [
            .stepStarted(index: 0), .output(index: 0, bytes: Array(output.utf8)),
            .stepFinished(index: 0, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
            .awaitingDecision(index: 0),
        ]
        let environment = TestMachine.environment(engineScript: script, engines: engines)
        // 7 Enters start the install; Down+Enter troubleshoot; Enter apply; Enter confirm; Ctrl-C twice leaves.
        let keys: [Key] = Array(repeating: .enter, count: 7) + [.down, .enter, .enter, .enter, .interrupt, .interrupt]
        let terminal = MemoryTerminal(keys: keys)
        _ = WizardApp.run(environment: environment, terminal: terminal)
        XCTAssertEqual(engines.last?.fixRuns.map { $0.map(\.argv) },
                       [[["sudo", "apt-get", "install", "-y", "python3.12-venv"]]])
        XCTAssertEqual(engines.last?.decisions, [], "the fix is its own answer, not a plain retry")
    }

    func testNcursesTerminalRefusesWithoutATerminal() {
        // Tests run with stdin/stdout not a tty (or TERM unset): opening must throw, never exit.
        XCTAssertThrowsError(try NcursesTerminal(environment: [:], strings: Strings(language: "en")))
    }

    func testKeyDecoding() {
        XCTAssertEqual(NcursesTerminal.characterKey(3), .interrupt)
        XCTAssertEqual(NcursesTerminal.characterKey(27), .escape)
        XCTAssertEqual(NcursesTerminal.characterKey(13), .enter)
        XCTAssertEqual(NcursesTerminal.characterKey(127), .backspace)
        XCTAssertEqual(NcursesTerminal.characterKey(0x4e2d), .character("中"))
        XCTAssertEqual(NcursesTerminal.characterKey(21), .control(21))
    }
}

final class ExportRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var onLoopThread: [Bool] = []
    func record(onLoopThread value: Bool) { lock.lock(); onLoopThread.append(value); lock.unlock() }
    var calls: [Bool] { lock.lock(); defer { lock.unlock() }; return onLoopThread }
}
