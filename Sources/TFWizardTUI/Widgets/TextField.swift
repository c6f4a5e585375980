import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A one-line editable text with a cursor (positions count characters, not columns).
struct TextField: Equatable, Sendable {
    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(text: String) { characters = Array(text); cursor = characters.count }

    var text: String { String(characters) }

    /// Applies an editing key; false when the key is not an editing key.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor); cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .control(21):   // Ctrl-U clears, as in a shell
            characters.removeAll(); cursor = 0
        default: return false
        }
        return true
    }
}

/// Draws a text field as `[text   ]`, scrolled sideways so the cursor stays visible; a field without
/// the keys (one of two on a screen) shows no cursor.
enum TextFieldView {
    static func render(_ field: TextField, canvas: Canvas, row: Int, focused: Bool = true) {
        let fieldWidth = canvas.bodyWidth - 2
        let characters = Array(field.text)
        var start = 0
        while TextWidth.width(String(characters[start..<field.cursor])) > fieldWidth - 1 { start += 1 }
        let visible = TextWidth.clip(String(characters[start...]), to: fieldWidth)
        canvas.bar("[" + TextWidth.pad(visible, to: fieldWidth) + "]", row: row, column: canvas.left,
                   width: fieldWidth + 2, style: .normal)
        guard focused else { return }
        let cursorColumn = canvas.left + 1 + TextWidth.width(String(characters[start..<field.cursor]))
        let underCursor = field.cursor < characters.count ? String(characters[field.cursor]) : " "
        canvas.text(underCursor, row: row, column: cursorColumn, style: .reverse, ellipsis: false)
    }
}
