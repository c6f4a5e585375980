import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// What stays in the terminal after the wizard's screen is gone: the outcome, the files, the next steps.
final class ExitSummaryTests: XCTestCase {
    private func finishedInstall(success: Bool, rerunOptions: [String] = []) -> WizardDriver {
        var environment = TestMachine.environment(installer: .pip)
        environment.rerunOptions = rerunOptions
        var driver = WizardDriver(environment)
        driver.press(times: 7, .enter)
        for index in 0..<3 {
            driver.engine(.stepStarted(index: index),
                          .stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        }
        if success {
            driver.engine(.stepStarted(index: 3),
                          .validated(index: 3, report: .init(tensorflowVersion: "2.21.0", reduceSum: "12.5", gpuDevices: [], passed: true)),
                          .stepFinished(index: 3, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)),
                          .finished(success: true, cancelled: false))
        } else {
            driver.engine(.stepStarted(index: 3),
                          .output(index: 3, bytes: Array("AttributeError: _ARRAY_API not found\r\nImportError: numpy.core.multiarray failed to import\r\n".utf8)),
                          .stepFinished(index: 3, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                          .awaitingDecision(index: 3))
            driver.press(times: 3, .down)
            driver.press(.enter)   // abort
            driver.engine(.finished(success: false, cancelled: false))
        }
        driver.send(.answersSaved(path: "/home/ada/.local/state/tfwizard/a.yaml", error: nil))
        return driver
    }

    func testSuccessSaysHowToUseAndRemoveIt() {
        let driver = finishedInstall(success: true)
        let lines = ExitSummary.lines(driver.state, reason: .success, logPath: "/home/ada/.local/state/tfwizard/x.log")
        XCTAssertEqual(lines.first, "tfwizard: TensorFlow 2.21.0 is installed and works.")
        XCTAssertTrue(lines.contains("Log: /home/ada/.local/state/tfwizard/x.log"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("Answers: /home/ada/.local/state/tfwizard/a.yaml"))
        XCTAssertTrue(lines.contains("  source ~/tensorflow/venv/bin/activate"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  source ~/tensorflow/venv/bin/activate.fish") })
        XCTAssertTrue(lines.contains("To remove what was installed: rm -rf /home/ada/tensorflow/venv"), lines.joined(separator: "\n"))
    }

    func testFailureRepeatsTheCauseAndHowToGoOn() {
        let driver = finishedInstall(success: false)
        let lines = ExitSummary.lines(driver.state, reason: .failed, logPath: nil)
        let text = lines.joined(separator: "\n")
        XCTAssertEqual(lines.first, "tfwizard: the install did not complete.")
        XCTAssertTrue(text.contains("Step 4 failed: Check that TensorFlow works"), text)
        XCTAssertTrue(text.contains("[numpy2-abi]"), text)
        XCTAssertTrue(text.contains("To run it again with the same answers: tfwizard install --answers /home/ada/.local/state/tfwizard/a.yaml"), text)
    }

    /// The last screen after a failure repeats the cause, names what is done and kept and what is not,
    /// and the command to go on keeps this run's options.
    func testTheFailedFinishScreenRepeatsTheCauseAndKeepsTheOptions() {
        var driver = finishedInstall(success: false, rerunOptions: ["--log-dir", "/srv/tf logs"])
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .done)
        let screen = driver.screen()
        assertSnapshot(screen, named: "m16-done-failed")
        let joined = screen.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("Cause: NumPy 2"), joined)
        XCTAssertTrue(joined.contains("[numpy2-abi]"), joined)
        XCTAssertTrue(joined.contains("Done and kept: 1. Create the virtual environment"), joined)
        XCTAssertTrue(joined.contains("Not done: 4. Check that TensorFlow works"), joined)
        XCTAssertTrue(joined.contains("tfwizard install --answers /home/ada/.local/state/tfwizard/a.yaml --log-dir '/srv/tf logs'"), joined)
        let lines = ExitSummary.lines(driver.state, reason: .failed, logPath: nil).joined(separator: "\n")
        XCTAssertTrue(lines.contains("--answers /home/ada/.local/state/tfwizard/a.yaml --log-dir '/srv/tf logs'"), lines)
        XCTAssertTrue(lines.contains("  Not done: 4. Check that TensorFlow works"), lines)
    }

    func testLeavingBeforeTheInstallChangedNothing() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(.escape, .enter)
        let lines = ExitSummary.lines(driver.state, reason: .cancelled, logPath: "/tmp/x.log")
        XCTAssertEqual(lines.first, "tfwizard: left before installing anything; nothing on this machine was changed.")
        XCTAssertFalse(lines.contains { $0.contains("remove") })
    }
}

/// A plan with steps that run as root names them once more before anything runs; No goes back.
final class RootConfirmationTests: XCTestCase {
    func testDriverPlanAsksBeforeRunningAsRoot() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment("gpu-no-driver", answers: Answers(device: .gpu)))
        for _ in 0..<10 where driver.state.screen != .plan { driver.press(.enter) }
        XCTAssertEqual(driver.state.screen, .plan)
        driver.press(.enter)
        XCTAssertEqual(driver.state.confirmation, .runAsRoot)
        XCTAssertTrue(driver.effects.isEmpty, "nothing starts before the answer")
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("These steps run as root"), screen)
        XCTAssertTrue(screen.contains("driver"), screen)
        assertSnapshot(screen, named: "42-confirm-root")
        driver.press(.escape)
        XCTAssertNil(driver.state.confirmation)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertTrue(driver.effects.isEmpty)
        driver.press(.enter, .enter)
        guard case .startEngine? = driver.effects.first else { return XCTFail("Yes starts the install: \(driver.effects)") }
    }

    func testAPlanWithoutRootStepsStartsAtOnce() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        XCTAssertNil(driver.state.confirmation)
        XCTAssertEqual(driver.state.screen, .install)
    }
}

/// A retried step says which attempt is running, so a second failure does not read like the first.
final class RetryAttemptTests: XCTestCase {
    func testTheStepLineShowsTheAttemptNumber() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 0),
                      .stepFinished(index: 0, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 0))
        XCTAssertFalse(driver.screen().contains("#1"), "a first run has no attempt number")
        driver.press(.enter)                            // Retry
        XCTAssertEqual(driver.effects.last, .decide(.retry))
        driver.engine(.stepStarted(index: 0))
        XCTAssertEqual(driver.state.screen, .install)
        XCTAssertEqual(driver.state.install?.steps[0].attempt, 2)
        let line = driver.screen().split(separator: "\n").first { $0.hasPrefix("  1. ") } ?? ""
        XCTAssertTrue(line.contains("running #2"), String(line))
    }
}

/// The venv folder is judged where it is typed: a folder the plan would refuse stays on the venv screen
/// with the reason in full.
final class VenvFolderCheckTests: XCTestCase {
    private func atVenvScreen() -> WizardDriver {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        for _ in 0..<6 where driver.state.screen != .venv { driver.press(.enter) }
        XCTAssertEqual(driver.state.screen, .venv)
        return driver
    }

    private func submit(_ folder: String, _ driver: inout WizardDriver) {
        driver.press(.control(21))
        driver.type(folder)
        driver.press(.enter)
    }

    func testFoldersThePlanWouldRefuseAreRefusedHere() {
        for (folder, expected) in [("tf-venv", "is not an absolute path"), ("$HOME/tf", "shell variable"),
                                   ("/proc/tf", "the system owns")] {
            var driver = atVenvScreen()
            submit(folder, &driver)
            XCTAssertEqual(driver.state.screen, .venv, folder)
            XCTAssertTrue(driver.screen().contains(expected), "\(folder):\n\(driver.screen())")
        }
    }

    func testAGoodFolderGoesOnAndTildeIsExpanded() {
        var driver = atVenvScreen()
        submit("~/envs/tf", &driver)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.plan?.steps.first?.argv.last, "/home/ada/envs/tf")
    }
}

/// Ubuntu 18.04's only Python (3.6) fits no release tfwizard knows: the Python screen, where Enter stops,
/// gives the reason and the ways out.
final class NoUsablePythonTests: XCTestCase {
    func testTheStoppingScreenSaysWhatToDoInstead() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment("ubuntu-18.04", answers: Answers()))
        for _ in 0..<10 { driver.press(.enter) }
        XCTAssertEqual(driver.state.screen, .python)
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("No Python on this machine can be used"), screen)
        XCTAssertTrue(screen.contains("Docker"), screen)
        assertSnapshot(screen, named: "m14-no-usable-python")
    }
}
