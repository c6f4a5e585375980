import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// "Remove what tfwizard installed" on the welcome screen: the uninstall plan is read as an effect and shown
/// on the plan screen first; Enter runs it through the engine; a refusal says why and runs nothing.
final class UninstallScreenTests: XCTestCase {
    private let venv = "/home/ada/tensorflow/venv"

    private func environment(_ result: Result<Plan, PlanRefusal>) -> WizardEnvironment {
        var environment = TestMachine.environment()
        environment.planUninstall = { _ in result }
        return environment
    }

    private func removalPlan() -> Plan {
        Plan(answers: Answers(), steps: [Step(id: "uninstall", title: "Remove the venv install",
                                              why: "Takes off what tfwizard installed this way; nothing else is touched.",
                                              argv: ["rm", "-rf", venv])],
             notes: [], tensorflowVersion: "2.21.0", pythonPath: nil)
    }

    func testRemovalIsShownFirstThenRunAndEndsWithRemoved() {
        let plan = removalPlan()
        var driver = WizardDriver(environment(.success(plan)))
        driver.press(.down, .down, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        let shown = driver.screen()
        XCTAssertTrue(shown.contains("tfwizard will remove what it installed for these answers (venv):"), shown)
        XCTAssertTrue(shown.contains("$ rm -rf \(venv)"), shown)
        XCTAssertEqual(driver.effects, [], "nothing runs before Enter")

        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .install)
        XCTAssertTrue(driver.effects.contains(.startEngine(plan)), "\(driver.effects)")
        driver.effects.removeAll()
        driver.engine(.stepStarted(index: 0),
                      .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 0.1)),
                      .finished(success: true, cancelled: false))
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .done)
        XCTAssertFalse(driver.effects.contains { if case .saveAnswers = $0 { return true } else { return false } },
                       "a removal saves no answer file")
        let done = driver.screen()
        XCTAssertTrue(done.contains("Removed."), done)
        XCTAssertFalse(done.contains("works"), done)
        XCTAssertEqual(ExitSummary.lines(driver.state, reason: .success, logPath: "/tmp/x.log").first, "Removed.")
    }

    func testRefusalRunsNothingAndEscGoesBack() {
        let refusal = PlanRefusal(field: "venv", message: "\(venv) holds more than the venv tfwizard made (data): it is left alone; "
                                  + "remove it yourself if that is what you want.")
        var driver = WizardDriver(environment(.failure(refusal)))
        driver.press(.down, .down, .enter)
        let shown = driver.screen()
        XCTAssertTrue(shown.contains("holds more than the venv tfwizard made (data)"), shown)
        assertSnapshot(shown, named: "40-uninstall-refused")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.effects, [])
        driver.press(.escape)
        XCTAssertEqual(driver.state.screen, .welcome)
        XCTAssertFalse(driver.state.removing)
    }
}
