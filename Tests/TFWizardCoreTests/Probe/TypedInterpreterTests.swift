import Foundation
import XCTest
@testable import TFWizardCore

/// An interpreter the user names rather than one found on PATH: asked with the probe's own script.
final class TypedInterpreterTests: XCTestCase {
    private let prober = Prober(root: "/", runner: SystemCommandRunner(), environment: ProcessInfo.processInfo.environment,
                                venvTarget: nil)

    func testEachWrongPathIsNamedWithWhatIsWrong() throws {
        let strings = Strings(language: "en")
        let plainFile = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-not-a-program-\(getpid())")
        try "x".write(to: plainFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: plainFile) }
        XCTAssertEqual(prober.probeInterpreter(atPath: "python3").failureMessage(strings),
                       "python3 is not a full path: type one that starts with / or ~/.")
        XCTAssertEqual(prober.probeInterpreter(atPath: "/nowhere/python3").failureMessage(strings), "/nowhere/python3 does not exist.")
        XCTAssertEqual(prober.probeInterpreter(atPath: plainFile.path).failureMessage(strings),
                       "\(plainFile.path) is not a program that can be run.")
        XCTAssertTrue(prober.probeInterpreter(atPath: "/bin/sh").failureMessage(strings)?.hasPrefix("/bin/sh did not answer as a Python 3") ?? false)
    }

    func testARealInterpreterOffPATHIsProbedAndPlannedFor() throws {
        let real = try XCTUnwrap(["/usr/bin/python3.11", "/usr/bin/python3.12", "/usr/bin/python3.10"]
            .first { FileManager.default.isExecutableFile(atPath: $0) })
        let python = try prober.probeInterpreter(atPath: real).get()
        XCTAssertEqual(python.path, real)
        XCTAssertTrue(python.version.hasPrefix("3."), python.version)
        // The answers' interpreter joins the facts the plan is made from, even when PATH does not reach it.
        let context = MachineContext.make(recorded: nil, venv: "~/tensorflow/venv", python: real)
        XCTAssertTrue(context.facts.pythons.contains { $0.path == real })
    }
}

private extension Result where Success == MachineFacts.PythonInterpreter, Failure == TypedInterpreterProblem {
    func failureMessage(_ strings: Strings) -> String? {
        if case .failure(let problem) = self { return problem.message(strings) }
        return nil
    }
}
