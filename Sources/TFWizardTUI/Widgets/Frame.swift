import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The parts every screen shares: title bar, status message, help bar.
enum Frame {
    static func render(_ state: WizardState, _ canvas: Canvas) {
        // A removal has screens of its own name: it asks no questions and installs nothing.
        let removal = state.removing && [.plan, .install].contains(state.screen)
        let screenName = state.text(removal ? "screen.\(state.screen.rawValue).removing" : "screen.\(state.screen.rawValue)")
        let title = state.recordedMachine.map { state.text("recorded.frame.title", ["machine": $0, "screen": screenName]) }
            ?? state.text("frame.title", ["screen": screenName])
        var position = ""
        if !removal, let index = state.questionScreens.firstIndex(of: state.screen) {
            position = state.text("frame.position", ["index": String(index + 1), "count": String(state.questionScreens.count)])
        }
        let positionWidth = TextWidth.width(position)
        canvas.bar(" " + title, row: 0, width: canvas.size.columns - positionWidth - 1, style: .reverse)
        canvas.bar(position + " ", row: 0, column: canvas.size.columns - positionWidth - 1, style: .reverse)
        if let message = state.message {
            canvas.text(message.text, row: canvas.messageRow, column: 1, style: message.style)
        }
        HelpBar.render(state, canvas)
    }

    /// The log can be exported once there is a plan.
    static func offersLogExport(_ screen: Screen) -> Bool {
        [.plan, .install, .failure, .fullLog, .validation, .done].contains(screen)
    }
}

/// Shown instead of any screen while the terminal is below 80x24.
enum SmallTerminalScreen {
    static func render(_ state: WizardState, _ canvas: Canvas) {
        let message = state.text("small.message", [
            "columns": String(canvas.size.columns), "rows": String(canvas.size.rows),
            "min_columns": String(TerminalSize.minimum.columns), "min_rows": String(TerminalSize.minimum.rows)])
        let width = max(1, canvas.size.columns - 2)
        let lines = TextWidth.wrap(message, to: width)
        let top = max(0, (canvas.size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < canvas.size.rows {
            let column = max(0, (canvas.size.columns - TextWidth.width(line)) / 2)
            canvas.text(line, row: top + offset, column: column, style: .bold)
        }
    }
}
