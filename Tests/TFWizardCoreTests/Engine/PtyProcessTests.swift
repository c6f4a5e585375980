import Foundation
import XCTest
@testable import TFWizardCore

final class PtyProcessTests: XCTestCase {
    private let environment = ProcessInfo.processInfo.environment

    private func spawn(_ script: String, rows: Int = 24, columns: Int = 80,
                       extra: [String: String] = [:]) throws -> (PtyProcess, OutputRecorder) {
        let recorder = OutputRecorder()
        let process = try PtyProcess(argv: ["sh", "-c", script],
                                     environment: environment.merging(extra) { $1 },
                                     rows: rows, columns: columns) { recorder.append($0) }
        return (process, recorder)
    }

    func testOutputArrivesLiveBeforeTheChildExits() throws {
        let (process, recorder) = try spawn("echo first; sleep 2; echo second")
        let started = Date()
        XCTAssertTrue(recorder.waitFor("first", timeout: 1.5))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        XCTAssertFalse(process.hasExited)
        XCTAssertFalse(recorder.text.contains("second"))
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertEqual(recorder.text, "first\r\nsecond\r\n")
    }

    func testOutputKeepsItsOrderAndAllIsDrainedBeforeExit() throws {
        let (process, recorder) = try spawn("i=1; while [ $i -le 500 ]; do echo line$i; i=$((i+1)); done; head -c 300000 /dev/zero | tr '\\0' a; exit 4")
        XCTAssertEqual(process.waitForExit(), .exited(4))
        let text = recorder.text
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(Array(lines.prefix(500)), (1...500).map { "line\($0)" })
        XCTAssertEqual(lines.last?.count, 300_000)
    }

    func testExitStatusAndSignal() throws {
        XCTAssertEqual(try spawn("exit 3").0.waitForExit(), .exited(3))
        XCTAssertEqual(try spawn("kill -KILL $$").0.waitForExit(), .signaled(SIGKILL))
        XCTAssertEqual(try spawn("kill -TERM $$").0.waitForExit(), .signaled(SIGTERM))
    }

    func testMissingCommandIsReportedNotRun() {
        XCTAssertThrowsError(try PtyProcess(argv: ["tfwizard-no-such-command"], environment: environment) { _ in }) { error in
            XCTAssertEqual((error as? SpawnError)?.errorNumber, ENOENT)
        }
        XCTAssertThrowsError(try PtyProcess(argv: ["/etc/hostname"], environment: environment) { _ in })
    }

    func testPathLookupUsesTheChildEnvironment() {
        XCTAssertEqual(ExecutableLocator.locate("sh", environment: ["PATH": "/nonexistent:/bin"]), "/bin/sh")
        XCTAssertNil(ExecutableLocator.locate("sh", environment: ["PATH": "/nonexistent"]))
        XCTAssertEqual(ExecutableLocator.locate("/bin/sh", environment: [:]), "/bin/sh")
    }

    func testEnvironmentReachesTheChild() throws {
        let (process, recorder) = try spawn("echo value=$TFW_TEST_VALUE", extra: ["TFW_TEST_VALUE": "hello world"])
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertEqual(recorder.text, "value=hello world\r\n")
    }

    func testInputReachesAChildReadingStdin() throws {
        let (process, recorder) = try spawn("read x; echo got:$x")
        process.write(Array("abc\n".utf8))
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertTrue(recorder.text.contains("got:abc"), recorder.text)
    }

    func testResizeReachesTheChild() throws {
        let (process, recorder) = try spawn("stty size; read x; stty size", rows: 24, columns: 80)
        XCTAssertTrue(recorder.waitFor("24 80", timeout: 5))
        process.resize(rows: 40, columns: 100)
        process.write(Array("\n".utf8))
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertTrue(recorder.text.contains("40 100"), recorder.text)
    }

    func testTerminateGroupLeavesNothingBehind() throws {
        let (process, _) = try spawn("sleep 300 & sleep 300")
        let group = process.pid
        XCTAssertTrue(pollUntil(timeout: 5) { ProcessGroupScanner.liveMembers(ofGroup: group).count >= 2 })
        let members = ProcessGroupScanner.liveMembers(ofGroup: group)
        let started = Date()
        process.terminateGroup(grace: 3)
        XCTAssertEqual(process.waitForExit(), .signaled(SIGTERM))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5, "TERM alone should have been enough")
        XCTAssertTrue(pollUntil(timeout: 2) { ProcessGroupScanner.liveMembers(ofGroup: group).isEmpty })
        for member in members {
            XCTAssertTrue(pollUntil(timeout: 2) { kill(member, 0) != 0 }, "process \(member) survived")
        }
        XCTAssertEqual(kill(-group, 0), -1)
        XCTAssertEqual(errno, ESRCH)
        // Once reaped, terminating again must not signal anything.
        process.terminateGroup(grace: 0)
    }

    func testTermIgnoredEscalatesToKill() throws {
        // An ignored signal stays ignored across exec, so the background sleep ignores TERM too.
        let (process, recorder) = try spawn("trap '' TERM; sleep 300 & echo ready; wait")
        XCTAssertTrue(recorder.waitFor("ready", timeout: 5))
        let group = process.pid
        let started = Date()
        process.terminateGroup(grace: 0.5)
        XCTAssertEqual(process.waitForExit(), .signaled(SIGKILL))
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertTrue(pollUntil(timeout: 2) { ProcessGroupScanner.liveMembers(ofGroup: group).isEmpty })
    }

    func testExitIsReportedWhileABackgroundChildHoldsTheTerminal() throws {
        let (process, recorder) = try spawn("trap '' HUP; sleep 3 & echo done")
        let started = Date()
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
        XCTAssertEqual(recorder.text, "done\r\n")
    }

    func testParentDescriptorsAreNotInherited() throws {
        let descriptor = open("/dev/null", O_RDONLY)   // deliberately without O_CLOEXEC
        XCTAssertGreaterThan(descriptor, 2)
        defer { close(descriptor) }
        let (process, recorder) = try spawn("if [ -e /proc/self/fd/\(descriptor) ]; then echo leaked; else echo clean; fi")
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertEqual(recorder.text, "clean\r\n")
    }

    func testFailuresInTheChildComeBackAsErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-bad-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data([0x00, 0x01, 0x02, 0x03]),
                                                     attributes: [.posixPermissions: 0o700]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try PtyProcess(argv: [path], environment: environment) { _ in }) { error in
            XCTAssertEqual((error as? SpawnError)?.errorNumber, ENOEXEC)
        }
        XCTAssertThrowsError(try PtyProcess(argv: ["sh", "-c", "true"], environment: environment,
                                            workingDirectory: "/nonexistent-tfwizard-dir") { _ in }) { error in
            XCTAssertEqual((error as? SpawnError)?.errorNumber, ENOENT)
        }
        let recorder = OutputRecorder()
        let process = try PtyProcess(argv: ["sh", "-c", "pwd"], environment: environment, workingDirectory: "/") {
            recorder.append($0)
        }
        XCTAssertEqual(process.waitForExit(), .exited(0))
        XCTAssertEqual(recorder.text, "/\r\n")
    }
}
