import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The folder of the virtual environment: an editable text field that completes folders with Tab and
/// shows the free space where the folder typed would go.
enum VenvScreen {
    enum Action: Equatable { case submit, back, edit, complete }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        // Tab takes Ctrl-U's place in the bar (the overlay still lists it): at 80 columns both do not fit.
        [KeyBinding([.enter], "help.next", .submit), KeyBinding([.escape], "help.back", .back),
         KeyBinding([.tab], "help.complete", .complete)]
            + KeyBinding.textFieldKeys(.edit).map { $0.keys.contains(.control(21)) ? $0.onlyInOverlay : $0 }
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        var row = canvas.paragraph(state.text("venv.question"), row: canvas.bodyTop, style: .bold) + 1
        TextFieldView.render(state.venvField, canvas: canvas, row: row)
        row += 1
        if !state.venvCandidates.isEmpty {
            row = canvas.paragraph(state.venvCandidates.joined(separator: "  "), row: row, lastRow: row + 1, style: .dim)
        }
        row = canvas.paragraph(state.text("venv.explain"), row: row + 1)
        if let disk = state.venvDisk ?? state.facts.disk {
            let gigabytes = cFormat("%.1f", Double(disk.freeBytes) / 1_073_741_824)
            let style: TextStyle = disk.freeBytes < 3 * 1_073_741_824 ? .warning : .dim
            row = canvas.paragraph(state.text("venv.disk", ["free": gigabytes, "path": disk.path]), row: row + 1, style: style)
        }
        // Why the folder typed cannot be used, whole and wrapped.
        if let problem = state.venvProblem { canvas.paragraph(problem, row: row + 1, style: .bad) }
    }
}

extension WizardState {
    mutating func handleVenv(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch VenvScreen.bindings(self).action(for: key) {
        case .back?: goBack(environment)
        case .submit?:
            let folder = venvField.text.trimmingSpaces()
            guard !folder.isEmpty else {
                message = StatusMessage(text: text("venv.empty"), style: .warning)
                return []
            }
            answers.venv = folder
            // The folder is checked here, where it is typed: its state is read (an effect), then judged.
            return [.inspectTarget(answers)]
        case .complete?:
            return [.completeFolder(venvField.text)]
        case .edit?:
            _ = venvField.handle(key)
            venvProblem = nil
            venvCandidates = []
            return [.measureFolder(venvField.text)]
        case nil: break
        }
        return []
    }
}
