import Foundation
@testable import TFWizardTUI

/// A terminal in memory: a grid of cells (double-width characters take a cell and its right neighbour),
/// keys from a script, and a text dump for snapshots.
final class MemoryTerminal: Terminal {
    struct Cell: Equatable {
        var text = " "
        var style = TextStyle.normal
        var isContinuation = false   // the right half of a double-width character
    }

    var size: TerminalSize { didSet { resetGrid() } }
    private(set) var cells: [[Cell]] = []
    private(set) var refreshCount = 0
    var scriptedKeys: [Key]
    /// Called when the script has run out; the default ends any run by pressing Ctrl-C, then "y".
    var keysWhenScriptEnds: [Key] = [.interrupt, .character("y")]
    private(set) var scriptExhausted = false

    init(rows: Int = 24, columns: Int = 80, keys: [Key] = []) {
        size = TerminalSize(rows: rows, columns: columns)
        scriptedKeys = keys
        resetGrid()
    }

    private func resetGrid() {
        cells = Array(repeating: Array(repeating: Cell(), count: size.columns), count: size.rows)
    }

    func clear() { resetGrid() }

    func draw(_ text: String, row: Int, column: Int, style: TextStyle) {
        guard row >= 0, row < size.rows else { return }
        var col = column
        for scalar in text.unicodeScalars {
            let width = TextWidth.width(of: scalar)
            if width == 0 {
                if col > 0 { cells[row][col - 1].text.unicodeScalars.append(scalar) }
                continue
            }
            guard col >= 0, col + width <= size.columns else { break }
            clearHalf(row, col)
            cells[row][col] = Cell(text: String(scalar), style: style)
            if width == 2 {
                clearHalf(row, col + 1)
                cells[row][col + 1] = Cell(text: "", style: style, isContinuation: true)
            }
            col += width
        }
    }

    /// Overwriting half of a double-width character blanks its other half, as a real terminal does.
    private func clearHalf(_ row: Int, _ col: Int) {
        if cells[row][col].isContinuation, col > 0 { cells[row][col - 1] = Cell() }
        if col + 1 < size.columns, cells[row][col + 1].isContinuation { cells[row][col + 1] = Cell() }
    }

    func refresh() { refreshCount += 1 }

    /// Keys that arrive over time (a person typing): asked first; nil means none yet, and the call then
    /// waits for its timeout as a real terminal would.
    var keySource: (() -> Key?)?

    func readKey(timeoutMilliseconds: Int) -> Key? {
        if let keySource {
            if let key = keySource() { return key }
            usleep(useconds_t(max(0, min(timeoutMilliseconds, 50)) * 1000))
        }
        if !scriptedKeys.isEmpty { return scriptedKeys.removeFirst() }
        scriptExhausted = true
        return keysWhenScriptEnds.isEmpty ? nil : keysWhenScriptEnds.removeFirst()
    }

    /// The screen as text, one line per row, trailing spaces removed.
    func text() -> String {
        cells.map { row in
            var line = row.filter { !$0.isContinuation }.map(\.text).joined()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// The style of the cell at (row, column).
    func style(row: Int, column: Int) -> TextStyle { cells[row][column].style }
}
