import Foundation
import XCTest
@testable import TFWizardCore

final class EngineTests: XCTestCase {
    private func step(_ id: String, safeToSkip: Bool = false, kind: Step.Kind = .command,
                      state: Step.State = .toRun, argv: [String]? = nil) -> Step {
        Step(id: id, title: "Step \(id)", why: "because", argv: argv ?? ["true"], safeToSkip: safeToSkip,
             kind: kind, state: state)
    }

    private func plan(_ steps: [Step]) -> Plan {
        Plan(answers: Answers(), steps: steps, notes: [], tensorflowVersion: "2.21.0", pythonPath: "/usr/bin/python3")
    }

    private func makeEngine(_ steps: [Step], runner: StepRunner, journal: SessionJournal? = nil,
                            expectGPU: Bool = false) -> (Engine, EventRecorder) {
        let recorder = EventRecorder()
        let engine = Engine(plan: plan(steps), runner: runner, journal: journal, expectGPU: expectGPU, strings: Strings(language: "en")) { recorder.record($0) }
        return (engine, recorder)
    }

    private func outcomes(_ events: [EngineEvent]) -> [(Int, StepStatus)] {
        events.compactMap { if case .stepFinished(let index, let outcome) = $0 { return (index, outcome.status) } else { return nil } }
    }

    func testAllStepsSucceedInOrderAndDoneStepsAreSkipped() {
        let runner = FakeStepRunner(["a": [.finish(output: "hello\n", termination: .exited(0))]])
        let (engine, recorder) = makeEngine([step("a"), step("b", state: .alreadyDone(reason: "already there")), step("c")],
                                            runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["a", "c"])
        let milestones = recorder.milestones.map { event -> String in
            switch event {
            case .stepStarted(let index): return "start \(index)"
            case .stepFinished(let index, let outcome): return "end \(index) \(outcome.status.rawValue)"
            case .stepSkipped(let index, let reason): return "skip \(index) \(reason)"
            case .finished(let success, let cancelled): return "finished \(success) \(cancelled)"
            default: return "\(event)"
            }
        }
        XCTAssertEqual(milestones, ["start 0", "end 0 done", "skip 1 already there", "start 2", "end 2 done",
                                    "finished true false"])
        XCTAssertTrue(recorder.events.contains(.output(index: 0, bytes: Array("hello\n".utf8))))
    }

    func testFailedStepWaitsForDecisionAndRetrySucceeds() {
        let runner = FakeStepRunner(["a": [.finish(output: "boom\n", termination: .exited(1)),
                                           .finish(output: "ok\n", termination: .exited(0))]])
        let (engine, recorder) = makeEngine([step("a"), step("b")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        XCTAssertEqual(runner.startedSteps, ["a"], "nothing runs while the decision is pending")
        let failure = recorder.events.compactMap { event -> StepOutcome? in
            if case .stepFinished(_, let outcome) = event { return outcome } else { return nil }
        }.first
        XCTAssertEqual(failure?.status, .failed)
        XCTAssertEqual(failure?.exitCode, 1)
        XCTAssertEqual(failure?.failureReason, "exited with status 1")
        engine.decide(.retry)
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["a", "a", "b"])
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
        XCTAssertEqual(outcomes(recorder.events).map(\.1), [.failed, .done, .done])
    }

    func testSkipIsAllowedOnlyForSafeSteps() {
        let safe = FakeStepRunner(["a": [.finish(output: "", termination: .exited(2))]])
        let (engine, recorder) = makeEngine([step("a", safeToSkip: true), step("b")], runner: safe)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.decide(.skip)
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(safe.startedSteps, ["a", "b"])
        XCTAssertTrue(recorder.events.contains(.stepSkipped(index: 0, reason: "skipped after it failed")))
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))

        let unsafe = FakeStepRunner(["a": [.finish(output: "", termination: .exited(2))]])
        let (second, secondRecorder) = makeEngine([step("a"), step("b")], runner: unsafe)
        second.start()
        XCTAssertTrue(secondRecorder.waitForDecisionRequest())
        second.decide(.skip)
        XCTAssertTrue(secondRecorder.waitForFinish())
        XCTAssertEqual(unsafe.startedSteps, ["a"], "skipping an unsafe step aborts")
        XCTAssertEqual(secondRecorder.events.last, .finished(success: false, cancelled: false))
    }

    func testAbortStopsTheRun() {
        let runner = FakeStepRunner(["a": [.finish(output: "", termination: .signaled(SIGSEGV))]])
        let (engine, recorder) = makeEngine([step("a"), step("b")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.decide(.abort)
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.startedSteps, ["a"])
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: false))
        if case .stepFinished(_, let outcome)? = recorder.milestones.dropFirst().first {
            XCTAssertEqual(outcome.signal, SIGSEGV)
            XCTAssertNil(outcome.exitCode)
        } else {
            XCTFail("no stepFinished after stepStarted: \(recorder.milestones)")
        }
    }

    func testCommandThatCannotStartIsAFailedStep() {
        let runner = FakeStepRunner(["a": [.failToStart(errorNumber: ENOENT)]])
        let (engine, recorder) = makeEngine([step("a")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        let outcome = recorder.events.compactMap { event -> StepOutcome? in
            if case .stepFinished(_, let outcome) = event { return outcome } else { return nil }
        }.first
        XCTAssertEqual(outcome?.status, .failed)
        XCTAssertEqual(outcome?.failureReason, "could not start: No such file or directory")
        engine.decide(.abort)
        XCTAssertTrue(recorder.waitForFinish())
    }

    func testCancelWhileRunningTerminatesTheStep() {
        let runner = FakeStepRunner(["a": [.hang(output: "working\n")]])
        let (engine, recorder) = makeEngine([step("a"), step("b")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitFor { $0 == .output(index: 0, bytes: Array("working\n".utf8)) })
        XCTAssertTrue(pollUntil(timeout: 5) { engine.hasRunningStep })
        engine.sendInput(Array("y\n".utf8))
        engine.resize(rows: 30, columns: 100)
        engine.cancel()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.terminatedSteps, ["a"])
        XCTAssertEqual(runner.startedSteps, ["a"])
        XCTAssertEqual(runner.receivedInput, [Array("y\n".utf8)])
        XCTAssertEqual(outcomes(recorder.events).map(\.1), [.cancelled])
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: true))
    }

    func testCancelWhileAwaitingDecision() {
        let runner = FakeStepRunner(["a": [.finish(output: "", termination: .exited(1))]])
        let (engine, recorder) = makeEngine([step("a"), step("b")], runner: runner)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.cancel()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: true))
        engine.decide(.retry)   // too late: ignored
        usleep(100_000)
        XCTAssertEqual(runner.startedSteps, ["a"])
    }

    func testPaneSizeIsPassedToTheNextStep() {
        let runner = FakeStepRunner([:])
        let (engine, recorder) = makeEngine([step("a")], runner: runner)
        engine.resize(rows: 33, columns: 101)
        engine.start()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(runner.receivedSizes.first?.0, 33)
        XCTAssertEqual(runner.receivedSizes.first?.1, 101)
    }

    private let passingCheck = "TFWIZARD_VERSION=2.21.0\nTFWIZARD_REDUCE_SUM=-512.3\nTFWIZARD_GPUS=\nTFWIZARD_OK\n"

    func testValidationStepReportsAndPasses() {
        let runner = FakeStepRunner(["validate": [.finish(output: passingCheck, termination: .exited(0))]])
        let (engine, recorder) = makeEngine([step("validate", kind: .validation)], runner: runner, expectGPU: false)
        engine.start()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertTrue(recorder.events.contains(.validated(index: 0, report: ValidationReport(
            tensorflowVersion: "2.21.0", reduceSum: "-512.3", gpuDevices: [], passed: true))))
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
    }

    func testValidationWithoutExpectedGPUFailsTheStep() {
        let runner = FakeStepRunner(["validate": [.finish(output: passingCheck, termination: .exited(0))]])
        let (engine, recorder) = makeEngine([step("validate", kind: .validation)], runner: runner, expectGPU: true)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        let outcome = recorder.events.compactMap { event -> StepOutcome? in
            if case .stepFinished(_, let outcome) = event { return outcome } else { return nil }
        }.first
        XCTAssertEqual(outcome?.status, .failed)
        XCTAssertEqual(outcome?.exitCode, 0)
        XCTAssertEqual(outcome?.failureReason, "TensorFlow sees no GPU")
        engine.decide(.abort)
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: false))
    }

    func testDryRunShowsCommandsAndRunsNothing() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-dry-\(UUID().uuidString)").path
        var touching = step("touch", argv: ["touch", marker])
        touching.environment = ["PIP_INDEX_URL": "https://user:secret@example.org/simple"]
        let (engine, recorder) = makeEngine([touching, step("validate", kind: .validation, argv: ["python3", "-c", "x = 'a b'"])],
                                            runner: DryRunStepRunner(strings: Strings(language: "en")))
        engine.start()
        XCTAssertTrue(recorder.waitForFinish())
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
        let output = recorder.events.compactMap { event -> String? in
            if case .output(_, let bytes) = event { return String(decoding: bytes, as: UTF8.self) } else { return nil }
        }.joined()
        XCTAssertEqual(output, "would run: touch \(marker)\nwith environment variables: PIP_INDEX_URL\n"
                       + "would run: python3 -c 'x = '\\''a b'\\'''\n")
        XCTAssertFalse(recorder.events.contains { if case .validated = $0 { return true } else { return false } })
        // The check is reported as not run, never as done.
        XCTAssertTrue(recorder.events.contains(.stepSkipped(index: 1, reason: Strings(language: "en")["recorded.validation-not-run"])))
        XCTAssertFalse(recorder.events.contains { if case .stepFinished(1, _) = $0 { return true } else { return false } })
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
    }

    func testRealCancelLeavesNoProcessBehind() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-engine-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try SessionJournal(directory: directory)
        let (engine, recorder) = makeEngine([step("hang", argv: ["sh", "-c", "echo started:$$; sleep 300 & sleep 300"])],
                                            runner: PtyStepRunner(), journal: journal)
        engine.start()
        XCTAssertTrue(recorder.waitFor { event in
            if case .output(_, let bytes) = event { return String(decoding: bytes, as: UTF8.self).contains("started:") }
            return false
        })
        let text = recorder.events.compactMap { event -> String? in
            if case .output(_, let bytes) = event { return String(decoding: bytes, as: UTF8.self) } else { return nil }
        }.joined()
        let group = pid_t(text.components(separatedBy: "started:")[1].prefix { $0.isNumber })!
        XCTAssertTrue(pollUntil(timeout: 5) { ProcessGroupScanner.liveMembers(ofGroup: group).count >= 2 })
        let started = Date()
        engine.cancel()
        XCTAssertTrue(recorder.waitForFinish(timeout: 10))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: true))
        XCTAssertEqual(outcomes(recorder.events).map(\.1), [.cancelled])
        XCTAssertTrue(pollUntil(timeout: 2) { ProcessGroupScanner.liveMembers(ofGroup: group).isEmpty })
        let transcript = try String(contentsOfFile: journal.transcriptPath, encoding: .utf8)
        XCTAssertTrue(transcript.contains("started:\(group)"))
        XCTAssertTrue(transcript.contains("<== step 1 hang: cancelled"), transcript)
    }

    func testJournalRecordsStepsOutputAndDecisions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-engine-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try SessionJournal(directory: directory)
        let runner = FakeStepRunner(["a": [.finish(output: "first try\n", termination: .exited(7)),
                                           .finish(output: "second try\n", termination: .exited(0))]])
        let (engine, recorder) = makeEngine([step("a"), step("b", state: .alreadyDone(reason: "present"))],
                                            runner: runner, journal: journal)
        engine.start()
        XCTAssertTrue(recorder.waitForDecisionRequest())
        engine.decide(.retry)
        XCTAssertTrue(recorder.waitForFinish())
        let transcript = try String(contentsOfFile: journal.transcriptPath, encoding: .utf8)
        let expectedOrder = ["==> step 1/2 a: Step a", "first try", "<== step 1 a: failed, exit 7",
                             "decision after a failed: retry", "==> step 1/2 a: Step a", "second try",
                             "<== step 1 a: done, exit 0", "<== skipped: present"]
        var searchFrom = transcript.startIndex
        for fragment in expectedOrder {
            guard let found = transcript.range(of: fragment, range: searchFrom..<transcript.endIndex) else {
                return XCTFail("missing or out of order: \(fragment)\n\(transcript)")
            }
            searchFrom = found.upperBound
        }
    }
}
