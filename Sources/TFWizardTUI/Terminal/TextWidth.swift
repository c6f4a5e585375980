import CNcursesw
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Display widths in terminal columns (wcwidth), so that layout never assumes one column per character:
/// CJK takes two columns, combining marks none. Control characters are shown as U+FFFD-free "?" so a
/// child's stray escape can never move the cursor.
public enum TextWidth {
    /// Columns a scalar takes. Non-ASCII text in a non-UTF-8 locale is drawn as "?" and counts one column.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7f && value < 0xa0) { return 1 }   // drawn as "?"
        if value < 0x7f { return 1 }
        let columns = Int(wcwidth(wchar_t(bitPattern: value)))
        return columns < 0 ? 1 : columns
    }

    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// Replaces control characters (tabs become a space) so text is safe to draw.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7f && $0.value < 0xa0) })
        else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x09 { result.append(" ") }
            else if value < 0x20 || (value >= 0x7f && value < 0xa0) { result.append("?") }
            else { result.append(scalar) }
        }
        return String(result)
    }

    /// The longest prefix that fits in `columns`; a wide character that would straddle the edge is left out.
    /// With `ellipsis`, text that does not fit ends in "…".
    public static func clip(_ text: String, to columns: Int, ellipsis: Bool = false) -> String {
        guard columns > 0 else { return "" }
        let clean = sanitize(text)
        if width(clean) <= columns { return clean }
        let budget = ellipsis ? columns - 1 : columns
        var used = 0
        var result = String.UnicodeScalarView()
        for scalar in clean.unicodeScalars {
            let columnsNeeded = width(of: scalar)
            if used + columnsNeeded > budget { break }
            used += columnsNeeded
            result.append(scalar)
        }
        return ellipsis ? String(result) + "…" : String(result)
    }

    /// Clips, then pads with spaces to exactly `columns`.
    public static func pad(_ text: String, to columns: Int) -> String {
        let clipped = clip(text, to: columns)
        return clipped + String(repeating: " ", count: max(0, columns - width(clipped)))
    }

    /// Pads on the left so the text ends at `columns`.
    public static func padLeft(_ text: String, to columns: Int) -> String {
        let clipped = clip(text, to: columns)
        return String(repeating: " ", count: max(0, columns - width(clipped))) + clipped
    }

    /// Wraps to lines of at most `columns`: at spaces where there are any, anywhere in text without spaces
    /// (Chinese has none). Existing newlines are kept.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in sanitizeKeepingNewlines(text).split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrapParagraph(String(paragraph), columns))
        }
        return lines
    }

    /// Cuts `text` into rows of at most `columns` exactly where they fill, keeping every character
    /// (spaces too): for output that must be read whole, as it was printed. A wide character never splits.
    public static func hardWrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 1 else { return [text] }
        var rows: [String] = []
        var row = String.UnicodeScalarView()
        var rowWidth = 0
        for scalar in sanitize(text).unicodeScalars {
            let scalarWidth = width(of: scalar)
            if rowWidth + scalarWidth > columns {
                rows.append(String(row)); row = .init(); rowWidth = 0
            }
            row.append(scalar)
            rowWidth += scalarWidth
        }
        rows.append(String(row))
        return rows
    }

    private static func sanitizeKeepingNewlines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
    }

    /// Closing punctuation that may not begin a line (the rule Chinese typesetting keeps).
    private static let noLineStart = Set("，。、；：！？）》」』】”’…％".unicodeScalars)

    private static func wrapParagraph(_ paragraph: String, _ columns: Int) -> [String] {
        if width(paragraph) <= columns { return [paragraph] }
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var lineWidth = 0
        var lastSpace: String.UnicodeScalarView.Index?
        for scalar in paragraph.unicodeScalars {
            let scalarWidth = width(of: scalar)
            if lineWidth + scalarWidth > columns {
                if scalar == " " {               // the break falls on a space: drop it
                    lines.append(String(line)); line = .init(); lineWidth = 0; lastSpace = nil
                    continue
                }
                // Wide (CJK) text may break between any two characters; narrow words break at spaces.
                let previousIsWide = line.last.map { width(of: $0) == 2 } ?? false
                if let space = lastSpace, scalarWidth < 2, !previousIsWide {
                    let head = String(line[line.startIndex..<space])
                    let tail = line[line.index(after: space)...]
                    lines.append(head)
                    line = String.UnicodeScalarView(tail)
                    lineWidth = width(String(line))
                } else if noLineStart.contains(scalar), line.count > 1, let last = line.last, width(of: last) == 2 {
                    // Chinese punctuation never starts a line: the character before it goes down with it,
                    line.removeLast()
                    lines.append(String(line))
                    line = String.UnicodeScalarView([last])
                    lineWidth = width(of: last)
                } else if noLineStart.contains(scalar), let space = lastSpace {
                    // or the word before it ("TensorFlow。").
                    lines.append(String(line[line.startIndex..<space]))
                    line = String.UnicodeScalarView(line[line.index(after: space)...])
                    lineWidth = width(String(line))
                } else {
                    lines.append(String(line)); line = .init(); lineWidth = 0
                }
                lastSpace = nil
            }
            if scalar == " " { lastSpace = line.endIndex }
            line.append(scalar)
            lineWidth += scalarWidth
        }
        if !line.isEmpty { lines.append(String(line)) }
        return lines.map { $0.hasSuffix(" ") ? String($0.dropLast()) : $0 }
    }
}
