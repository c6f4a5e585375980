import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The last row: the keys of the current screen, from its binding table. Bindings marked for the overlay
/// only are left out; when the rest do not fit, the screen's last ones give way (never quit or help).
enum HelpBar {
    static let separator = "  "

    static func entries(_ state: WizardState, columns: Int) -> [KeyHelpEntry] {
        let (helps, shared) = Keymap.active(state)
        let shownShared = helps.suffix(shared).filter(\.shownInBar).count
        var entries = KeyHelpEntry.merged(helps.filter(\.shownInBar), shared: shownShared, state.text)
        while width(entries) > columns, let index = entries.lastIndex(where: { !$0.shared }) {
            entries.remove(at: index)
        }
        return entries
    }

    static func text(_ entries: [KeyHelpEntry]) -> String {
        " " + entries.map { $0.keys + " " + $0.label }.joined(separator: separator)
    }

    static func width(_ entries: [KeyHelpEntry]) -> Int { TextWidth.width(text(entries)) }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        canvas.bar(text(entries(state, columns: canvas.size.columns)), row: canvas.helpRow, style: .reverse)
    }
}
