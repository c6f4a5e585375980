import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The running install: step list with status and elapsed time, overall progress, live log pane.
enum InstallScreen {
    static let maxStepRows = 7

    enum Action: Equatable { case scroll(Motion), toggleLogFocus, toChild, cancel, leave }

    /// While a step runs: the log pane scrolls, Tab lets typing go to the step (a password prompt), Esc
    /// cancels. With the log focused every key but these goes to the step. After the install: Enter goes on.
    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        let scroll = KeyBinding.scrollKeys({ Action.scroll($0) }, barShowsPages: true)
        guard state.isInstallRunning else {
            return [KeyBinding([.enter], "help.next", .leave)] + scroll
                + [KeyBinding([.space, .escape], "help.next", .leave, inBar: false)]
        }
        let cancel = KeyBinding([.escape], "help.cancel", Action.cancel)
        guard state.install?.logFocused == true else {
            return scroll + [KeyBinding([.tab], "help.focus-log", .toggleLogFocus),
                             KeyBinding([.backTab], "help.focus-log", .toggleLogFocus, inBar: false), cancel]
        }
        return [KeyBinding([], "help.type-to-program", .toChild, group: .printable),
                KeyBinding([], "help.type-to-program", .toChild, group: .controlLetter, inBar: false),
                KeyBinding([.enter, .backspace, .up, .down, .left, .right], "help.keys-to-program", .toChild, inBar: false),
                KeyBinding([.tab], "help.leave-log", .toggleLogFocus),
                KeyBinding([.backTab], "help.leave-log", .toggleLogFocus, inBar: false)]
            + KeyBinding.scrollKeys({ .scroll($0) }, lines: false).map(\.onlyInOverlay)
            + [cancel]
    }

    static func stepRows(_ stepCount: Int) -> Int { min(stepCount, maxStepRows) }

    /// Rows of the log pane for a terminal size (also the child's pty size).
    static func logPaneRows(_ size: TerminalSize, stepCount: Int = maxStepRows) -> Int {
        max(1, (size.rows - 3) - (2 + stepRows(stepCount) + 2))
    }

    static func statusStyle(_ status: StepStatus) -> TextStyle {
        switch status {
        case .pending: .dim
        case .running: .accent
        case .done: .good
        case .failed: .bad
        case .skipped, .cancelled: .warning
        }
    }

    static func elapsed(_ progress: InstallProgress.StepProgress, now: Double) -> String {
        guard let started = progress.startedAt else {
            return progress.outcome.map { format($0.durationSeconds) } ?? ""
        }
        return format((progress.finishedAt ?? now) - started)
    }

    static func format(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.down)))
        return whole < 60 ? "\(whole)s" : cFormat("%ld:%02ld", whole / 60, whole % 60)
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let install = state.install, let plan = state.plan else { return }
        let stepRows = stepRows(plan.steps.count)
        let focusIndex = install.steps.firstIndex { $0.status == .running || $0.status == .failed }
            ?? install.steps.lastIndex { $0.status != .pending } ?? 0
        let first = max(0, min(focusIndex - stepRows / 2, plan.steps.count - stepRows))
        let statusWidth = 14, timeWidth = 6
        for (offset, index) in (first..<min(plan.steps.count, first + stepRows)).enumerated() {
            let row = canvas.bodyTop + offset
            let progress = install.steps[index]
            let titleWidth = canvas.bodyWidth - statusWidth - timeWidth - 2
            var title = "\(index + 1). \(plan.steps[index].title)"
            if let note = progress.note { title += " (\(note))" }
            canvas.text(title, row: row, column: canvas.left, width: titleWidth,
                        style: progress.status == .running ? .bold : .normal)
            // A retried step says which attempt this is, beside its status where the title's cut cannot hide it.
            // A step that succeeded with warnings says so where the title's cut cannot hide it.
            var status = progress.warnings.count > 0 && progress.status == .done
                ? state.text("status.done-warnings", ["count": String(progress.warnings.count)])
                : state.text("status.\(progress.status.rawValue)")
            if progress.attempt > 1 { status += " " + state.text("install.attempt", ["number": String(progress.attempt)]) }
            let style = progress.warnings.count > 0 ? TextStyle.warning : statusStyle(progress.status)
            canvas.text(status, row: row, column: canvas.left + titleWidth + 1, width: statusWidth, style: style)
            canvas.text(TextWidth.padLeft(elapsed(progress, now: state.now), to: timeWidth), row: row,
                        column: canvas.left + titleWidth + 1 + statusWidth + 1, width: timeWidth, style: .dim)
        }
        let progressRow = canvas.bodyTop + stepRows + 1
        renderProgress(state, install, canvas, row: progressRow)
        renderLog(state, install, canvas, headerRow: progressRow + 1, lastRow: canvas.bodyBottom)
    }

    /// The bar fills with the steps that did their work (done, or already done before); a failed or
    /// skipped step is over but did not, so it is named beside the count instead of filling the bar.
    static func renderProgress(_ state: WizardState, _ install: InstallProgress, _ canvas: Canvas, row: Int) {
        let total = max(1, install.steps.count)
        let done = install.count(.done)
        let running = install.steps.contains { $0.status == .running } ? 0.5 : 0
        let fraction = min(1, (Double(done) + running) / Double(total))
        var label = " " + state.text("install.progress", ["done": String(done), "total": String(install.steps.count)])
        for status in [StepStatus.failed, .skipped] where install.count(status) > 0 {
            label += ", " + state.text("install.progress-\(status.rawValue)", ["count": String(install.count(status))])
        }
        let barWidth = max(10, canvas.bodyWidth - TextWidth.width(label) - 2)
        let filled = Int((Double(barWidth) * fraction).rounded())
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        canvas.text(bar, row: row, column: canvas.left, style: .accent)
        canvas.text(label, row: row, column: canvas.left + barWidth + 2)
    }

    static func renderLog(_ state: WizardState, _ install: InstallProgress, _ canvas: Canvas, headerRow: Int, lastRow: Int) {
        var header = state.text(!state.isInstallRunning ? "install.log-done"
                                : (install.logFocused ? "install.log-focused" : "install.log"))
        if install.logScroll > 0 { header += "  " + state.text("install.log-scrolled", ["lines": String(install.logScroll)]) }
        let headerText = "-- " + header + " "
        canvas.text(headerText + String(repeating: "-", count: max(0, canvas.size.columns - 2 - TextWidth.width(headerText))),
                    row: headerRow, column: 1, style: install.logFocused ? .accent : .dim)
        let height = lastRow - headerRow
        let lines = install.logLines
        let end = max(0, lines.count - install.logScroll)
        let start = max(0, end - height)
        for (offset, line) in lines[start..<end].enumerated() {
            canvas.text(line, row: headerRow + 1 + offset, column: 1, width: canvas.size.columns - 2, ellipsis: false)
        }
    }
}

extension WizardState {
    mutating func handleInstall(_ key: Key) -> [WizardEffect] {
        guard var progress = install else { return [] }
        defer { install = progress }
        let page = max(1, InstallScreen.logPaneRows(size, stepCount: progress.steps.count) - 1)
        let maxScroll = max(0, progress.logLines.count - page)
        switch InstallScreen.bindings(self).action(for: key) {
        case .toggleLogFocus?: progress.logFocused.toggle()
        case .scroll(let motion)?: progress.logScroll = motion.applyFromEnd(progress.logScroll, last: maxScroll, page: page)
        case .cancel?: confirmation = .cancelInstall; confirmationYes = false
        case .leave?: return leaveFinishedInstall()
        case .toChild?: return Self.childBytes(for: key).map { [.sendInput($0)] } ?? []
        case nil: break
        }
        return []
    }

    /// After the install: the validation result when there is one, else the last screen.
    mutating func leaveFinishedInstall() -> [WizardEffect] {
        if install?.validation != nil && install?.finished?.cancelled == false {
            screen = .validation
            return []
        }
        return enterDone()
    }

    /// The last screen: the log and the answers are written when it is reached.
    mutating func enterDone() -> [WizardEffect] {
        screen = .done
        var effects: [WizardEffect] = []
        if logExportedTo == nil { effects.append(.exportLog) }
        if answersSavedTo == nil && !removing { effects.append(.saveAnswers(answers)) }
        return effects
    }

    /// What a key sends to a child reading its terminal.
    static func childBytes(for key: Key) -> [UInt8]? {
        switch key {
        case .character(let character): return Array(String(character).utf8)
        case .enter: return [13]
        case .backspace: return [127]
        case .control(let code): return [code]
        case .up: return [27, 91, 65]
        case .down: return [27, 91, 66]
        case .right: return [27, 91, 67]
        case .left: return [27, 91, 68]
        default: return nil
        }
    }
}
