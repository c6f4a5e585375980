import XCTest
@testable import TFWizardCore

/// Resume from a run's state file: a reboot after the driver step is a new process that finds the state of
/// a run that stopped there; the steps it finished are checked again, never trusted blindly.
final class ResumeOfferTests: XCTestCase {
    private typealias M = MachineFixture

    private func deadPid() throws -> Int32 {
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        return gone.processIdentifier
    }

    func testRebootAfterTheDriverStepResumesWithTheSameAnswers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-resume-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Before the reboot: no driver, so the plan installs it and stops before the check.
        var gpu = M.rtx3060
        gpu.driverVersion = nil
        gpu.driverLoaded = false
        let before = try XCTUnwrap(M.plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu)).plan)
        let recorder = RunStateRecorder(transcriptPath: folder + "/tfwizard-20260101-000000.transcript", plan: before)
        let driver = try XCTUnwrap(before.steps.firstIndex { $0.id == "driver-install" })
        for index in 0...driver {
            recorder.observe(.stepStarted(index: index))
            recorder.observe(.stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        }
        recorder.observe(.stepStarted(index: driver + 1))
        // The machine went down there: the state file says so, under a pid that is gone.
        var state = try XCTUnwrap(RunState.all(in: folder).first?.state)
        XCTAssertNil(RunState.interrupted(in: folder), "this process is alive: its own run is no interrupted one")
        state.pid = try deadPid()
        try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: recorder.path))
        let found = try XCTUnwrap(RunState.interrupted(in: folder))
        XCTAssertEqual(found.steps[found.firstUnfinishedStep ?? 0].id, "create-venv")

        // After the reboot the driver is loaded: the plan for the same answers, its finished steps checked.
        let after = try XCTUnwrap(M.plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060)).plan)
        var asked: [[String]] = []
        let offer = ResumeOffer.make(run: found, plan: after) { check in asked.append(check); return true }
        XCTAssertTrue(offer.isFor(after.answers))
        XCTAssertEqual(offer.stepIndex, driver + 1)
        XCTAssertEqual(offer.notice(strings: Strings(language: "en")).first,
                       "The install started \(found.startedAt) stopped before it finished, at step \(driver + 2) "
                       + "(Create the virtual environment /home/ada/tensorflow/venv); it can go on from there with the same answers.")
        // Only steps the run finished are checked; the venv it never made is not.
        XCTAssertFalse(asked.contains(["test", "-x", "/home/ada/tensorflow/venv/bin/python"]), "\(asked)")
        let resumed = offer.apply(to: after, handling: .wait, strings: Strings(language: "en"))
        XCTAssertEqual(resumed.steps.first { $0.id == "create-venv" }?.state, .toRun)
        XCTAssertEqual(resumed.steps.last?.kind, .validation, "after the reboot the check runs")
    }

    func testAFinishedStepWhoseCheckFailsNowRunsAgain() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404(venvInstalled: true)).plan)
        let run = RunState(pid: 0, startedAt: "2026-01-01T00:00:00Z", transcript: "", answers: plan.answers,
                           steps: plan.steps.map { .init(id: $0.id, title: $0.title, status: $0.id == "create-venv" ? .done : .pending,
                                                         aptPackages: [], argv: $0.argv) },
                           finished: false, succeeded: false)
        let removed = ResumeOffer.make(run: run, plan: plan) { _ in false }
        XCTAssertEqual(removed.checkedDone, [])
        XCTAssertEqual(removed.apply(to: plan, handling: .wait, strings: Strings(language: "en")).steps.first?.state, .toRun)
        let there = ResumeOffer.make(run: run, plan: plan) { _ in true }
        XCTAssertEqual(there.checkedDone, ["create-venv"])
    }

    func testACommandLeftRunningIsFoundAndWaitedForOrStopped() throws {
        // In a process group of its own, as the engine starts each step (stopping the group must not reach us).
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        sleeper.arguments = ["--wait", "/bin/sleep", "37.5"]
        try sleeper.run()
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
        let plan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404(venvInstalled: true)).plan)
        let run = RunState(pid: 0, startedAt: "2026-01-01T00:00:00Z", transcript: "", answers: plan.answers,
                           steps: [.init(id: "install-tf", title: "Install tensorflow", status: .running, aptPackages: [],
                                         argv: ["/bin/sleep", "37.5"])],
                           finished: false, succeeded: false)
        var offer = ResumeOffer.make(run: run, plan: plan) { _ in false }
        for _ in 0..<50 where offer.leftRunning == nil {   // setsid has not exec'd sleep yet
            usleep(20_000)
            offer = ResumeOffer.make(run: run, plan: plan) { _ in false }
        }
        let left = try XCTUnwrap(offer.leftRunning)
        guard left.group == left.pid, left.group != getpgrp() else { return XCTFail("not a group of its own: \(left)") }
        XCTAssertTrue(offer.notice(strings: Strings(language: "en")).last?.contains("(pid \(left.pid), process group \(left.group))") == true)
        let waiting = offer.apply(to: plan, handling: .wait, strings: Strings(language: "en"))
        XCTAssertEqual(waiting.steps.first?.id, "resume-wait")
        let stopping = offer.apply(to: plan, handling: .stop, strings: Strings(language: "en"))
        XCTAssertEqual(stopping.steps.first?.id, "resume-stop")
        // The stop step, run for real, ends the command's whole process group.
        let stop = Process()
        stop.executableURL = URL(fileURLWithPath: "/bin/sh")
        stop.arguments = Array(stopping.steps[0].argv.dropFirst())
        try stop.run()
        stop.waitUntilExit()
        XCTAssertEqual(stop.terminationStatus, 0)
        sleeper.waitUntilExit()
        XCTAssertNotEqual(kill(left.pid, 0), 0, "the command is gone")
    }
}
