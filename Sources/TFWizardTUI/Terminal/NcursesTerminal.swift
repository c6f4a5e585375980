@preconcurrency import CNcursesw
import FoundationEssentials
import TFWizardCore
#if canImport(Glibc)
import Glibc
#endif

/// Why the interactive wizard cannot use this terminal.
public struct TerminalUnavailable: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The real terminal, through ncursesw. Opened with `newterm` after checking for a tty, so ncurses never
/// prints "Error opening terminal" and exits on its own; `close()` (also run on deinit) always restores it.
public final class NcursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private let useColor: Bool
    /// False when the locale is not UTF-8: non-ASCII text is then drawn as "?" (ncurses would draw blanks).
    public let wideTextAvailable: Bool
    private var closed = false
    public private(set) var hasHungUp = false

    private enum Pair: Int16 { case accent = 1, good, bad, warning }

    /// - Parameters:
    ///   - environment: the process environment (TERM, NO_COLOR).
    ///   - strings: the words of why the terminal cannot be used.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, strings: Strings) throws {
        if setlocale(LC_ALL, "") == nil || tfw_codeset_is_utf8() == 0,
           LanguageChoice.choose(requested: nil, environment: environment).localeIsUTF8 {
            // The environment names a UTF-8 locale that is not installed (zh_CN.UTF-8 on a minimal system):
            // the terminal still speaks UTF-8, so the character set comes from C.UTF-8, which every glibc has.
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalUnavailable(strings["terminal.not-a-tty"])
        }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(strings["terminal.no-term"])
        }
        wideTextAvailable = tfw_codeset_is_utf8() != 0
        guard let opened = newterm(term, stdout, stdin) else {
            throw TerminalUnavailable(strings.text("terminal.unknown-term", ["term": term]))
        }
        screen = opened
        set_term(opened)
        raw()                      // Ctrl-C arrives as a key; cancelling is the wizard's decision
        noecho()
        nonl()
        keypad(tfw_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        useColor = !noColor && has_colors()
        if useColor {
            start_color()
            use_default_colors()
            init_pair(Pair.accent.rawValue, Int16(COLOR_CYAN), -1)
            init_pair(Pair.good.rawValue, Int16(COLOR_GREEN), -1)
            init_pair(Pair.bad.rawValue, Int16(COLOR_RED), -1)
            init_pair(Pair.warning.rawValue, Int16(COLOR_YELLOW), -1)
        }
    }

    deinit { close() }

    /// Gives the terminal back to the shell. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    public var size: TerminalSize { TerminalSize(rows: Int(tfw_lines()), columns: Int(tfw_cols())) }

    public func clear() { erase() }

    public func draw(_ text: String, row: Int, column: Int, style: TextStyle) {
        let (attributes, pair) = attributes(for: style)
        tfw_set_style(attributes, pair)
        // Without UTF-8 only ASCII goes out: the ellipsis of clipped text becomes ".", anything else "?".
        let visible = wideTextAvailable ? text : String(String.UnicodeScalarView(
            text.unicodeScalars.map { $0.isASCII ? $0 : $0 == "…" ? "." : "?" }))
        var wide = visible.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = tfw_draw(Int32(row), Int32(column), wide, Int32(wide.count - 1))
        tfw_set_style(tfw_attr_normal(), 0)
    }

    public func refresh() { _ = wrefresh(tfw_stdscr()) }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(tfw_stdscr(), Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let result = get_wch(&character)
        if result == tfw_err() {
            if Self.inputHungUp() { hasHungUp = true }
            return nil
        }
        if result == tfw_key_code_yes() { return Self.functionKey(Int32(character)) }
        return Self.characterKey(UInt32(character))
    }

    public var hasKeyWaiting: Bool { Self.inputEvents() & Int16(POLLIN) != 0 }

    /// `get_wch` answers a closed terminal with ERR at once, as if no key came in time; only poll's
    /// flags tell the two apart (a hung-up tty reads as end of file and polls as POLLHUP).
    static func inputHungUp() -> Bool { inputEvents() & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 }

    /// What poll says of the terminal's input now, without waiting (0: nothing).
    private static func inputEvents() -> Int16 {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 ? descriptor.revents : 0
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(UInt8(value))
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case tfw_key_resize(): return .resize
        case tfw_key_f(1)...tfw_key_f(12): return .function(Int(code - tfw_key_f(0)))
        default: return nil
        }
    }

    private func attributes(for style: TextStyle) -> (attr_t, Int16) {
        switch style {
        case .normal: return (tfw_attr_normal(), 0)
        case .bold: return (tfw_attr_bold(), 0)
        case .reverse: return (tfw_attr_reverse(), 0)
        case .dim: return (tfw_attr_dim(), 0)
        case .selected: return (tfw_attr_reverse() | tfw_attr_bold(), 0)
        case .accent: return useColor ? (tfw_attr_bold(), Pair.accent.rawValue) : (tfw_attr_bold(), 0)
        case .good: return useColor ? (tfw_attr_normal(), Pair.good.rawValue) : (tfw_attr_normal(), 0)
        case .bad: return useColor ? (tfw_attr_bold(), Pair.bad.rawValue) : (tfw_attr_bold(), 0)
        case .warning: return useColor ? (tfw_attr_normal(), Pair.warning.rawValue) : (tfw_attr_normal(), 0)
        }
    }
}
