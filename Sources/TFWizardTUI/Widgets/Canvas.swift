import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Clipped drawing on a terminal: nothing drawn through it can spill past the right edge or the last row.
struct Canvas {
    let terminal: Terminal
    let size: TerminalSize

    /// First and last rows of the screen body, between the title bar and the message/help lines.
    var bodyTop: Int { 2 }
    var bodyBottom: Int { size.rows - 3 }
    var bodyRows: Int { bodyBottom - bodyTop + 1 }
    var messageRow: Int { size.rows - 2 }
    var helpRow: Int { size.rows - 1 }
    /// Left margin of the body.
    var left: Int { 2 }
    var bodyWidth: Int { size.columns - 2 * left }

    /// Draws text at (row, column), clipped to `width` columns (default: to the right edge).
    func text(_ text: String, row: Int, column: Int, width: Int? = nil, style: TextStyle = .normal,
              ellipsis: Bool = true) {
        guard row >= 0, row < size.rows, column < size.columns else { return }
        let available = min(width ?? (size.columns - column), size.columns - column)
        let clipped = TextWidth.clip(text, to: available, ellipsis: ellipsis)
        guard !clipped.isEmpty else { return }
        terminal.draw(clipped, row: row, column: column, style: style)
    }

    /// Fills a whole row (or `width` columns of it) with text padded by spaces: bars and highlights.
    func bar(_ text: String, row: Int, column: Int = 0, width: Int? = nil, style: TextStyle) {
        guard row >= 0, row < size.rows, column < size.columns else { return }
        let columns = min(width ?? (size.columns - column), size.columns - column)
        terminal.draw(TextWidth.pad(text, to: columns), row: row, column: column, style: style)
    }

    /// A bordered box (`+--+` and `|  |`) with a blank inside, over whatever was drawn there.
    func box(top: Int, left: Int, width: Int, height: Int, style: TextStyle) {
        let border = "+" + String(repeating: "-", count: max(0, width - 2)) + "+"
        text(border, row: top, column: left, style: style)
        for row in (top + 1)..<max(top + 1, top + height - 1) {
            bar("|" + String(repeating: " ", count: max(0, width - 2)) + "|", row: row, column: left, width: width, style: style)
        }
        text(border, row: top + height - 1, column: left, style: style)
    }

    /// Wrapped paragraph from `row`; returns the row after it. Stops at `lastRow`.
    @discardableResult
    func paragraph(_ text: String, row: Int, column: Int? = nil, width: Int? = nil, lastRow: Int? = nil,
                   style: TextStyle = .normal) -> Int {
        let start = column ?? left
        let columns = width ?? (size.columns - start - left)
        var current = row
        for line in TextWidth.wrap(text, to: columns) {
            if current > (lastRow ?? bodyBottom) { break }
            self.text(line, row: current, column: start, width: columns, style: style)
            current += 1
        }
        return current
    }
}

/// One row of a choice list.
struct ChoiceRow: Equatable {
    var label: String
    var tag: String = ""           // right-hand note: "recommended", "not yet available"
    var tagStyle: TextStyle = .dim
    var enabled = true
}

/// A vertical list with a highlighted row; disabled rows can be highlighted (to read why) but not chosen.
enum ChoiceList {
    /// Draws rows from `row` using at most `height` rows; scrolls to keep the cursor visible.
    static func render(_ rows: [ChoiceRow], cursor: Int, focused: Bool = true, canvas: Canvas,
                       row: Int, height: Int, column: Int? = nil, width: Int? = nil) {
        let start = column ?? canvas.left
        let fullWidth = width ?? canvas.bodyWidth
        // A list that scrolls keeps its last two columns for the ^/v marks, so they never cover text.
        let scrolls = rows.count > height
        let columns = scrolls ? fullWidth - 2 : fullWidth
        let first = max(0, min(cursor - height + 1, rows.count - height))
        for (offset, index) in (first..<min(rows.count, first + height)).enumerated() {
            let item = rows[index]
            let isCursor = index == cursor
            let marker = isCursor ? (focused ? "> " : "- ") : "  "
            let tagWidth = item.tag.isEmpty ? 0 : min(TextWidth.width(item.tag), columns / 2)
            let labelWidth = columns - tagWidth - (tagWidth > 0 ? 1 : 0)
            let label = TextWidth.pad(TextWidth.clip(marker + item.label, to: labelWidth, ellipsis: true), to: labelWidth)
            let style: TextStyle = isCursor && focused ? .selected : (item.enabled ? .normal : .dim)
            canvas.text(label, row: row + offset, column: start, width: labelWidth, style: style)
            if tagWidth > 0 {
                canvas.text(item.tag, row: row + offset, column: start + labelWidth + 1, width: tagWidth,
                            style: item.enabled ? item.tagStyle : .dim)
            }
        }
        if first > 0 { canvas.text("^", row: row, column: start + fullWidth - 1, style: .dim) }
        if first + height < rows.count { canvas.text("v", row: row + height - 1, column: start + fullWidth - 1, style: .dim) }
    }
}
