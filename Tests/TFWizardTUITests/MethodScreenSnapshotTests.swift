import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// 80x24 screens for the GPU, Docker and conda cases, on recorded machines with the real planner.
final class MethodScreenSnapshotTests: XCTestCase {
    private func driver(_ machine: String, _ answers: Answers, dryRun: Bool = true) throws -> WizardDriver {
        WizardDriver(try RecordedMachineEnvironment.environment(machine, answers: answers, dryRun: dryRun))
    }

    /// Enter through the question screens, taking each default, up to the plan review.
    private func reachPlan(_ driver: inout WizardDriver, file: StaticString = #filePath, line: UInt = #line) {
        for _ in 0..<10 where driver.state.screen != .plan { driver.press(.enter) }
        XCTAssertEqual(driver.state.screen, .plan, file: file, line: line)
    }

    func testNoGPUKeepsTheDeviceQuestion() throws {
        var driver = try driver("gpu-none-docker-missing", Answers(device: .gpu))
        driver.press(.enter, .enter)
        XCTAssertEqual(driver.state.screen, .device, "GPU cannot be chosen without an NVIDIA GPU")
        assertSnapshot(driver.screen(), named: "m01-no-gpu-device")
        XCTAssertEqual(MachineFixturePlan.refusalField(try RecordedMachineEnvironment.environment("gpu-none-docker-missing",
                                                                                                  answers: Answers(device: .gpu))), "device")
    }

    func testGPUWithoutDriverPlansTheDriverAndTheReboot() throws {
        var driver = try driver("gpu-no-driver", Answers(device: .gpu), dryRun: false)
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.first?.id, "driver-list")
        assertSnapshot(driver.screen(), named: "m02-gpu-no-driver-plan")
    }

    func testDriverTooOld() throws {
        var driver = try driver("gpu-old-driver", Answers(device: .gpu))
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.map(\.id).contains("driver-install"), true)
        assertSnapshot(driver.screen(), named: "m03-gpu-old-driver-plan")
    }

    /// A GPU too old for the newest release: the package screen starts from the last release that supports
    /// it and says why (or choose CPU), so Enter through the defaults reaches a plan that works.
    func testComputeCapabilityTooOldGetsItsLastRelease() throws {
        var driver = try driver("gpu-old-capability", Answers(device: .gpu))
        for _ in 0..<10 where driver.state.screen != .package { driver.press(.enter) }
        let package = driver.screen()
        XCTAssertTrue(package.contains("too old for TensorFlow 2.21"), package)
        assertSnapshot(package, named: "m04-gpu-old-capability-package")
        reachPlan(&driver)
        XCTAssertNil(driver.state.refusal)
        XCTAssertEqual(driver.state.plan?.tensorflowVersion, "2.14.1")
    }

    func testModernGPUPlan() throws {
        var driver = try driver("ubuntu-24.04", Answers(device: .gpu))
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.last?.id, "validate")
        assertSnapshot(driver.screen(), named: "m05-gpu-h200-plan")
    }

    func testDockerImageScreenAndMissingDocker() throws {
        var driver = try driver("gpu-none-docker-missing", Answers(device: .cpu, method: .docker))
        driver.press(.enter, .enter, .enter, .enter)
        XCTAssertEqual(driver.state.screen, .dockerImage)
        driver.press(times: 7, .down)
        driver.press(.space)
        XCTAssertTrue(driver.state.answers.docker.jupyter)
        driver.press(times: 6, .up)
        assertSnapshot(driver.screen(), named: "m06-docker-image")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.answers.docker, .init(imageTag: "2.21.0", jupyter: true))
        XCTAssertEqual(driver.state.plan?.steps.first { $0.id == "docker-pull" }?.argv.last, "tensorflow/tensorflow:2.21.0-jupyter")
        assertSnapshot(driver.screen(), named: "m07-docker-missing-plan")
    }

    func testQuestionsFollowTheMethod() throws {
        var driver = try driver("docker-no-permission-conda", Answers(method: .docker))
        XCTAssertEqual(driver.state.questionScreens, [.welcome, .device, .method, .package, .dockerImage, .plan])
        driver = try self.driver("docker-no-permission-conda", Answers(method: .conda))
        XCTAssertEqual(driver.state.questionScreens, [.welcome, .device, .method, .package, .python, .plan])
        driver = try self.driver("docker-no-permission-conda", Answers(method: .source))
        XCTAssertEqual(driver.state.questionScreens, [.welcome, .device, .method, .package, .python, .venv, .plan])
    }

    func testDockerWithoutPermission() throws {
        var driver = try driver("docker-no-permission-conda", Answers(device: .cpu, method: .docker))
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.first?.id, "docker-group")
        assertSnapshot(driver.screen(), named: "m08-docker-no-permission-plan")
    }

    func testDockerGPUWithoutToolkit() throws {
        var driver = try driver("docker-no-toolkit", Answers(device: .gpu, method: .docker), dryRun: false)
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.first?.id, "toolkit-key")
        assertSnapshot(driver.screen(), named: "m09-docker-no-toolkit-plan")
    }

    func testCondaPresentAndMissing() throws {
        var missing = try driver("gpu-none-docker-missing", Answers())
        missing.press(.enter, .enter, .down, .down, .down)
        assertSnapshot(missing.screen(), named: "m10-method-conda-missing")
        var driver = try driver("docker-no-permission-conda", Answers(device: .cpu, method: .conda))
        reachPlan(&driver)
        XCTAssertEqual(driver.state.plan?.steps.map(\.id), ["conda-create", "install-tf", "validate"])
        assertSnapshot(driver.screen(), named: "m11-conda-plan")
    }

    /// Starts the plan and lets every step succeed, then walks to the end screen.
    private func finish(_ driver: inout WizardDriver) throws { try driver.finishInstall() }

    func testDoneAfterTheDriverSaysHowToComeBack() throws {
        var driver = try driver("gpu-no-driver", Answers(device: .gpu), dryRun: false)
        reachPlan(&driver)
        try finish(&driver)
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("The steps before the reboot are done."), screen)
        XCTAssertFalse(screen.contains("installed and works"), screen)
        assertSnapshot(screen, named: "m12-done-reboot")
    }

    func testDoneAfterDockerShowsTheRunCommand() throws {
        var driver = try driver("docker-no-toolkit", Answers(device: .gpu, method: .docker), dryRun: false)
        reachPlan(&driver)
        try finish(&driver)
        // The same command the plan names, wrapped rather than cut at the edge.
        XCTAssertTrue(driver.screen().contains("docker run -it --rm --gpus all -p 6006:6006"), driver.screen())
        XCTAssertTrue(driver.screen().contains("tensorflow/tensorflow:latest-gpu bash"), driver.screen())
        assertSnapshot(driver.screen(), named: "m13-done-docker")
    }
}

/// What the planner says for the answers the wizard starts from.
enum MachineFixturePlan {
    static func refusalField(_ environment: WizardEnvironment) -> String? {
        let answers = environment.initialAnswers
        if case .failure(let refusal) = environment.makePlan(answers, environment.facts, environment.inspectTarget(answers)) { return refusal.field }
        return nil
    }
}

extension WizardDriver {
    /// Starts the plan and lets every step succeed, then walks to the end screen.
    mutating func finishInstall(file: StaticString = #filePath, line: UInt = #line) throws {
        let plan = try XCTUnwrap(state.plan, file: file, line: line)
        press(.enter)
        if state.confirmation == .runAsRoot { press(.enter) }   // the steps run as root, named once more
        for (index, step) in plan.steps.enumerated() {
            engine(.stepStarted(index: index),
                   .stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
            if step.kind == .validation {
                engine(.validated(index: index, report: ValidationReport(
                    tensorflowVersion: "2.21.0", reduceSum: "-187.2", gpuDevices: plan.answers.device == .gpu ? ["/physical_device:GPU:0"] : [],
                    passed: true)))
            }
        }
        engine(.finished(success: true, cancelled: false))
        for _ in 0..<4 where state.screen != .done { press(.enter) }
        XCTAssertEqual(state.screen, .done, file: file, line: line)
        send(.answersSaved(path: "/home/ada/.local/state/tfwizard/answers-20261126-1100.yaml", error: nil))
    }
}
