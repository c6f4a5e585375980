import Foundation
import XCTest
@testable import TFWizardCore

/// The package index unreachable or stalling: the real pip step fails, the diagnosis is `network-error`,
/// and retrying once the index is back succeeds.
final class NetworkFaultTests: XCTestCase {
    func testClosedPortFailsAsNetworkErrorAndRetrySucceedsOnceTheIndexListens() throws {
        let folder = try FaultFixtures.temporaryFolder("closed-port")
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try FaultFixtures.closedPort()
        let target = folder.appendingPathComponent("target").path
        let run = EngineRun(plan: FaultFixtures.plan([
            FaultFixtures.pipStep(indexURL: "http://127.0.0.1:\(port)/simple/", target: target)]))
        run.engine.start()

        let (failed, position) = try XCTUnwrap(run.outcome(of: 0, timeout: 60))
        XCTAssertEqual(failed.status, .failed, run.output.text)
        XCTAssertNotNil(run.waitFor(timeout: 5) { $0 == .awaitingDecision(index: 0) })
        let diagnosis = Troubleshooter.summaryLines(for: Array(run.output.text.utf8), strings: Strings(language: "en"))
        XCTAssertTrue(diagnosis.first?.hasSuffix("[network-error]") == true, diagnosis.joined(separator: "\n"))
        XCTAssertTrue(run.output.text.contains("Connection refused"), run.output.text)

        let server = try LocalIndexServer(workdir: folder, port: port)
        defer { server.stop() }
        run.engine.decide(.retry)
        let (retried, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 60, after: position + 1))
        XCTAssertEqual(retried.status, .done, run.output.text)
        XCTAssertNotNil(run.waitFor(timeout: 5) { $0 == .finished(success: true, cancelled: false) })
        XCTAssertEqual(try String(contentsOfFile: target + "/tinypkg/__init__.py", encoding: .utf8), "VALUE = 42\n")
    }

    func testServerThatStopsMidDownloadFailsAsNetworkErrorAndRetrySucceedsWhenItAnswersAgain() throws {
        let folder = try FaultFixtures.temporaryFolder("stall")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try LocalIndexServer(workdir: folder, mode: "stall-body")
        defer { server.stop() }
        let target = folder.appendingPathComponent("target").path
        let run = EngineRun(plan: FaultFixtures.plan([FaultFixtures.pipStep(indexURL: server.indexURL, target: target)]))
        let started = Date()
        run.engine.start()

        let (failed, position) = try XCTUnwrap(run.outcome(of: 0, timeout: 60))
        XCTAssertEqual(failed.status, .failed, run.output.text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 40, "PIP_TIMEOUT ends the stalled download")
        XCTAssertTrue(run.output.text.contains("Downloading http://127.0.0.1:\(server.port)/files/"), run.output.text)
        let diagnosis = Troubleshooter.summaryLines(for: Array(run.output.text.utf8), strings: Strings(language: "en"))
        XCTAssertTrue(diagnosis.first?.hasSuffix("[network-error]") == true, diagnosis.joined(separator: "\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "/tinypkg"))

        try server.setMode("ok")
        XCTAssertNotNil(run.waitFor(timeout: 5) { $0 == .awaitingDecision(index: 0) })
        run.engine.decide(.retry)
        let (retried, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 60, after: position + 1))
        XCTAssertEqual(retried.status, .done, run.output.text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/tinypkg/__init__.py"))
    }
}
