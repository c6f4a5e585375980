import XCTest
@testable import TFWizardCore

final class SystemCommandRunnerTests: XCTestCase {
    private let runner = SystemCommandRunner()

    func testOutputAndExitCodeWithStderrOnTheSamePipe() {
        let result = runner.run(["sh", "-c", "echo out; echo err >&2; exit 3"], timeout: 5, environment: nil)
        XCTAssertTrue(result.launched)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.exitCode, 3)
        XCTAssertEqual(result.output, "out\nerr\n")
        XCTAssertFalse(result.succeeded)
    }

    func testEnvironmentIsPassedAndPathIsSearchedInIt() {
        let result = runner.run(["sh", "-c", "printf %s \"$PROBE_VALUE\""], timeout: 5,
                                environment: ["PATH": "/usr/bin:/bin", "PROBE_VALUE": "given"])
        XCTAssertEqual(result.output, "given")
        XCTAssertEqual(result.exitCode, 0)
        let missing = runner.run(["sh", "-c", "true"], timeout: 5, environment: ["PATH": "/nonexistent"])
        XCTAssertFalse(missing.launched)
        XCTAssertNil(missing.exitCode)
    }

    func testUnknownProgramIsNotLaunched() {
        let result = runner.run(["tfwizard-no-such-program-\(getpid())"], timeout: 5, environment: nil)
        XCTAssertFalse(result.launched)
        XCTAssertTrue(result.output.contains("not found"), result.output)
        XCTAssertFalse(runner.run([], timeout: 1, environment: nil).launched)
    }

    func testStdinIsEmpty() {
        let result = runner.run(["cat"], timeout: 5, environment: nil)
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.output, "")
    }

    func testSignalDeathHasNoExitCode() {
        let result = runner.run(["sh", "-c", "kill -9 $$"], timeout: 5, environment: nil)
        XCTAssertTrue(result.launched)
        XCTAssertFalse(result.timedOut)
        XCTAssertNil(result.exitCode)
    }

    func testCommandOutlivingItsTimeoutIsKilledWithItsGroup() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-runner-\(getpid()).pid").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let started = Date()
        // The grandchild sleep writes its pid so the test can check the whole group went.
        let result = runner.run(["sh", "-c", "sleep 30 & echo $! > \(marker); echo started; wait"], timeout: 0.5,
                                environment: nil)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertTrue(result.timedOut)
        XCTAssertNil(result.exitCode)
        XCTAssertEqual(result.output, "started\n")
        XCTAssertLessThan(elapsed, 2.0, "returned \(elapsed) s after a 0.5 s timeout")
        let sleeperPID = try XCTUnwrap(Int32(try String(contentsOfFile: marker, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // Killed and, being a grandchild, reaped by init: gone within a moment.
        var gone = false
        for _ in 0..<100 where !gone {
            gone = kill(sleeperPID, 0) != 0 || Self.isZombie(sleeperPID)
            if !gone { usleep(10_000) }
        }
        XCTAssertTrue(gone, "the grandchild sleep \(sleeperPID) survived")
    }

    func testPlainSleepTimesOut() {
        let started = Date()
        let result = runner.run(["sh", "-c", "sleep 30"], timeout: 0.5, environment: nil)
        XCTAssertTrue(result.timedOut)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.0)
    }

    func testBackgroundChildHoldingTheOutputDoesNotDelayTheResult() {
        let started = Date()
        let result = runner.run(["sh", "-c", "sleep 30 & echo done"], timeout: 10, environment: nil)
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.output, "done\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.0)
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }
}
