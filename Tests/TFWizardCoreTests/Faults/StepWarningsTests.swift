import Foundation
import XCTest
@testable import TFWizardCore

/// A step that exits 0 after pip retried the index: its line says it had warnings, not a plain "done".
final class StepWarningsTests: XCTestCase {
    func testTheShippedMarkersAreReadAndMatchedAtTheLineStart() {
        XCTAssertTrue(StepWarnings.builtInPrefixes.contains("WARNING: "), "Resources/engine/step-warnings.json")
        var warnings = StepWarnings()
        warnings.consider(["Collecting tinypkg", "  WARNING: Retrying (Retry(total=2)) after 503",
                           "W: Some index files failed to download.", "no WARNING: here"])
        XCTAssertEqual(warnings.count, 2)
        XCTAssertEqual(warnings.first, "Retrying (Retry(total=2)) after 503")
        // The check step's TensorFlow notices are not the step's warnings.
        var check = StepWarnings(for: Step(id: "validate", title: "Check", why: "", argv: ["python", "-c", "..."],
                                           kind: .validation))
        check.consider(["WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"])
        XCTAssertEqual(check.count, 0)
    }

    /// Real pip against a local index that drops its first two requests before it serves the wheel.
    func testHeadlessInstallSaysTheStepSucceededWithWarnings() throws {
        let folder = try FaultFixtures.temporaryFolder("busy-index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try LocalIndexServer(workdir: folder, mode: "busy-2")
        defer { server.stop() }
        let target = folder.appendingPathComponent("target").path
        let step = FaultFixtures.pipStep(indexURL: server.indexURL, target: target, extraEnvironment: ["PIP_RETRIES": "5", "PIP_ROOT_USER_ACTION": "ignore"])
        let plan = FaultFixtures.plan([step])
        let strings = Strings(language: "en")
        let printed = OutputRecorder()
        let headless = HeadlessInstall(plan: plan, strings: strings, write: { printed.append(Array($0.utf8)) },
                                       diagnose: { _, _ in [] })
        let engine = Engine(plan: plan, runner: PtyStepRunner(), journal: nil, expectGPU: false, strings: strings,
                            onEvent: headless.sink)
        XCTAssertEqual(headless.run(engine: engine), .succeeded, printed.text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/tinypkg/__init__.py"), printed.text)
        let summary = printed.text.split(separator: "\n").first { $0.contains("done in") } ?? ""
        XCTAssertTrue(summary.contains("with 2 warning(s); the first: Retrying"), printed.text)
    }
}
