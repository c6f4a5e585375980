import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Keys a table cannot name one by one: what a text field or the log pane takes as typing.
enum KeyGroup: Equatable, Sendable {
    /// Any printable character, the space included.
    case printable
    /// Ctrl and a letter (Ctrl-C, Tab and Enter arrive as keys of their own).
    case controlLetter

    func contains(_ key: Key) -> Bool {
        switch (self, key) {
        case (.printable, .character), (.controlLetter, .control): return true
        default: return false
        }
    }

    /// A key of the group, for tests that press one.
    var example: Key {
        switch self {
        case .printable: return .character("x")
        case .controlLetter: return .control(4)
        }
    }
}

/// How a movement key moves through a list or a text: a line, a page, or to either end.
enum Motion: Equatable, Sendable {
    case line(Int)
    case page(Int)
    case start, end

    /// The position after the motion, within 0...last; a page is `page` positions.
    func apply(_ position: Int, last: Int, page: Int) -> Int {
        let last = max(0, last)
        let from = min(max(0, position), last)
        switch self {
        case .line(let delta): return min(last, max(0, from + delta))
        case .page(let delta): return min(last, max(0, from + delta * max(1, page)))
        case .start: return 0
        case .end: return last
        }
    }

    /// Space on a long text: a page on, and back to the top from the end.
    static func pageOrStartOver(_ position: Int, last: Int, page: Int) -> Int {
        position >= last ? 0 : Motion.page(1).apply(position, last: last, page: page)
    }

    /// The same motion on a position counted back from the end (a log pane scrolled up from its newest line).
    func applyFromEnd(_ scroll: Int, last: Int, page: Int) -> Int {
        let last = max(0, last)
        return last - apply(last - min(max(0, scroll), last), last: last, page: page)
    }
}

/// Keys, what the help says they do (a key into the strings) and the action the screen's key handler
/// performs. Each screen has one table of these: its key handler dispatches through it and the help bar
/// and the help overlay are drawn from it, so what is shown is what the keys do.
struct KeyBinding<Action: Equatable>: Equatable {
    var keys: [Key]
    var group: KeyGroup?
    var label: String
    var action: Action
    /// False where the bar has no room: the binding is then listed only in the help overlay (F1).
    var shownInBar: Bool

    init(_ keys: [Key], _ label: String, _ action: Action, group: KeyGroup? = nil, inBar: Bool = true) {
        self.keys = keys; self.group = group; self.label = label; self.action = action; shownInBar = inBar
    }

    var help: KeyHelp { KeyHelp(keys: keys, group: group, label: label, shownInBar: shownInBar) }

    /// Up/Down choose; PgUp/PgDn and Home/End move further (listed in the overlay).
    static func listKeys(_ move: (Motion) -> Action) -> [KeyBinding] {
        [KeyBinding([.up], "help.choose", move(.line(-1))),
         KeyBinding([.down], "help.choose", move(.line(1))),
         KeyBinding([.pageUp], "help.choose", move(.page(-1)), inBar: false),
         KeyBinding([.pageDown], "help.choose", move(.page(1)), inBar: false),
         KeyBinding([.home], "help.first-last", move(.start), inBar: false),
         KeyBinding([.end], "help.first-last", move(.end), inBar: false)]
    }

    /// Up/Down, PgUp/PgDn and Home/End through a text; the bar names the line or the page keys. Without
    /// `lines`, Up and Down are left to the screen (a list under the text, the program in the log pane).
    static func scrollKeys(_ scroll: (Motion) -> Action, lines: Bool = true, barShowsPages: Bool = false) -> [KeyBinding] {
        (lines ? [KeyBinding([.up], "help.scroll", scroll(.line(-1)), inBar: !barShowsPages),
                  KeyBinding([.down], "help.scroll", scroll(.line(1)), inBar: !barShowsPages)] : [])
        + [KeyBinding([.pageUp], "help.scroll", scroll(.page(-1)), inBar: barShowsPages),
         KeyBinding([.pageDown], "help.scroll", scroll(.page(1)), inBar: barShowsPages),
         KeyBinding([.home], "help.top-bottom", scroll(.start), inBar: false),
         KeyBinding([.end], "help.top-bottom", scroll(.end), inBar: false)]
    }

    /// The editing keys of a one-line text field: typing and Ctrl-U in the bar, the rest in the overlay.
    static func textFieldKeys(_ edit: Action) -> [KeyBinding] {
        [KeyBinding([], "help.edit", edit, group: .printable),
         KeyBinding([.control(21)], "help.clear", edit),
         KeyBinding([.left, .right], "help.move-cursor", edit, inBar: false),
         KeyBinding([.home, .end], "help.line-ends", edit, inBar: false),
         KeyBinding([.backspace, .delete], "help.delete", edit, inBar: false)]
    }
}

extension Array {
    /// The action of the binding that takes `key`: one naming the key wins over one whose group holds it.
    /// Nil for a key the table does not have: such a key does nothing.
    func action<Action>(for key: Key) -> Action? where Element == KeyBinding<Action> {
        (first { $0.keys.contains(key) } ?? first { $0.group?.contains(key) == true })?.action
    }
}

/// A binding as the help shows it, whatever its screen's actions.
struct KeyHelp: Equatable {
    var keys: [Key]
    var group: KeyGroup?
    var label: String
    var shownInBar: Bool

    /// "Up", "Enter/Space", "Type": the group first, then each key's name (y and Y are one).
    func keysText(_ text: Wording) -> String {
        var names: [String] = []
        if let group { names.append(text(group == .printable ? "key.type" : "key.ctrl-letter")) }
        for key in keys {
            let name = key.name(text)
            if !names.contains(where: { $0.lowercased() == name.lowercased() }) { names.append(name) }
        }
        return names.joined(separator: "/")
    }

    func matches(_ key: Key) -> Bool { keys.contains(key) || group?.contains(key) == true }

    /// Every key a test can press for this binding.
    var pressableKeys: [Key] { keys + (group.map { [$0.example] } ?? []) }
}

extension Key {
    /// The key's name in the help: "Up", "PgDn", "Ctrl-U", "F1", "?".
    func name(_ text: Wording) -> String {
        switch self {
        case .character(" "): return text("key.space")
        case .character(let character): return String(character)
        case .up: return text("key.up")
        case .down: return text("key.down")
        case .left: return text("key.left")
        case .right: return text("key.right")
        case .enter: return text("key.enter")
        case .escape: return text("key.esc")
        case .tab: return text("key.tab")
        case .backTab: return text("key.backtab")
        case .backspace: return text("key.backspace")
        case .delete: return text("key.delete")
        case .home: return text("key.home")
        case .end: return text("key.end")
        case .pageUp: return text("key.pgup")
        case .pageDown: return text("key.pgdn")
        case .function(let number): return text("key.function", ["number": String(number)])
        case .control(let code): return text("key.control", ["letter": String(Character(Unicode.Scalar(code + 64)))])
        case .interrupt: return text("key.ctrl-c")
        case .resize: return ""
        }
    }
}

/// Entries of the help bar or the overlay: consecutive bindings with the same label share one entry
/// ("Up/Down choose", "Esc/Ctrl-C cancel").
struct KeyHelpEntry: Equatable {
    var keys: String
    var label: String
    /// Holds one of the bindings every screen shares (quit, help): the bar never drops it.
    var shared: Bool

    static func merged(_ helps: [KeyHelp], shared sharedCount: Int = 0, _ text: Wording) -> [KeyHelpEntry] {
        var entries: [KeyHelpEntry] = []
        var lastLabel: String?
        for (index, help) in helps.enumerated() {
            let isShared = index >= helps.count - sharedCount
            if help.label == lastLabel, var last = entries.popLast() {
                last.keys += "/" + help.keysText(text)
                last.shared = last.shared || isShared
                entries.append(last)
            } else {
                entries.append(KeyHelpEntry(keys: help.keysText(text), label: text(help.label), shared: isShared))
            }
            lastLabel = help.label
        }
        return entries
    }
}

/// What the keys of a question screen with one list do.
enum QuestionAction: Equatable { case move(Motion), choose, back }

extension KeyBinding where Action == QuestionAction {
    /// Enter (or Space) takes the highlighted choice and goes on; Esc goes back a question.
    static func questionKeys() -> [KeyBinding] {
        [KeyBinding([.enter], "help.next", .choose),
         KeyBinding([.space], "help.next", .choose, inBar: false),
         KeyBinding([.escape], "help.back", .back)]
    }
}

/// What the keys of a screen with one text field do.
enum TextFieldAction: Equatable { case submit, back, edit }

extension KeyBinding {
    /// The same binding, listed only in the help overlay.
    var onlyInOverlay: KeyBinding {
        var binding = self
        binding.shownInBar = false
        return binding
    }
}
