import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The end screen's "how to use it": the chosen method's hints (`InstallMethod.doneHints`), or the way
/// back after a driver install that needs a reboot before TensorFlow can be checked.
enum MethodDoneHints {
    /// A plan that installed the NVIDIA driver and stopped before the check.
    static func rebootPending(_ state: WizardState) -> Bool {
        state.plan?.awaitsReboot ?? false
    }

    /// Draws the hints from `row`; returns the row after them.
    @discardableResult
    static func render(_ state: WizardState, _ canvas: Canvas, row: Int) -> Int {
        if rebootPending(state) {
            let row = canvas.paragraph(state.text("done.reboot"), row: row, style: .warning)
            return canvas.paragraph(state.text("done.reboot-return", ["path": state.answersSavedTo ?? state.text("done.answers-file")]), row: row + 1)
        }
        let hints = state.installMethod?.doneHints(state.answers) ?? DoneHints()
        var row = row
        for hint in hints.commands {
            canvas.text(state.text(hint.lead), row: row, column: canvas.left)
            if hint.wraps {
                row = canvas.paragraph(hint.command, row: row + 1, column: canvas.left + 2, style: .accent) + 1
            } else {
                canvas.text(hint.command, row: row + 1, column: canvas.left + 2, style: .accent)
                row += 3
            }
        }
        if hints.tryIt { row = canvas.paragraph(state.text("done.try"), row: row) }
        return row
    }
}
