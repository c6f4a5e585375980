import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A key and what it does, as the help bar lists it.
struct KeyHelp: Equatable {
    var keys: String
    var action: String
}

/// The parts every screen shares: title bar, status message, help bar.
enum Frame {
    static func render(_ state: WizardState, _ canvas: Canvas) {
        let screenName = state.text("screen.\(state.screen.rawValue)")
        let title = state.recordedMachine.map { state.text("recorded.frame.title", ["machine": $0, "screen": screenName]) }
            ?? state.text("frame.title", ["screen": screenName])
        var position = ""
        if let index = state.questionScreens.firstIndex(of: state.screen) {
            position = state.text("frame.position", ["index": String(index + 1), "count": String(state.questionScreens.count)])
        }
        let positionWidth = TextWidth.width(position)
        canvas.bar(" " + title, row: 0, width: canvas.size.columns - positionWidth - 1, style: .reverse)
        canvas.bar(position + " ", row: 0, column: canvas.size.columns - positionWidth - 1, style: .reverse)
        if let message = state.message {
            canvas.text(message.text, row: canvas.messageRow, column: 1, style: message.style)
        }
        let help = helpItems(state).map { "\($0.keys) \($0.action)" }.joined(separator: "  ")
        canvas.bar(" " + help, row: canvas.helpRow, style: .reverse)
    }

    /// The log can be exported once there is a plan.
    static func offersLogExport(_ screen: Screen) -> Bool {
        [.plan, .install, .failure, .fullLog, .validation, .done].contains(screen)
    }

    static func helpItems(_ state: WizardState) -> [KeyHelp] {
        let t = state.text
        if state.confirmation != nil {
            return [KeyHelp(keys: t("key.left-right"), action: t("help.choose")),
                    KeyHelp(keys: t("key.enter"), action: t("help.confirm")),
                    KeyHelp(keys: t("key.esc"), action: t("help.no"))]
        }
        var items: [KeyHelp]
        switch state.screen {
        case .welcome:
            items = [KeyHelp(keys: t("key.up-down"), action: t("help.choose")),
                     KeyHelp(keys: t("key.enter"), action: t("help.confirm")),
                     KeyHelp(keys: t("key.pages"), action: t("help.scroll")),
                     KeyHelp(keys: t("key.esc"), action: t("help.quit"))]
        case .device, .method, .python:
            items = [KeyHelp(keys: t("key.up-down"), action: t("help.choose")),
                     KeyHelp(keys: t("key.enter"), action: t("help.next")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back")),
                     KeyHelp(keys: t("key.ctrl-c"), action: t("help.quit"))]
        case .package:
            items = [KeyHelp(keys: t("key.up-down"), action: t("help.choose")),
                     KeyHelp(keys: t("key.tab"), action: t("help.switch-list")),
                     KeyHelp(keys: t("key.enter"), action: t("help.next")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back"))]
        case .dockerImage:
            items = DockerImageScreen.helpItems(state)
        case .venv:
            items = [KeyHelp(keys: t("key.type"), action: t("help.edit")),
                     KeyHelp(keys: t("key.enter"), action: t("help.next")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back")),
                     KeyHelp(keys: t("key.ctrl-u"), action: t("help.clear"))]
        case .plan:
            items = state.plan != nil
                ? [KeyHelp(keys: t("key.enter"), action: t("help.install")),
                   KeyHelp(keys: t("key.up-down"), action: t("help.scroll")),
                   KeyHelp(keys: t("key.esc"), action: t("help.back"))]
                : [KeyHelp(keys: t("key.enter"), action: t("help.change-answer")),
                   KeyHelp(keys: t("key.esc"), action: t("help.back"))]
        case .install where !state.isInstallRunning:
            items = [KeyHelp(keys: t("key.pages"), action: t("help.scroll")),
                     KeyHelp(keys: t("key.enter"), action: t("help.next"))]
        case .install:
            items = state.install?.logFocused == true
                ? [KeyHelp(keys: t("key.type"), action: t("help.type-to-program")),
                   KeyHelp(keys: t("key.tab"), action: t("help.leave-log")),
                   KeyHelp(keys: t("key.pages"), action: t("help.scroll"))]
                : [KeyHelp(keys: t("key.pages"), action: t("help.scroll")),
                   KeyHelp(keys: t("key.tab"), action: t("help.focus-log"))]
            items.append(KeyHelp(keys: t("key.esc"), action: t("help.cancel")))
        case .failure:
            items = [KeyHelp(keys: t("key.up-down"), action: t("help.choose")),
                     KeyHelp(keys: t("key.enter"), action: t("help.confirm"))]
        case .fullLog:
            items = [KeyHelp(keys: t("key.pages"), action: t("help.scroll")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back"))]
        case .validation:
            items = [KeyHelp(keys: t("key.enter"), action: t("help.next"))]
        case .done:
            items = [KeyHelp(keys: t("key.enter"), action: t("help.exit"))]
        case .troubleshoot:
            items = state.troubleshoot.map { TroubleshootScreen.choices($0).isEmpty } ?? true
                ? [KeyHelp(keys: t("key.up-down"), action: t("help.scroll")),
                   KeyHelp(keys: t("key.esc"), action: t("help.back"))]
                : [KeyHelp(keys: t("key.up-down"), action: t("help.choose")),
                   KeyHelp(keys: t("key.enter"), action: t("help.confirm")),
                   KeyHelp(keys: t("key.pages"), action: t("help.scroll")),
                   KeyHelp(keys: t("key.esc"), action: t("help.back"))]
        case .fixConfirm:
            items = [KeyHelp(keys: t("key.enter"), action: t("help.run-fix")),
                     KeyHelp(keys: t("key.up-down"), action: t("help.scroll")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back"))]
        case .logPath:
            items = [KeyHelp(keys: t("key.type"), action: t("help.edit")),
                     KeyHelp(keys: t("key.enter"), action: t("help.diagnose")),
                     KeyHelp(keys: t("key.esc"), action: t("help.back")),
                     KeyHelp(keys: t("key.ctrl-u"), action: t("help.clear"))]
        }
        if offersLogExport(state.screen) { items.append(KeyHelp(keys: t("key.f2"), action: t("help.export-log"))) }
        return items
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
