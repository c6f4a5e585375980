import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// What a run shows of itself: the progress counts the steps that did their work, a step that succeeded
/// with warnings says so, a fix is shown as this run would run it, and the CPU/GPU screen says when the
/// GPU holds TensorFlow back.
final class ReadableRunTests: XCTestCase {
    private func startInstall(_ driver: inout WizardDriver) {
        driver.press(times: 7, .enter)
        XCTAssertEqual(driver.state.screen, .install)
        driver.at(1000)
    }

    private static func done(_ index: Int) -> EngineEvent {
        .stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1))
    }

    func testProgressCountsOnlyStepsThatDidTheirWork() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        startInstall(&driver)
        driver.engine(.stepStarted(index: 0), Self.done(0), .stepStarted(index: 1),
                      .stepFinished(index: 1, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 1))
        driver.press(.down, .down, .enter)   // skip the failed pip upgrade
        XCTAssertEqual(driver.state.install?.steps[1].status, .skipped)
        driver.engine(.stepStarted(index: 2))
        let progress = driver.screen().components(separatedBy: "\n").first { $0.contains("steps done") } ?? ""
        XCTAssertTrue(progress.contains("1 of 4 steps done, 1 skipped"), progress)
        // 1 done, and half of the running one: the bar is about 3/8 full, not 5/8.
        let filled = progress.filter { $0 == "#" }.count, empty = progress.filter { $0 == "-" }.count
        XCTAssertLessThan(Double(filled) / Double(filled + empty), 0.45, progress)
    }

    func testAStepThatSucceededWithWarningsSaysSo() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        startInstall(&driver)
        let retries = (0..<5).map { "WARNING: Retrying (Retry(total=\(4 - $0), connect=None, read=None)) after connection broken by 'ReadTimeoutError'\r\n" }
        driver.engine(.stepStarted(index: 0), .output(index: 0, bytes: Array(retries.joined().utf8)), Self.done(0),
                      .stepStarted(index: 1), .output(index: 1, bytes: Array("Successfully installed pip-25.3\r\n".utf8)), Self.done(1))
        XCTAssertEqual(driver.state.install?.steps[0].warnings.count, 5)
        XCTAssertEqual(driver.state.install?.steps[1].warnings.count, 0)
        let rows = driver.screen().components(separatedBy: "\n")
        let first = rows.first { $0.hasPrefix("  1. ") } ?? ""
        XCTAssertTrue(first.contains(" done, 5 warn."), first)
        XCTAssertEqual(driver.state.install?.steps[0].note, "5 warnings, the first: Retrying (Retry(total=4, connect=None, read=None)) after connection broken by 'ReadTimeoutError'")
        let second = rows.first { $0.hasPrefix("  2. ") } ?? ""
        XCTAssertFalse(second.contains("warning"), second)
    }

    /// TensorFlow's own notices in the check ("WARNING: All log messages before absl::InitializeLog()")
    /// are not the check's warnings: its result is the check screen's.
    func testTheChecksTensorFlowNoticesAreNotCountedAsWarnings() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        startInstall(&driver)
        let notice = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\r\n"
        driver.engine(.stepStarted(index: 3), .output(index: 3, bytes: Array(notice.utf8)), Self.done(3))
        XCTAssertEqual(driver.state.plan?.steps[3].kind, .validation)
        XCTAssertEqual(driver.state.install?.steps[3].warnings.count, 0)
    }

    /// The failure screen judges a CUDA library line by the GPU of the machine the step ran on.
    func testACUDALibraryLineIsTheCauseOnlyOnAMachineWithAGPU() {
        let line = "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
            + "'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory\r\n"
            + "Traceback (most recent call last):\r\nRuntimeError: the check failed\r\n"
        func cause(gpu: Bool) -> String? {
            var driver = WizardDriver(TestMachine.environment(gpu: gpu, installer: .pip))
            startInstall(&driver)
            let last = (driver.state.plan?.steps.count ?? 1) - 1
            driver.engine(.stepStarted(index: last), .output(index: last, bytes: Array(line.utf8)),
                          .stepFinished(index: last, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                          .awaitingDecision(index: last))
            return driver.state.failureDiagnosis?.cause?.finding.id
        }
        XCTAssertEqual(cause(gpu: true), "cuda-lib-missing")
        XCTAssertNil(cause(gpu: false), "harmless on a machine without an NVIDIA GPU")
    }

    /// The network fix names the venv's interpreter and this run's mirror, its password masked.
    func testFixCommandsUseTheStepsInterpreterAndThisRunsMirror() {
        var answers = Answers()
        answers.indexURL = "https://ada:s3cret@mirror.example.org/simple"
        var driver = WizardDriver(TestMachine.environment(answers: answers, installer: .pip))
        startInstall(&driver)
        let output = TroubleshootScreenTests.networkError.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        driver.engine(.stepStarted(index: 0), Self.done(0), .stepStarted(index: 1), Self.done(1),
                      .stepStarted(index: 2), .output(index: 2, bytes: Array(output.utf8)),
                      .stepFinished(index: 2, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 4)),
                      .awaitingDecision(index: 2))
        driver.press(.down, .enter)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
        let fixes = driver.state.troubleshoot?.shownFixes ?? []
        XCTAssertEqual(fixes.first?.argv.first, "/home/ada/tensorflow/venv/bin/python")
        XCTAssertEqual(fixes.first?.environment["PIP_INDEX_URL"], answers.indexURL)
        let screen = driver.screen().components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(screen.contains("PIP_INDEX_URL='https://ada:****@mirror.example.org/simple' /home/ada/tensorflow/venv/bin/python -m pip install"), screen)
        XCTAssertFalse(screen.contains("s3cret"), screen)
        XCTAssertFalse(screen.contains("$ python3 -m pip"), screen)
    }

    func testTheWholeMatchedLineIsShown() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        startInstall(&driver)
        let output = TroubleshootScreenTests.networkError.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        driver.engine(.stepStarted(index: 0), Self.done(0), .stepStarted(index: 1), .output(index: 1, bytes: Array(output.utf8)),
                      .stepFinished(index: 1, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 4)),
                      .awaitingDecision(index: 1))
        driver.press(.down, .enter)
        let joined = driver.screen().components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("Connection refused')': /simple/tensorflow/"), joined)
    }

    func testTheFullLogWrapsLongLinesInsteadOfCuttingThem() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        startInstall(&driver)
        let long = "ERROR: " + String(repeating: "abcdefghij", count: 20) + " END"
        driver.engine(.stepStarted(index: 0), .output(index: 0, bytes: Array((long + "\r\n").utf8)),
                      .stepFinished(index: 0, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 0))
        driver.press(.end, .up, .enter)   // "Show the full log" is the one before abort
        XCTAssertEqual(driver.state.screen, .fullLog)
        let rows = driver.screen().components(separatedBy: "\n")
        let start = rows.firstIndex { $0.contains("ERROR: abcdefghij") } ?? 0
        let joined = rows[start...].prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        XCTAssertTrue(joined.contains(long.replacingOccurrences(of: " ", with: "")) || joined.contains(long), joined)
        XCTAssertTrue(rows[start + 1].hasPrefix("   "), "a continuation row is indented:\n\(rows[start + 1])")
    }

    /// A GPU older than the newest release supports: said on the CPU/GPU screen, with the release it gets.
    func testAnOldGPUSaysSoWhereTheDeviceIsChosen() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment("gpu-old-capability", answers: Answers()))
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .device)
        driver.press(.end)
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("TensorFlow 2.14 at most"), screen)
        XCTAssertTrue(screen.replacingOccurrences(of: "\n  ", with: " ").contains("is too old for TensorFlow 2.21"), screen)
        assertSnapshot(screen, named: "m15-device-old-gpu")
        driver.press(.home)
        XCTAssertFalse(driver.screen().contains("too old"), "the CPU row has nothing to warn about")
    }

    /// The real probe on this machine answers for a typed interpreter off the list; a wrong path is named.
    func testATypedInterpreterIsAskedForItsFactsAndJoinsTheList() throws {
        let here = try XCTUnwrap(["/usr/bin/python3.11", "/usr/bin/python3.12", "/usr/bin/python3.10"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }, "needs a /usr/bin/python3.1x")
        let prober = Prober(root: "/", runner: SystemCommandRunner(), environment: ProcessInfo.processInfo.environment,
                            venvTarget: nil)
        var driver = WizardDriver(TestMachine.environment(prober: prober, installer: .pip))
        driver.press(.enter, .enter, .enter, .enter)
        XCTAssertEqual(driver.state.screen, .python)
        driver.press(.end)
        XCTAssertTrue(driver.state.pythonCursorOnTypedRow)
        driver.type("/nowhere/python3")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .python)
        XCTAssertTrue(driver.screen().contains("/nowhere/python3 does not exist."), driver.screen())
        driver.press(.control(21))
        driver.type("/bin/sh")
        driver.press(.enter)
        XCTAssertTrue(driver.screen().contains("/bin/sh did not answer as a Python 3"), driver.screen())
        driver.press(.control(21))
        driver.type(here)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .venv, driver.screen())
        XCTAssertEqual(driver.state.answers.python, here)
        XCTAssertTrue(driver.state.facts.pythons.contains { $0.path == here })
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.plan?.pythonPath, here, "the plan is made for the typed interpreter")
    }
}
