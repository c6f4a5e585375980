import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// F1: every binding of the current screen (its own, then the shared ones) in a box over the screen.
/// Closing it shows the screen again as it was; Ctrl-C closes it and does what it does on the screen.
enum HelpOverlay {
    enum Action: Equatable { case close, quit }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        [KeyBinding([.escape, .function(1), .character("?"), .enter], "help.close", Action.close),
         KeyBinding([.interrupt], state.isInstallRunning ? "help.cancel" : "help.quit", .quit)]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let entries = KeyHelpEntry.merged(Keymap.all(state), state.text)
        let title = state.text("help.overlay-title", ["screen": state.text("screen.\(state.screen.rawValue)")])
        let keysWidth = min(36, entries.map { TextWidth.width($0.keys) }.max() ?? 0)
        let labelWidth = entries.map { TextWidth.width($0.label) }.max() ?? 0
        let inner = max(TextWidth.width(title), keysWidth + 3 + labelWidth)
        let width = min(canvas.size.columns - 2, max(44, inner + 6))
        let height = min(canvas.size.rows - 2, entries.count + 5)
        let top = max(1, (canvas.size.rows - height) / 2)
        let left = (canvas.size.columns - width) / 2
        canvas.box(top: top, left: left, width: width, height: height, style: .accent)
        canvas.text(title, row: top + 1, column: left + 3, width: width - 6, style: .bold)
        for (offset, entry) in entries.prefix(height - 5).enumerated() {
            let row = top + 3 + offset
            canvas.text(entry.keys, row: row, column: left + 3, width: keysWidth, style: .accent)
            canvas.text(entry.label, row: row, column: left + 3 + keysWidth + 3, width: width - keysWidth - 9)
        }
    }
}
