import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// A step failed: what it printed last, the likely cause, and what to do (retry / skip / log / abort).
enum FailureScreen {
    enum Choice: String, CaseIterable { case retry, troubleshoot, skip, log, abort }
    enum Action: Equatable { case move(Motion), choose }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        KeyBinding.listKeys { .move($0) }
            + [KeyBinding([.enter], "help.confirm", .choose), KeyBinding([.space], "help.confirm", .choose, inBar: false)]
    }

    static func choices(_ state: WizardState) -> [Choice] {
        guard let index = state.install?.awaitingDecisionFor, let plan = state.plan else { return [.log, .abort] }
        return plan.steps[index].safeToSkip ? Choice.allCases : [.retry, .troubleshoot, .log, .abort]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let install = state.install, let plan = state.plan, let index = install.awaitingDecisionFor else { return }
        let step = plan.steps[index]
        var row = canvas.paragraph(state.text("failure.title", ["index": String(index + 1), "title": step.title]),
                                   row: canvas.bodyTop, style: .bad)
        if let note = install.steps[index].note { row = canvas.paragraph(note, row: row) }
        row += 1
        if let cause = state.failureDiagnosis?.cause {
            canvas.text(state.text("failure.likely"), row: row, column: canvas.left, style: .accent)
            row = canvas.paragraph("* " + cause.finding.title + " [" + cause.finding.id + "]", row: row + 1,
                                   column: canvas.left + 2)
            canvas.text(state.text("diagnosis.line", ["line": String(cause.finding.lineNumber), "text": cause.finding.text]),
                        row: row, column: canvas.left + 4, style: .dim)
            row = canvas.paragraph(state.text("failure.see-troubleshoot"), row: row + 1, column: canvas.left + 4, style: .dim)
            row += 1
        }
        let choiceRows = choices(state).map { choice in
            ChoiceRow(label: state.text("failure.\(choice.rawValue)"))
        }
        let choicesTop = canvas.bodyBottom - choiceRows.count + 1
        canvas.text(state.text("failure.last-lines"), row: row, column: canvas.left, style: .dim)
        row += 1
        let tailHeight = max(0, choicesTop - 1 - row)
        let lines = install.stepLogs[index].lines.suffix(tailHeight)
        for (offset, line) in lines.enumerated() {
            canvas.text(line, row: row + offset, column: canvas.left + 2, width: canvas.bodyWidth - 2, ellipsis: false)
        }
        ChoiceList.render(choiceRows, cursor: state.failureCursor, canvas: canvas, row: choicesTop,
                          height: choiceRows.count, width: 40)
        if !step.safeToSkip {
            // The last step has no later steps to need it: skipping it would just leave the install unchecked.
            let isLast = index == (state.plan?.steps.count ?? 0) - 1
            canvas.paragraph(state.text(isLast ? "failure.no-skip-last" : "failure.no-skip"), row: choicesTop,
                             column: canvas.left + 42, width: canvas.bodyWidth - 42, style: .dim)
        }
    }
}

extension WizardState {
    mutating func handleFailure(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let choices = FailureScreen.choices(self)
        switch FailureScreen.bindings(self).action(for: key) {
        case .move(let motion)?: failureCursor = motion.apply(failureCursor, last: choices.count - 1, page: choices.count)
        case .choose?:
            guard let index = install?.awaitingDecisionFor else { return [] }
            switch choices[min(failureCursor, choices.count - 1)] {
            case .retry:
                install?.awaitingDecisionFor = nil
                let attempt = install?.steps[index].attempt ?? 0   // a retry keeps the count
                install?.steps[index] = .init(status: .pending, attempt: attempt)
                screen = .install
                return [.decide(.retry)]
            case .troubleshoot:
                openTroubleshoot(forFailedStep: index, environment)
            case .skip:
                install?.awaitingDecisionFor = nil
                install?.steps[index].status = .skipped
                screen = .install
                return [.decide(.skip)]
            case .log:
                fullLogScroll = 0
                screen = .fullLog
            case .abort:
                install?.awaitingDecisionFor = nil
                screen = .install
                return [.decide(.abort)]
            }
        case nil: break
        }
        return []
    }
}
