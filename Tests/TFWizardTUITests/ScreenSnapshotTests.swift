import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// One 80x24 text snapshot per screen, reached by pressing keys from the start.
final class ScreenSnapshotTests: XCTestCase {
    func testWelcome() {
        let driver = WizardDriver(TestMachine.environment())
        assertSnapshot(driver.screen(), named: "01-welcome")
    }

    func testWelcomeWarnsWithoutAVX() {
        var environment = TestMachine.environment()
        environment.facts.cpu.hasAVX = false
        let screen = WizardDriver(environment).screen()
        XCTAssertTrue(screen.contains("This CPU has no AVX instructions"), screen)
    }

    func testDeviceWithoutGPU() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .down)
        assertSnapshot(driver.screen(), named: "02-device-no-gpu")
    }

    func testDeviceWithGPU() {
        var driver = WizardDriver(TestMachine.environment(gpu: true))
        driver.press(.enter)
        assertSnapshot(driver.screen(), named: "02-device-gpu")
    }

    func testMethodRecommendsVenv() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter)
        assertSnapshot(driver.screen(), named: "03-method")
    }

    func testMethodShowsWhySystemPipIsRefused() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .down)
        assertSnapshot(driver.screen(), named: "03-method-system-pip-refused")
    }

    /// Docker is offered as the shipped planner says (no client here: the plan installs docker.io); choosing
    /// it goes on to the package question.
    func testChoosingDockerAsksForItsImage() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .down, .down, .enter)
        assertSnapshot(driver.screen(), named: "03-method-docker-chosen")
    }

    func testPackageAndVersion() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .tab, .down)
        assertSnapshot(driver.screen(), named: "04-package")
    }

    func testPythonDefaultChoice() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .enter)
        assertSnapshot(driver.screen(), named: "05-python")
    }

    func testPythonUnsupportedRowShowsReason() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .enter, .down, .enter)
        assertSnapshot(driver.screen(), named: "05-python-unsupported")
    }

    func testVenvFolder() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .enter, .enter)
        driver.press(times: 5, .backspace)
        driver.type("tf")
        assertSnapshot(driver.screen(), named: "06-venv")
    }

    func testPlanReview() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 6, .enter)
        assertSnapshot(driver.screen(), named: "07-plan")
    }

    func testPlanRefused() {
        // A CPU without AVX: every TensorFlow wheel needs it, and the shipped planner says so at the plan.
        var driver = WizardDriver(TestMachine.environment(adjust: { $0.cpu.hasAVX = false }))
        driver.press(times: 6, .enter)
        assertSnapshot(driver.screen(), named: "07-plan-refused")
    }

    func testInstallRunningWithProgressLine() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.runSecondStep(printing: ["Requirement already satisfied: pip in ./lib/python3.12/site-packages (24.0)\r\n",
                                        "Collecting pip\r\n  Downloading pip-25.3-py3-none-any.whl (1.8 MB)\r\n",
                                        "     ━━━━━━━━━━ 0.4/1.8 MB 3.1 MB/s eta 0:00:01\r",
                                        "     ━━━━━━━━━━ 1.8/1.8 MB 5.0 MB/s eta 0:00:00\r\n"])
        assertSnapshot(driver.screen(), named: "08-install-running")
    }

    func testInstallFinishedWithLogFocusHistory() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 0), .output(index: 0, bytes: Array("[sudo] password for ada: ".utf8)))
        driver.press(.tab)
        XCTAssertTrue(driver.screen().contains("typing goes to the running program"))
        driver.engine(.output(index: 0, bytes: Array("\n".utf8)),
                      .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 2)),
                      .finished(success: true, cancelled: false))
        assertSnapshot(driver.screen(), named: "08-install-finished")
    }

    func testCancelAsksFirst() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 0))
        driver.press(.interrupt)
        assertSnapshot(driver.screen(), named: "08-install-confirm-cancel")
    }

    func testFailureOffersRetrySkipLogAbort() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        failInstall(&driver, step: 2)
        assertSnapshot(driver.screen(), named: "09-failure")
    }

    func testFullLog() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        failInstall(&driver, step: 2)
        driver.press(.down, .down, .enter)
        assertSnapshot(driver.screen(), named: "10-full-log")
    }

    func testValidationResult() {
        var driver = WizardDriver(TestMachine.environment())
        finishInstall(&driver)
        assertSnapshot(driver.screen(), named: "11-validation")
    }

    func testDone() {
        var driver = WizardDriver(TestMachine.environment())
        finishInstall(&driver)
        driver.press(.enter)
        driver.send(.logExported(path: "/home/ada/.local/state/tfwizard/install-20261126-1030.log", error: nil))
        driver.send(.answersSaved(path: "/home/ada/.local/state/tfwizard/answers-20261126-1030.yaml", error: nil))
        assertSnapshot(driver.screen(), named: "12-done")
    }

    func testSmallTerminal() {
        var driver = WizardDriver(TestMachine.environment())
        driver.resize(rows: 20, columns: 60)
        assertSnapshot(driver.screen(), named: "13-too-small")
        driver.resize(rows: 24, columns: 80)
        XCTAssertTrue(driver.screen().contains("Welcome"))
    }

    /// A failed last step is not said to be "needed by later steps": there are none.
    func testFailedLastStepSaysWhyItCannotBeSkipped() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        failInstall(&driver, step: 3)
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("This is the last step"), screen)
        XCTAssertFalse(screen.contains("Later steps need this one"), screen)
    }

    /// The too-small screen says how to quit, and that way works although no question can be drawn.
    func testSmallTerminalQuitsWithCtrlCTwice() {
        var driver = WizardDriver(TestMachine.environment())
        driver.resize(rows: 20, columns: 60)
        XCTAssertTrue(driver.screen().contains("Ctrl-C twice to quit"), driver.screen())
        driver.press(.interrupt, .interrupt)
        XCTAssertEqual(driver.state.exitReason, .cancelled)
    }

    // MARK: - helpers

    func failInstall(_ driver: inout WizardDriver, step: Int) { driver.failDefaultInstall(step: step) }

    func finishInstall(_ driver: inout WizardDriver) { driver.finishDefaultInstall() }
}
