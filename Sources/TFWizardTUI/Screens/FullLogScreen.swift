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

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let install = state.install else { return }
        let lines = install.logLines
        let height = canvas.bodyRows + 1
        let end = max(0, lines.count - state.fullLogScroll)
        let start = max(0, end - height)
        for (offset, line) in lines[start..<end].enumerated() {
            canvas.text(line, row: 1 + offset, column: 1, width: canvas.size.columns - 2, ellipsis: false)
        }
        if state.fullLogScroll > 0 {
            canvas.text(state.text("install.log-scrolled", ["lines": String(state.fullLogScroll)]),
                        row: canvas.messageRow, column: 1, style: .dim)
        }
    }
}

extension WizardState {
    mutating func handleFullLog(_ key: Key) -> [WizardEffect] {
        let count = install?.logLines.count ?? 0
        let page = max(1, size.rows - 4)
        let maxScroll = max(0, count - page)
        switch FullLogScreen.bindings(self).action(for: key) {
        case .scroll(let motion)?: fullLogScroll = motion.applyFromEnd(fullLogScroll, last: maxScroll, page: page)
        case .back?: screen = install?.awaitingDecisionFor != nil ? .failure : .install
        case nil: break
        }
        return []
    }
}
