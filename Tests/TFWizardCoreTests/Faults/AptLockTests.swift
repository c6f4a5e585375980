import Foundation
import XCTest
@testable import TFWizardCore

/// Another process holds dpkg's lock (an fcntl lock, as dpkg takes it): the engine says who, counts
/// down, and fails with `apt-lock`; a lock released in time lets the step run.
final class AptLockTests: XCTestCase {
    /// A child process holding a POSIX write lock on `path` until killed.
    final class LockHolderProcess {
        let process = Process()
        init(path: String) throws {
            let ready = path + ".ready"
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", """
                import fcntl, sys, time
                f = open(sys.argv[1], "w")
                fcntl.lockf(f, fcntl.LOCK_EX)
                open(sys.argv[2], "w").close()
                time.sleep(300)
                """, path, ready]
            try process.run()
            guard pollUntil(timeout: 20, { FileManager.default.fileExists(atPath: ready) }) else {
                process.terminate(); throw POSIXError(.ETIMEDOUT)
            }
        }
        var pid: Int32 { process.processIdentifier }
        func release() { kill(pid, SIGKILL); process.waitUntilExit() }
        deinit { if process.isRunning { release() } }
    }

    static let aptStep = Step(id: "apt-venv", title: "Install python3-venv", why: "test", argv: ["dpkg", "--version"],
                              needsRoot: true)

    func testTheHolderIsNamedAndCountedDownThenTheStepFailsAsAptLock() throws {
        let folder = try FaultFixtures.temporaryFolder("apt-lock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lockPath = folder.appendingPathComponent("lock-frontend").path
        let holder = try LockHolderProcess(path: lockPath)
        defer { holder.release() }
        XCTAssertEqual(PackageManagerLock.holder(of: [folder.appendingPathComponent("absent").path, lockPath])?.pid, holder.pid)
        // The way an unprivileged user sees dpkg's unreadable lock files: the kernel's lock table.
        XCTAssertEqual(PackageManagerLock.holderFromLockTable(of: lockPath)?.pid, holder.pid)
        XCTAssertNil(PackageManagerLock.holderFromLockTable(of: folder.path))

        let policy = PackageLockPolicy(lockPaths: [lockPath], maxWaitSeconds: 2, pollSeconds: 0.2, announceEverySeconds: 0.5)
        let run = EngineRun(plan: FaultFixtures.plan([Self.aptStep]), packageLocks: policy)
        let started = Date()
        run.engine.start()
        let (outcome, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 20))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertNil(outcome.exitCode, "dpkg never ran")
        XCTAssertGreaterThanOrEqual(elapsed, 2)
        XCTAssertLessThan(elapsed, 10)
        let text = run.output.text
        XCTAssertTrue(text.contains("waiting for \(lockPath): it is held by process \(holder.pid) (python"), text)
        XCTAssertTrue(text.contains("2 s left"), text)
        XCTAssertTrue(text.contains("1 s left"), text)
        XCTAssertFalse(text.contains("Debian 'dpkg' package management program"), "the step must not run: \(text)")
        XCTAssertTrue(outcome.failureReason?.contains("process \(holder.pid)") == true, outcome.failureReason ?? "")
        let diagnosis = Troubleshooter.summaryLines(for: Array(text.utf8), strings: Strings(language: "en"))
        XCTAssertTrue(diagnosis.first?.hasSuffix("[apt-lock]") == true, diagnosis.joined(separator: "\n"))
        XCTAssertNotNil(run.waitFor(timeout: 5) { $0 == .awaitingDecision(index: 0) })
        run.engine.decide(.abort)
        XCTAssertNotNil(run.waitFor(timeout: 5) { $0 == .finished(success: false, cancelled: false) })
    }

    func testHeadlessInstallPrintsTheCountdownAndTheAptLockCause() throws {
        let folder = try FaultFixtures.temporaryFolder("apt-lock-headless")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lockPath = folder.appendingPathComponent("lock-frontend").path
        let holder = try LockHolderProcess(path: lockPath)
        defer { holder.release() }
        let strings = Strings(language: "en")
        let plan = FaultFixtures.plan([Self.aptStep])
        let printed = OutputRecorder()
        let headless = HeadlessInstall(plan: plan, strings: strings, write: { printed.append(Array($0.utf8)) },
                                       diagnose: { output, _ in Troubleshooter.summaryLines(for: output, strings: strings) })
        let policy = PackageLockPolicy(lockPaths: [lockPath], maxWaitSeconds: 1, pollSeconds: 0.2, announceEverySeconds: 0.5)
        let engine = Engine(plan: plan, runner: PtyStepRunner(), journal: nil, expectGPU: false, strings: strings,
                            packageLocks: policy, onEvent: headless.sink)
        XCTAssertEqual(headless.run(engine: engine), .failed)
        let lines = printed.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("      | tfwizard: waiting for \(lockPath): it is held by process \(holder.pid) (\(PackageManagerLock.commandName(of: holder.pid))); 1 s left before giving up"),
                      printed.text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("      Cause: ") && $0.hasSuffix("[apt-lock]") }, printed.text)
    }

    func testALockReleasedWhileWaitingLetsTheStepRun() throws {
        let folder = try FaultFixtures.temporaryFolder("apt-lock-released")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lockPath = folder.appendingPathComponent("lock").path
        let holder = try LockHolderProcess(path: lockPath)
        let policy = PackageLockPolicy(lockPaths: [lockPath], maxWaitSeconds: 30, pollSeconds: 0.2, announceEverySeconds: 5)
        let run = EngineRun(plan: FaultFixtures.plan([Self.aptStep]), packageLocks: policy)
        run.engine.start()
        XCTAssertTrue(run.output.waitFor("held by process \(holder.pid)", timeout: 10), run.output.text)
        holder.release()
        let (outcome, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 20))
        XCTAssertEqual(outcome.status, .done, run.output.text)
        XCTAssertTrue(run.output.text.contains("\(lockPath) is free now"), run.output.text)
        XCTAssertTrue(run.output.text.contains("package management program"), run.output.text)
    }

    func testCancelStopsTheWait() throws {
        let folder = try FaultFixtures.temporaryFolder("apt-lock-cancel")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lockPath = folder.appendingPathComponent("lock").path
        let holder = try LockHolderProcess(path: lockPath)
        defer { holder.release() }
        let policy = PackageLockPolicy(lockPaths: [lockPath], maxWaitSeconds: 120, pollSeconds: 0.2)
        let run = EngineRun(plan: FaultFixtures.plan([Self.aptStep]), packageLocks: policy)
        run.engine.start()
        XCTAssertTrue(run.output.waitFor("held by process", timeout: 10))
        run.engine.cancel()
        let (outcome, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 5))
        XCTAssertEqual(outcome.status, .cancelled)
    }

    func testOnlyPackageManagerStepsWait() {
        func step(_ argv: [String]) -> Step { Step(id: "x", title: "x", why: "x", argv: argv) }
        XCTAssertTrue(PackageManagerLock.isPackageManagerStep(step(["sudo", "apt-get", "install", "-y", "python3-venv"])))
        XCTAssertTrue(PackageManagerLock.isPackageManagerStep(step(["sudo", "-E", "env", "DEBIAN_FRONTEND=noninteractive", "/usr/bin/apt", "update"])))
        XCTAssertTrue(PackageManagerLock.isPackageManagerStep(step(["dpkg", "--configure", "-a"])))
        XCTAssertFalse(PackageManagerLock.isPackageManagerStep(step(["python3", "-m", "pip", "install", "apt"])))
        XCTAssertFalse(PackageManagerLock.isPackageManagerStep(step(["sudo", "docker", "run", "apt-get"])))
    }
}
