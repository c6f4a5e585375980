import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The whole install log on the whole screen.
enum FullLogScreen {
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
        switch key {
        case .up: fullLogScroll = min(maxScroll, fullLogScroll + 1)
        case .down: fullLogScroll = max(0, fullLogScroll - 1)
        case .pageUp: fullLogScroll = min(maxScroll, fullLogScroll + page)
        case .pageDown, .space: fullLogScroll = max(0, fullLogScroll - page)
        case .home: fullLogScroll = maxScroll
        case .end: fullLogScroll = 0
        case .escape, .enter:
            screen = install?.awaitingDecisionFor != nil ? .failure : .install
        default: break
        }
        return []
    }
}
