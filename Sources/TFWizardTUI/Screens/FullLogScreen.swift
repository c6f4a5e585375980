import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The whole install log on the whole screen.
enum FullLogScreen {
    enum Action: Equatable { case scroll(Motion), back }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        KeyBinding.scrollKeys({ Action.scroll($0) }, barShowsPages: true)
            + [KeyBinding([.space], "help.next-page", .scroll(.page(1)), inBar: false),
               KeyBinding([.escape], "help.back", .back), KeyBinding([.enter], "help.back", .back, inBar: false)]
    }

    /// Continuation rows of a long line are indented this much, so where a line starts stays visible.
    static let continuationIndent = 2

    /// The log as screen rows: every line whole, a long one continued on the rows below it.
    static func rows(_ lines: ArraySlice<String>, width: Int) -> [(text: String, continued: Bool)] {
        lines.flatMap { line -> [(text: String, continued: Bool)] in
            let first = TextWidth.clip(line, to: width)
            guard TextWidth.width(line) > width else { return [(first, false)] }
            let rest = String(line.unicodeScalars.dropFirst(first.unicodeScalars.count))
            return [(first, false)] + TextWidth.hardWrap(rest, to: width - continuationIndent).map { ($0, true) }
        }
    }

    static func width(_ size: TerminalSize) -> Int { size.columns - 2 }
    static func height(_ size: TerminalSize) -> Int { size.rows - 3 }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let install = state.install else { return }
        let lines = install.logLines
        let height = height(canvas.size), width = width(canvas.size)
        // Only the lines that can reach the screen are wrapped: the last `height + scroll` of them at most.
        let tail = rows(lines.suffix(height + state.fullLogScroll)[...], width: width)
        let end = max(0, tail.count - state.fullLogScroll)
        let start = max(0, end - height)
        for (offset, row) in tail[start..<end].enumerated() {
            let indent = row.continued ? continuationIndent : 0
            canvas.text(row.text, row: 1 + offset, column: 1 + indent, width: width - indent, ellipsis: false)
        }
        if state.fullLogScroll > 0 {
            canvas.text(state.text("install.log-scrolled", ["lines": String(state.fullLogScroll)]),
                        row: canvas.messageRow, column: 1, style: .dim)
        }
    }
}

extension WizardState {
    mutating func handleFullLog(_ key: Key) -> [WizardEffect] {
        let lines = install?.logLines ?? []
        let page = max(1, FullLogScreen.height(size) - 1)
        let rowCount = FullLogScreen.rows(lines[...], width: FullLogScreen.width(size)).count
        let maxScroll = max(0, rowCount - FullLogScreen.height(size))
        switch FullLogScreen.bindings(self).action(for: key) {
        case .scroll(let motion)?: fullLogScroll = motion.applyFromEnd(fullLogScroll, last: maxScroll, page: page)
        case .back?: screen = install?.awaitingDecisionFor != nil ? .failure : .install
        case nil: break
        }
        return []
    }
}
