import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// From the main menu: the path of a log file to diagnose.
enum LogPathScreen {
    static func bindings(_ state: WizardState) -> [KeyBinding<TextFieldAction>] {
        [KeyBinding([.enter], "help.diagnose", .submit), KeyBinding([.escape], "help.back", .back)]
            + KeyBinding.textFieldKeys(.edit)
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        var row = canvas.paragraph(state.text("logpath.question"), row: canvas.bodyTop, style: .bold) + 1
        TextFieldView.render(state.logPathField, canvas: canvas, row: row)
        row += 2
        canvas.paragraph(state.text("logpath.explain"), row: row, style: .dim)
    }
}

extension WizardState {
    mutating func handleLogPath(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch LogPathScreen.bindings(self).action(for: key) {
        case .back?:
            screen = .welcome
        case .submit?:
            let path = logPathField.text.trimmingSpaces()
            guard !path.isEmpty else {
                message = StatusMessage(text: text("logpath.empty"), style: .warning)
                return []
            }
            return [.readLogFile(path)]
        case .edit?: _ = logPathField.handle(key)
        case nil: break
        }
        return []
    }
}
