import TFWizardCore
@testable import TFWizardTUI

/// Walks the snapshot tests of both languages share: an install that fails at a step, and one that
/// finishes and passes its check.
extension WizardDriver {
    /// The defaults to the install; two steps done, then `step` fails with pip's "no matching distribution".
    mutating func failDefaultInstall(step: Int) {
        press(times: 7, .enter)
        at(1000)
        engine(.stepStarted(index: 0),
               .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 3)),
               .stepStarted(index: 1),
               .stepFinished(index: 1, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 2)),
               .stepStarted(index: step),
               .output(index: step, bytes: Array("ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)\r\nERROR: No matching distribution found for tensorflow\r\n".utf8)))
        at(1009)
        engine(.stepFinished(index: step, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 9)),
               .awaitingDecision(index: step))
    }

    /// The defaults to the install; the first step done in 4 s, the second running for 7 s with `output`.
    mutating func runSecondStep(printing output: [String]) {
        press(times: 7, .enter)
        at(1000)
        engine(.stepStarted(index: 0))
        at(1004)
        engine(.stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 4)),
               .stepStarted(index: 1))
        for chunk in output { engine(.output(index: 1, bytes: Array(chunk.utf8))) }
        at(1011)
    }

    /// The defaults to the install; every step done and the check passed, on the validation screen.
    mutating func finishDefaultInstall() {
        press(times: 7, .enter)
        for index in 1...4 {
            engine(.stepStarted(index: index),
                   .stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        }
        engine(.validated(index: 3, report: ValidationReport(tensorflowVersion: "2.21.0", reduceSum: "-1234.5678",
                                                             gpuDevices: [], passed: true)),
               .finished(success: true, cancelled: false))
        press(.enter)
    }
}
