import Foundation
import XCTest
@testable import TFWizardCore

/// `retry(afterFixes:)`: a catalog fix runs as extra commands, then the failed step runs again.
final class EngineFixRetryTests: XCTestCase {
    private func step(_ id: String, argv: [String] = ["true"]) -> Step {
        Step(id: id, title: "Step \(id)", why: "because", argv: argv)
    }

    private func makeEngine(_ steps: [Step], runner: StepRunner, journal: SessionJournal? = nil) -> (Engine, EventRecorder) {
        let recorder = EventRecorder()
        let plan = Plan(answers: Answers(), steps: steps, notes: [], tensorflowVersion: "2.21.0", pythonPath: "/usr/bin/python3")
        let engine = Engine(plan: plan, runner: runner, journal: journal, expectGPU: false, strings: Strings(language: "en")) { recorder.record($0) }
        return (engine, recorder)
    }

    private func output(_ events: [EngineEvent], index: Int) -> String {
        events.compactMap { event -> String? in
            if case .output(let at, let bytes) = event, at == index { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }.joined()
    }

    func testFixesRunBeforeTheRetriedStepAndTheirOutputIsReportedUnderIt() {
        let runner = FakeStepRunner([
            "create-venv": [.finish(output: "ensurepip is not available\n", termination: .exited(1)),
                            .finish(output: "created\n", termination: .exited(0))],
            "fix-venv-missing-1": [.finish(output: "Setting up python3.12-venv\n", termination: .exited(0))],
        ])
        let (engine, recorder) = makeEngine([step("create-venv"), step("install-tf")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.retry(afterFixes: [step("fix-venv-missing-1", argv: ["sudo", "apt-get", "install", "-y", "python3.12-venv"])])
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["create-venv", "fix-venv-missing-1", "create-venv", "install-tf"])
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
        let text = output(recorder.events, index: 0)
        XCTAssertTrue(text.contains("Fix before retrying: $ sudo apt-get install -y python3.12-venv"), text)
        XCTAssertTrue(text.contains("Setting up python3.12-venv"), text)
        let finishes = recorder.events.compactMap { event -> String? in
            if case .stepFinished(let index, let outcome) = event { return "\(index) \(outcome.status.rawValue)" } else { return nil }
        }
        XCTAssertEqual(finishes, ["0 failed", "0 done", "1 done"], "a fix that works reports no step result of its own")
    }

    func testFailingFixLeavesTheStepFailedAndAsksAgain() throws {
        let runner = FakeStepRunner([
            "upgrade-pip": [.finish(output: "old pip\n", termination: .exited(1)),
                            .finish(output: "", termination: .exited(0))],
            "fix-1": [.finish(output: "E: Unable to locate package\n", termination: .exited(100))],
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fix-journal-\(UUID().uuidString)").path
        let journal = try SessionJournal(directory: folder)
        let (engine, recorder) = makeEngine([step("upgrade-pip"), step("install-tf")], runner: runner, journal: journal)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.retry(afterFixes: [step("fix-1", argv: ["apt-get", "install", "-y", "nothing"]), step("fix-2")])
        XCTAssertTrue(recorder.waitForDecisionRequest(count: 2))
        XCTAssertEqual(runner.startedSteps, ["upgrade-pip", "fix-1"], "the second fix and the retry do not run")
        let failures = recorder.events.compactMap { event -> StepOutcome? in
            if case .stepFinished(0, let outcome) = event { return outcome } else { return nil }
        }
        XCTAssertEqual(failures.count, 2)
        XCTAssertEqual(failures.last?.status, .failed)
        XCTAssertEqual(failures.last?.failureReason, "the fix `apt-get install -y nothing` failed: exited with status 100")
        engine.decide(.retry)   // a plain retry afterwards runs the step alone
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["upgrade-pip", "fix-1", "upgrade-pip", "install-tf"])
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
        let transcript = try String(contentsOfFile: journal.transcriptPath, encoding: .utf8)
        XCTAssertTrue(transcript.contains("fix-1"), transcript)
        XCTAssertTrue(transcript.contains("E: Unable to locate package"), transcript)
        XCTAssertTrue(transcript.contains("after 2 fix command(s)"), transcript)
    }

    func testFixesAreIgnoredWhenNoDecisionIsPending() {
        let runner = FakeStepRunner([:])
        let (engine, recorder) = makeEngine([step("a")], runner: runner)
        engine.retry(afterFixes: [step("fix")])
        engine.start()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["a"])
    }
}
