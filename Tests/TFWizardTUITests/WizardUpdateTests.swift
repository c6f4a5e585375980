import TFWizardCore
@testable import TFWizardTUI
import XCTest

final class WizardUpdateTests: XCTestCase {
    func testEnterThroughDefaultsReachesPlanThenInstall() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertNotNil(driver.state.plan)
        XCTAssertTrue(driver.effects.isEmpty, "nothing runs before the plan is confirmed")
        XCTAssertEqual(driver.state.answers.method, .venv)
        XCTAssertEqual(driver.state.answers.device, .cpu)
        XCTAssertEqual(driver.state.answers.python, "/usr/bin/python3")
        XCTAssertEqual(driver.state.answers.venv, "~/tensorflow/venv")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .install)
        guard case .startEngine(let plan)? = driver.effects.first else { return XCTFail("no engine start: \(driver.effects)") }
        // uv, the recommended installer where pip reads no index of its own (InstallerChoiceTests).
        XCTAssertEqual(plan.steps.map(\.id), ["create-uv-env", "install-uv", "create-venv", "install-tf", "validate"])
    }

    func testDefaultsPreferAWorkingGPU() {
        var driver = WizardDriver(TestMachine.environment(gpu: true))
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.answers.device, .gpu)
        XCTAssertEqual(driver.state.plan?.steps.first { $0.id == "install-tf" }?.title, "Install tensorflow[and-cuda]")
    }

    func testGPUCannotBeChosenWithoutNVIDIA() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .down, .enter)
        XCTAssertEqual(driver.state.screen, .device)
        XCTAssertEqual(driver.state.message?.text, "No NVIDIA GPU was found on this machine, so a GPU install cannot work here.")
    }

    func testDisabledPythonRowsCannotBeChosen() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .enter)
        XCTAssertEqual(driver.state.screen, .python)
        // Supported ones first, newest first; the recommended one (a system Python) starts highlighted.
        XCTAssertEqual(driver.state.pythonChoices.map(\.version), ["3.13.1", "3.12.3", "3.9.19"])
        XCTAssertEqual(driver.state.pythonCursor, 1)
        XCTAssertNotNil(driver.state.pythonProblems[2])
        driver.press(.down, .enter)
        XCTAssertEqual(driver.state.screen, .python, "3.9 is not supported by 2.21")
        XCTAssertNil(driver.state.answers.python)
        driver.press(.home, .enter)
        XCTAssertEqual(driver.state.screen, .venv)
        XCTAssertEqual(driver.state.answers.python, TestMachine.python313.path)
    }

    func testOlderReleaseEnablesOlderPython() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .enter, .tab, .down, .down, .enter)   // 2.20.0 supports 3.9
        XCTAssertEqual(driver.state.answers.version, "2.20.0")
        XCTAssertTrue(driver.state.pythonProblems.allSatisfy { $0 == nil })
    }

    /// Enter on a refused row keeps the highlight there and says why; the user moves on by choice.
    func testRefusedMethodKeepsTheHighlightAndSaysWhy() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .down, .down, .down, .enter)   // conda: none on this machine
        XCTAssertEqual(driver.state.screen, .method)
        XCTAssertEqual(driver.state.methodCursor, 3, "the highlight stays on the refused row")
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Not possible here: No conda or mamba was found") == true,
                      driver.state.message?.text ?? "")
        driver.press(.up, .up, .up, .enter)
        XCTAssertEqual(driver.state.screen, .package)
        XCTAssertEqual(driver.state.answers.method, .venv)
    }

    func testEscGoesBackAndQuitAsksFirst() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .enter, .escape)
        XCTAssertEqual(driver.state.screen, .device)
        driver.press(.escape, .escape)
        XCTAssertEqual(driver.state.confirmation, .quit)
        driver.press(.enter)                           // "No" is highlighted first
        XCTAssertNil(driver.state.exitReason)
        driver.press(.interrupt, .left, .enter)
        XCTAssertEqual(driver.state.exitReason, .cancelled)
    }

    func testVenvFieldEditing() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 5, .enter)
        XCTAssertEqual(driver.state.screen, .venv)
        driver.press(.control(21))
        driver.type("/opt/tf env")
        driver.press(.left, .left, .left, .backspace)
        driver.press(.enter)
        XCTAssertEqual(driver.state.answers.venv, "/opt/tfenv")
        XCTAssertEqual(driver.state.screen, .plan)
    }

    func testCancelAsksToConfirmThenCancels() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 0))
        driver.effects.removeAll()
        driver.press(.escape)
        XCTAssertEqual(driver.state.confirmation, .cancelInstall)
        driver.press(.escape)                         // no
        XCTAssertNil(driver.state.confirmation)
        XCTAssertFalse(driver.effects.contains(.cancelEngine))
        driver.press(.interrupt)
        XCTAssertEqual(driver.state.confirmation, .cancelInstall)
        driver.press(.right, .enter)
        XCTAssertEqual(driver.effects, [.cancelEngine])
        driver.engine(.stepFinished(index: 0, outcome: .init(status: .cancelled, exitCode: nil, signal: 15, durationSeconds: 1)),
                      .finished(success: false, cancelled: true))
        XCTAssertEqual(driver.state.screen, .done)
        XCTAssertEqual(driver.effects.suffix(2), [.exportLog, .saveAnswers(driver.state.answers)])
        driver.press(.enter)
        XCTAssertEqual(driver.state.exitReason, .cancelled)
    }

    func testFailureOffersRetryAndSkipOnlyWhenSafe() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 1),
                      .stepFinished(index: 1, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 1))
        XCTAssertEqual(driver.state.screen, .failure)
        XCTAssertEqual(FailureScreen.choices(driver.state), [.retry, .troubleshoot, .skip, .log, .abort],
                       "upgrading pip is safe to skip")
        driver.effects.removeAll()
        driver.press(.down, .down, .enter)
        XCTAssertEqual(driver.effects, [.decide(.skip)])
        XCTAssertEqual(driver.state.screen, .install)

        driver.engine(.stepStarted(index: 2),
                      .stepFinished(index: 2, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 2))
        XCTAssertEqual(FailureScreen.choices(driver.state), [.retry, .troubleshoot, .log, .abort],
                       "installing TensorFlow cannot be skipped")
        driver.effects.removeAll()
        driver.press(.enter)
        XCTAssertEqual(driver.effects, [.decide(.retry)])
        XCTAssertEqual(driver.state.install?.steps[2].status, .pending)
    }

    func testAbortEndsAsFailed() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 2),
                      .stepFinished(index: 2, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 2))
        driver.press(.down, .down, .down, .enter)
        XCTAssertEqual(driver.effects.last, .decide(.abort))
        driver.engine(.finished(success: false, cancelled: false))
        XCTAssertEqual(driver.state.screen, .install)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .done)
        driver.press(.enter)
        XCTAssertEqual(driver.state.exitReason, .failed)
    }

    func testLogPaneSendsKeysToTheChildWhenFocused() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 0))
        driver.effects.removeAll()
        driver.press(.character("x"))
        XCTAssertTrue(driver.effects.isEmpty, "the step list has focus")
        driver.press(.tab)
        driver.type("pw")
        driver.press(.enter)
        XCTAssertEqual(driver.effects, [.sendInput([112]), .sendInput([119]), .sendInput([13])])
        driver.press(.interrupt)
        XCTAssertEqual(driver.state.confirmation, .cancelInstall, "Ctrl-C is never passed through")
    }

    func testLogScrollsAndProgressLinesUpdateInPlace() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 7, .enter)
        driver.engine(.stepStarted(index: 2))
        for percent in stride(from: 0, through: 100, by: 10) {
            driver.engine(.output(index: 2, bytes: Array("\rDownloading \(percent)%".utf8)))
        }
        XCTAssertEqual(driver.state.install?.logLines.filter { $0.hasPrefix("Downloading") }, ["Downloading 100%"])
        for line in 1...60 { driver.engine(.output(index: 2, bytes: Array("line \(line)\n".utf8))) }
        driver.press(.pageUp)
        XCTAssertGreaterThan(driver.state.install?.logScroll ?? 0, 0)
        XCTAssertFalse(driver.screen().contains("line 60"))
        driver.press(.end)
        XCTAssertEqual(driver.state.install?.logScroll, 0)
        XCTAssertTrue(driver.screen().contains("line 60"))
    }

    func testSuccessGoesThroughValidationToDone() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 7, .enter)
        driver.engine(.validated(index: 3, report: .init(tensorflowVersion: "2.21.0", reduceSum: "1.0", gpuDevices: [], passed: true)),
                      .finished(success: true, cancelled: false))
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .validation)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .done)
        driver.press(.enter)
        XCTAssertEqual(driver.state.exitReason, .success)
    }

    func testLogExportKeyFromThePlanOn() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.function(2))
        XCTAssertTrue(driver.effects.isEmpty, "no log before the plan")
        driver.press(times: 6, .enter, )
        XCTAssertTrue(driver.screen().contains("F2 export log"))
        driver.press(.function(2))
        XCTAssertEqual(driver.effects, [.exportLog])
        driver.send(.logExported(path: "/tmp/x.log", error: nil))
        XCTAssertTrue(driver.screen().contains("Log written to /tmp/x.log"))
    }

    func testRefusedPlanCannotStartAndLeadsToTheField() {
        var driver = WizardDriver(TestMachine.environment(adjust: { $0.cpu.hasAVX = false }))
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .package, "Enter leads to the answer to change")
        XCTAssertTrue(driver.effects.isEmpty)
    }

    func testLogPaneSizeGoesToTheChildAndFollowsResizes() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(times: 7, .enter)
        // 24 rows: title, blank, 4 steps, blank, progress bar, log header, message, help -> 13 log rows.
        XCTAssertEqual(driver.effects.last, .resizeLogPane(rows: 13, columns: 78))
        driver.engine(.stepStarted(index: 0))
        for line in 1...40 { driver.engine(.output(index: 0, bytes: Array("line \(line)\n".utf8))) }
        let logRows = driver.screen().split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix(" line ") }
        XCTAssertEqual(logRows.count, 13, driver.screen())
        driver.resize(rows: 30, columns: 100)
        XCTAssertEqual(driver.effects.last, .resizeLogPane(rows: 19, columns: 98))
    }

    func testPlanScrolls() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(times: 6, .enter)
        XCTAssertTrue(driver.screen().contains("more below"))
        driver.press(.end)
        let screen = driver.screen()
        XCTAssertFalse(screen.contains("more below"))
        XCTAssertTrue(screen.contains("Nothing has run yet. Press Enter to run these steps."))
        XCTAssertTrue(screen.contains("5. Check that TensorFlow works"))
    }
}
