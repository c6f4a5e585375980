import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

extension WizardState {
    /// Folds one engine event into the install state.
    mutating func handleEngine(_ event: EngineEvent, _ environment: WizardEnvironment) -> [WizardEffect] {
        guard var progress = install, let plan else { return [] }
        // Taken out while it changes: with the state's copy gone, the step's output tail and log are
        // appended to in place instead of copied (megabytes) for every piece of output.
        install = nil
        defer { install = progress }
        func valid(_ index: Int) -> Bool { progress.steps.indices.contains(index) }
        switch event {
        case .stepStarted(let index):
            guard valid(index) else { return [] }
            let attempt = progress.steps[index].attempt + 1
            progress.steps[index] = .init(status: .running, startedAt: now)
            progress.steps[index].attempt = attempt
            progress.stepLogs[index] = LogBuffer(maxLines: 400, secrets: progress.secrets)
            progress.stepTails[index].reset()
            appendLog(&progress, Array(text("install.log-step", ["title": plan.steps[index].title]).utf8), endLine: true)
        case .output(let index, let bytes):
            if valid(index) {
                progress.stepLogs[index].append(bytes)
                progress.stepTails[index].append(bytes)
            }
            appendLog(&progress, bytes, endLine: false)
        case .stepSkipped(let index, let reason):
            guard valid(index) else { return [] }
            progress.steps[index].status = .skipped
            progress.steps[index].note = reason
        case .stepFinished(let index, let outcome):
            guard valid(index) else { return [] }
            progress.steps[index].status = outcome.status
            progress.steps[index].finishedAt = now
            progress.steps[index].outcome = outcome
            if outcome.status == .failed { progress.steps[index].note = Self.failureNote(outcome, text) }
            if outcome.status == .done {
                progress.stepLogs[index].finish()
                var warnings = StepWarnings(for: plan.steps[index])
                warnings.consider(progress.stepLogs[index].lines)
                progress.steps[index].warnings = warnings
                if let first = warnings.first {
                    progress.steps[index].note = text(warnings.count == 1 ? "install.warning" : "install.warnings",
                                                      ["count": String(warnings.count), "first": first])
                }
            }
        case .validated(_, let report):
            progress.validation = report
        case .awaitingDecision(let index):
            guard valid(index) else { return [] }
            progress.awaitingDecisionFor = index
            failureDiagnosis = environment.diagnoseOutput(progress.stepTails[index].bytes, plan)
            failureCursor = 0
            if !progress.cancelRequested { screen = .failure }
        case .decided, .fixStarted, .fixFinished, .aborted:
            break   // recorded in the log; the screens show the fix's output under the failed step
        case .finished(let success, let cancelled):
            progress.finished = (success, cancelled)
            progress.awaitingDecisionFor = nil
            progress.logFocused = false
            confirmation = nil
            install = progress
            if cancelled { return enterDone() }
            if [.failure, .fullLog, .install, .troubleshoot, .fixConfirm].contains(screen) {
                let key = removing ? (success ? "uninstall.finished-ok" : "uninstall.finished-failed")
                    : !success ? "install.finished-failed"
                    : (progress.validation != nil ? "install.finished-ok" : "install.finished-ok-no-check")
                message = StatusMessage(text: text(key),
                                        style: success ? .good : .bad)
                screen = .install
            }
        }
        return []
    }

    /// Output goes to the combined log; step headers start on a line of their own.
    private func appendLog(_ progress: inout InstallProgress, _ bytes: [UInt8], endLine: Bool) {
        if endLine && !progress.logEndsLine { progress.log.append([10]) }
        progress.log.append(bytes)
        if endLine { progress.log.append([10]) }
        if let last = bytes.last { progress.logEndsLine = endLine || last == 10 }
    }

    static func failureNote(_ outcome: StepOutcome, _ text: Wording) -> String {
        if let reason = outcome.failureReason { return reason }
        if let signal = outcome.signal { return text("install.signal", ["signal": String(signal)]) }
        if let code = outcome.exitCode { return text("install.exit-code", ["code": String(code)]) }
        return text("status.failed")
    }
}
