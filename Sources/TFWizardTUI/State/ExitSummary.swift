import TFWizardCore

/// How the wizard ended, with what to print on the normal screen once the full-screen view is gone.
public struct WizardOutcome {
    public var reason: ExitReason
    let state: WizardState

    /// The summary lines; `logPath` is the session log written after the screen closed.
    public func summary(logPath: String?) -> [String] { ExitSummary.lines(state, reason: reason, logPath: logPath) }
}

/// The screen goes when the wizard ends, so what matters is printed after it, in the terminal's normal
/// scrollback: how it went, the log and the answer file, and what to do next — use the result, come back
/// after a reboot, run again with the same options, or remove what was installed.
enum ExitSummary {
    static func lines(_ state: WizardState, reason: ExitReason, logPath: String?) -> [String] {
        var lines: [String] = []
        let text = state.text
        let dryRun = state.recordedMachine != nil
        let installed = state.install != nil
        switch reason {
        case .success where state.removing:
            lines.append(text("uninstall.succeeded", [:]))
        case .failed where state.removing:
            lines.append(text("uninstall.failed", [:]))
        case .success where dryRun:
            lines.append(text("recorded.done.success", [:]))
        case .success:
            let reboot = state.plan?.awaitsReboot ?? false
            lines.append(text(reboot ? "exit.success-reboot" : "exit.success",
                              ["version": state.plan?.tensorflowVersion ?? "?"]))
        case .failed:
            lines.append(text("exit.failed", [:]))
            lines += state.failureLines().map { "  " + $0 }
        case .cancelled, .interrupted:
            lines.append(text(installed ? "exit.cancelled" : "exit.left-before-install", [:]))
            if installed { lines += state.halfMadeLines().map { "  " + $0 } }
        }
        if let logPath { lines.append(text("done.log", ["path": logPath])) }
        if let answers = state.answersSavedTo { lines.append(text("done.answers", ["path": answers])) }
        guard installed, !dryRun, !state.removing, let plan = state.plan else { return lines }
        lines.append("")
        if reason == .success {
            lines += nextSteps(state, plan: plan)
        } else if let answers = state.answersSavedTo {
            lines.append(text("exit.rerun", ["command": state.rerunCommand(answers: answers)]))
        }
        if let removal = state.installMethod?.removal(state.answers, plan: plan), !removal.isEmpty {
            lines.append(text("exit.remove", ["command": ShellQuoting.render(removal)]))
        }
        return lines
    }

    private static func nextSteps(_ state: WizardState, plan: Plan) -> [String] {
        let text = state.text
        if plan.awaitsReboot {
            let rerun = state.answersSavedTo.map { state.rerunCommand(answers: $0) } ?? "tfwizard"
            return [text("exit.reboot", ["command": rerun])]
        }
        var lines: [String] = []
        let hints = state.installMethod?.doneHints(state.answers) ?? DoneHints()
        for hint in hints.commands {
            lines.append(text(hint.lead, [:]))
            lines.append("  " + hint.command)
            // fish reads activate.fish; bash and zsh the plain one.
            if hint.command.hasPrefix("source "), hint.command.hasSuffix("/bin/activate") {
                lines.append("  " + hint.command + ".fish" + "    " + text("exit.fish", [:]))
            }
        }
        if hints.tryIt { lines.append(text("done.try", [:])) }
        return lines
    }
}

extension WizardState {
    /// The command that runs this install again headless: the saved answers and this run's options.
    func rerunCommand(answers: String) -> String {
        ShellQuoting.render(["tfwizard", "install", "--answers", answers] + rerunOptions)
    }

    /// A failed install in words: which step, the likely cause and its fix, and what is left half made.
    func failureLines() -> [String] {
        var lines: [String] = []
        if let index = install?.steps.firstIndex(where: { $0.status == .failed }), let step = plan?.steps[index] {
            lines.append(text("exit.failed-step", ["number": String(index + 1), "title": step.title]))
        }
        if let cause = failureDiagnosis?.cause {
            lines.append(text("exit.cause", ["title": cause.finding.title, "id": cause.finding.id]))
            lines.append(text("exit.fix", ["fix": cause.fix]))
        }
        return lines + halfMadeLines()
    }

    /// What an install that stopped leaves behind: the steps done (kept, reused by the next run) and the
    /// ones not done.
    func halfMadeLines() -> [String] {
        guard let install, let plan else { return [] }
        func list(_ indices: [Int]) -> String {
            indices.map { "\($0 + 1). \(plan.steps[$0].title)" }.joined(separator: "; ")
        }
        let done = install.steps.indices.filter { install.steps[$0].status == .done }
        let notDone = install.steps.indices.filter { install.steps[$0].status != .done }
        var lines: [String] = []
        if !done.isEmpty { lines.append(text("exit.kept", ["steps": list(done)])) }
        if !notDone.isEmpty { lines.append(text("exit.not-done", ["steps": list(notDone)])) }
        if !done.isEmpty { lines.append(text("exit.half-made", [:])) }
        return lines
    }
}
