import Foundation
import TFWizardCore

/// The folder of the virtual environment: an editable text field.
enum VenvScreen {
    static func render(_ state: WizardState, _ canvas: Canvas) {
        var row = canvas.paragraph(state.text("venv.question"), row: canvas.bodyTop, style: .bold) + 1
        let fieldWidth = canvas.bodyWidth - 2
        let field = state.venvField
        // Scroll the field horizontally so the cursor stays visible.
        let characters = Array(field.text)
        var start = 0
        while TextWidth.width(String(characters[start..<field.cursor])) > fieldWidth - 1 { start += 1 }
        let visible = TextWidth.clip(String(characters[start...]), to: fieldWidth)
        canvas.bar("[" + TextWidth.pad(visible, to: fieldWidth) + "]", row: row, column: canvas.left,
                   width: fieldWidth + 2, style: .normal)
        let cursorColumn = canvas.left + 1 + TextWidth.width(String(characters[start..<field.cursor]))
        let underCursor = field.cursor < characters.count ? String(characters[field.cursor]) : " "
        canvas.text(underCursor, row: row, column: cursorColumn, style: .reverse, ellipsis: false)
        row += 2
        row = canvas.paragraph(state.text("venv.explain"), row: row)
        if let disk = state.facts.disk {
            let gigabytes = String(format: "%.1f", Double(disk.freeBytes) / 1_073_741_824)
            let style: TextStyle = disk.freeBytes < 3 * 1_073_741_824 ? .warning : .dim
            row = canvas.paragraph(state.text("venv.disk", ["free": gigabytes, "path": disk.path]), row: row + 1, style: style)
        }
    }
}

extension WizardState {
    mutating func handleVenv(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch key {
        case .escape: goBack(environment)
        case .enter:
            let folder = venvField.text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else {
                message = StatusMessage(text: text("venv.empty"), style: .warning)
                return []
            }
            answers.venv = folder
            advance(environment)
        default:
            _ = venvField.handle(key)
        }
        return []
    }
}
