import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Rows and columns of a terminal.
public struct TerminalSize: Equatable, Sendable {
    public var rows: Int
    public var columns: Int
    public init(rows: Int, columns: Int) { self.rows = rows; self.columns = columns }
    /// The smallest terminal every screen is laid out for.
    public static let minimum = TerminalSize(rows: 24, columns: 80)
    public var isLargeEnough: Bool { rows >= TerminalSize.minimum.rows && columns >= TerminalSize.minimum.columns }
}

/// How a piece of text is drawn. Without colour (NO_COLOR, monochrome terminals) the colours fall back to
/// plain or bold, so meaning never depends on colour alone.
public enum TextStyle: Sendable, Equatable {
    case normal, bold, reverse, dim
    case accent      // titles, the focused element
    case good        // done, passed
    case bad         // failed, refused
    case warning     // skipped, not yet available
    case selected    // the highlighted row of a list
}

/// A key as the wizard understands it.
public enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case home, end, pageUp, pageDown
    case function(Int)
    case control(UInt8)       // Ctrl-letter other than Ctrl-C (1...26)
    case interrupt            // Ctrl-C: arrives as a key, the terminal is in raw mode
    case resize

    public static let space = Key.character(" ")
}

/// What the wizard draws on: ncurses in the program, an in-memory grid in tests.
public protocol Terminal: AnyObject {
    var size: TerminalSize { get }
    /// Blanks the whole screen (in the buffer; `refresh` shows it).
    func clear()
    /// Draws `text` starting at (row, column). The caller clips text to the screen with `TextWidth`.
    func draw(_ text: String, row: Int, column: Int, style: TextStyle)
    /// Shows what was drawn since the last refresh.
    func refresh()
    /// The next key, or nil when none came within the timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Whether the terminal has gone away (its pty closed, with or without a SIGHUP): no key will ever
    /// come again, so the wizard ends as on a hangup.
    var hasHungUp: Bool { get }
    /// Whether a key is waiting to be read: output still to be taken in then waits for it.
    var hasKeyWaiting: Bool { get }
}

extension Terminal {
    public var hasHungUp: Bool { false }
    public var hasKeyWaiting: Bool { false }
}
