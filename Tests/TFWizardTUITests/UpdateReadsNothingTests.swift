import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// `Wizard.update` reads no file and no folder: the plan's target folder and a log file to diagnose are
/// effects whose answers come back as events, as the engine's do.
final class UpdateReadsNothingTests: XCTestCase {
    final class Reads: @unchecked Sendable { var count = 0 }

    private func update(_ state: inout WizardState, _ event: WizardEvent, _ environment: WizardEnvironment) -> [WizardEffect] {
        let (next, effects) = Wizard.update(state, event, environment: environment)
        state = next
        return effects
    }

    func testThePlanWaitsForTheTargetFolderToBeRead() {
        let reads = Reads()
        var environment = TestMachine.environment(installer: .pip)
        environment.inspectTarget = { answers in reads.count += 1; return .absent(answers.venv) }
        var state = Wizard.initialState(environment: environment, size: TerminalSize(rows: 24, columns: 80))
        var effects: [WizardEffect] = []
        for _ in 0..<6 { effects = update(&state, .key(.enter), environment) }
        // The venv screen asks for its folder to be read before it moves on.
        XCTAssertEqual(state.screen, .venv)
        XCTAssertEqual(effects, [.inspectTarget(state.answers)])
        effects = update(&state, .targetInspected(state.answers, .absent("/home/ada/tensorflow/venv")), environment)
        XCTAssertEqual(state.screen, .plan)
        XCTAssertEqual(effects, [.inspectTarget(state.answers)])
        XCTAssertEqual(reads.count, 0, "update itself read the target folder")
        XCTAssertNil(state.plan)
        // An answer for other answers (the user went back meanwhile) is ignored.
        var other = state.answers
        other.venv = "/elsewhere"
        _ = update(&state, .targetInspected(other, .absent("/elsewhere")), environment)
        XCTAssertNil(state.plan)
        _ = update(&state, .targetInspected(state.answers, .absent("/home/ada/tensorflow/venv")), environment)
        XCTAssertEqual(state.plan?.steps.map(\.id), ["create-venv", "upgrade-pip", "install-tf", "validate"])
        XCTAssertEqual(reads.count, 0)
    }

    func testALogFileIsReadAsAnEffect() {
        let reads = Reads()
        var environment = TestMachine.environment(installer: .pip)
        environment.loadLogFile = { path in
            reads.count += 1
            return .failure(LogFileProblem(message: "cannot read \(path)"))
        }
        var state = Wizard.initialState(environment: environment, size: TerminalSize(rows: 24, columns: 80))
        _ = update(&state, .key(.down), environment)
        _ = update(&state, .key(.enter), environment)
        XCTAssertEqual(state.screen, .logPath)
        for character in "/var/log/x.log" { _ = update(&state, .key(.character(character)), environment) }
        let effects = update(&state, .key(.enter), environment)
        XCTAssertEqual(effects, [.readLogFile("/var/log/x.log")])
        XCTAssertEqual(reads.count, 0)
        guard let answer = environment.read(effects[0]) else { return XCTFail("no answer to the read") }
        XCTAssertEqual(reads.count, 1)
        _ = update(&state, answer, environment)
        XCTAssertEqual(state.message?.text, "cannot read /var/log/x.log")
    }
}

/// System pip on a machine whose python3 is externally managed: the Python screen disables that row with
/// the reason and starts on one pip accepts, so Enter through it never meets "these answers cannot work".
final class SystemPipPythonScreenTests: XCTestCase {
    func testExternallyManagedPythonIsDisabledForSystemPip() {
        var driver = WizardDriver(TestMachine.environment(answers: Answers(method: .systemPip), installer: .pip))
        for _ in 0..<6 where driver.state.screen != .python { driver.press(.enter) }
        XCTAssertEqual(driver.state.screen, .python)
        let system = driver.state.pythonChoices.firstIndex { $0.path == "/usr/bin/python3" }!
        XCTAssertNotNil(driver.state.pythonProblems[system], "PEP 668: pip refuses it")
        XCTAssertNotEqual(driver.state.pythonCursor, system)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertNil(driver.state.refusal, "\(String(describing: driver.state.refusal))")
    }
}
