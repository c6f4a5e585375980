import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The end: how it went, where the log and the answer file are, how to use the result.
enum DoneScreen {
    enum Action: Equatable { case exit, showLog }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        [KeyBinding([.enter], "help.exit", .exit), KeyBinding([.space, .escape], "help.exit", .exit, inBar: false),
         KeyBinding([.tab], "help.show-log", .showLog)]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let outcome = state.finalExitReason
        let headline: String, style: TextStyle
        switch outcome {
        case .success where state.removing: headline = state.text("uninstall.succeeded"); style = .good
        case .failed where state.removing: headline = state.text("uninstall.failed"); style = .bad
        case .success: headline = state.text(MethodDoneHints.rebootPending(state) ? "done.success-reboot" : "done.success"); style = .good
        case .failed: headline = state.text("done.failed"); style = .bad
        case .cancelled, .interrupted: headline = state.text("done.cancelled"); style = .warning
        }
        // A dry run on a recorded machine installed nothing: say so instead of "installed and works".
        let dryRunSuccess = outcome == .success && state.recordedMachine != nil
        var row = canvas.paragraph(dryRunSuccess ? state.text("recorded.done.success") : headline, row: canvas.bodyTop,
                                   style: dryRunSuccess ? .warning : style) + 1
        row = canvas.paragraph(state.text("done.log", ["path": state.logExportedTo ?? state.text("done.writing")]), row: row)
        if state.removing { return }   // no answers are saved for a removal, and there is nothing to use
        row = canvas.paragraph(state.text("done.answers", ["path": state.answersSavedTo ?? state.text("done.writing")]), row: row)
        row += 1
        if dryRunSuccess { return }
        if outcome == .success {
            MethodDoneHints.render(state, canvas, row: row)
            return
        }
        // Failed or cancelled: the cause again, what is left half made, and how to go on with the same options.
        let what = outcome == .failed ? state.failureLines() : state.halfMadeLines()
        for line in what { row = canvas.paragraph(line, row: row) }
        if let path = state.answersSavedTo {
            canvas.paragraph(state.text("done.rerun", ["command": state.rerunCommand(answers: path)]), row: row + 1)
        }
    }
}

extension WizardState {
    mutating func handleDone(_ key: Key) -> [WizardEffect] {
        switch DoneScreen.bindings(self).action(for: key) {
        case .exit?: exitReason = finalExitReason
        case .showLog?: screen = .install       // look at the log once more
        case nil: break
        }
        return []
    }
}
