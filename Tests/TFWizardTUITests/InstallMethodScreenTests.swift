import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// A sixth install method, written as a new one would be (its type, its strings, one registry row): the
/// wizard offers it, asks its questions, plans it with its own planner and says how to use the result,
/// with no screen knowing its name.
final class InstallMethodScreenTests: XCTestCase {
    private struct KettleMethod: InstallMethod {
        var id: Answers.Method { Answers.Method("kettle") }
        var questions: [InstallQuestion] { [.python] }

        func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
            .available
        }

        func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
            Plan(answers: planning.answers, steps: [
                Step(id: "kettle-brew", title: "Brew TensorFlow \(release.version) in a kettle", why: "kettle keeps it apart",
                     argv: ["kettle", "brew", "tensorflow==" + release.version]),
                Step(id: "validate", title: "Check that TensorFlow works", why: "", argv: ["kettle", "check"], kind: .validation),
            ], notes: ["The kettle brews with \(planning.answers.python ?? "its own Python")."],
                 tensorflowVersion: release.version, pythonPath: nil)
        }

        func runsIn(_ answers: Answers) -> String? { "kettle:tf" }

        func doneHints(_ answers: Answers) -> DoneHints {
            DoneHints(commands: [.init(lead: "done.kettle", command: "kettle pour tf")], tryIt: false)
        }
    }

    private static let strings = ["method.kettle": "Kettle environment", "method.kettle.line": "TensorFlow brewed in a kettle.",
                                  "done.kettle": "To use it, pour the kettle:"]

    private func driver() throws -> WizardDriver {
        // The shipped wiring with one more method in its registry: nothing else is replaced.
        let methods = InstallMethods(InstallMethods.all.methods + [KettleMethod()], recommended: .venv)
        var environment = try RecordedMachineEnvironment.environment("gpu-none-docker-missing", answers: Answers(),
                                                                     dryRun: false, methods: methods)
        environment.textOverrides = Self.strings
        return WizardDriver(environment)
    }

    func testAMethodIsOneTypeAndOneRegistryRow() throws {
        var driver = try driver()
        driver.press(.enter, .enter)
        XCTAssertEqual(driver.state.screen, .method)
        driver.press(times: 5, .down)
        var screen = driver.screen()
        XCTAssertTrue(screen.contains("Kettle environment"), screen)
        XCTAssertTrue(screen.contains("TensorFlow brewed in a kettle."), screen)

        driver.press(.enter)
        XCTAssertEqual(driver.state.answers.method, Answers.Method("kettle"))
        XCTAssertEqual(driver.state.questionScreens, [.welcome, .device, .method, .package, .python, .plan])
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .python, "the kettle's own question")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        let plan = try XCTUnwrap(driver.state.plan, "\(String(describing: driver.state.refusal))")
        XCTAssertEqual(plan.steps.map(\.id), ["kettle-brew", "validate"])
        screen = driver.screen()
        XCTAssertTrue(screen.contains("Brew TensorFlow 2.21.0 in a kettle"), screen)
        XCTAssertTrue(screen.contains("in kettle:tf"), screen)

        try driver.finishInstall()
        screen = driver.screen()
        XCTAssertTrue(screen.contains("To use it, pour the kettle:"), screen)
        XCTAssertTrue(screen.contains("  kettle pour tf"), screen)
        XCTAssertFalse(screen.contains("python -c"), "the kettle's hints leave out the Python one-liner")
    }

    func testTheBuiltInMethodsAreTheRegistrysRows() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment("gpu-none-docker-missing", answers: Answers()))
        driver.press(.enter, .enter)
        XCTAssertEqual(MethodScreen.methods(driver.state), [.venv, .systemPip, .docker, .conda, .source])
        XCTAssertEqual(MethodScreen.rows(driver.state).first?.tag, "recommended")
        XCTAssertFalse(driver.screen().contains("Kettle"))
    }
}
