import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The end screen's "how to use it" for the methods without a venv to activate, and the way back after
/// a driver install that needs a reboot before TensorFlow can be checked.
enum MethodDoneHints {
    /// A plan that installed the NVIDIA driver and stopped before the check.
    static func rebootPending(_ state: WizardState) -> Bool {
        state.plan?.awaitsReboot ?? false
    }

    /// Draws the hints from `row`; returns nil when the generic venv/python hints apply instead.
    static func render(_ state: WizardState, _ canvas: Canvas, row: Int) -> Int? {
        if rebootPending(state) {
            var row = canvas.paragraph(state.text("done.reboot"), row: row, style: .warning)
            row = canvas.paragraph(state.text("done.reboot-return", ["path": state.answersSavedTo ?? "ANSWERS-FILE"]), row: row + 1)
            return row
        }
        switch state.answers.method {
        case .docker:
            let command = ShellQuoting.render(Planner.containerRunArgv(image: Planner.dockerImage(for: state.answers),
                                                                       answers: state.answers))
            canvas.text(state.text("done.docker"), row: row, column: canvas.left)
            return canvas.paragraph(command, row: row + 1, column: canvas.left + 2, style: .accent) + 1
        case .conda:
            canvas.text(state.text("done.conda"), row: row, column: canvas.left)
            canvas.text("conda activate tf", row: row + 1, column: canvas.left + 2, style: .accent)
            return canvas.paragraph(state.text("done.try"), row: row + 3)
        case .venv, .systemPip, .source:
            return nil
        }
    }
}
