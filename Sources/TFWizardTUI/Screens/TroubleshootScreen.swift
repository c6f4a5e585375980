import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// What the troubleshoot screen is about: a failed step's output or a log file the user named.
struct TroubleshootContext: Equatable, Sendable {
    enum Source: Equatable, Sendable {
        case failedStep(index: Int)
        case logFile(path: String)
    }
    var source: Source
    var view: DiagnosisView
    /// The cause's fix made into steps for the failed step; nil when the wizard does not apply it here.
    var fixSteps: [Step]?
    /// The cause's fix as the user would run it for this step (its interpreter, this run's mirror and
    /// proxy), shown whether or not the wizard applies it; empty for a log file.
    var shownFixes: [Step] = []
    var scroll = 0
    var cursor = 0
    var confirmScroll = 0

    var failedStepIndex: Int? { if case .failedStep(let index) = source { return index } else { return nil } }
    var offersFix: Bool { fixSteps?.isEmpty == false && failedStepIndex != nil }
}

/// The likely cause of a failure with its explanation and fix; for safe fixes, "apply the fix and retry".
enum TroubleshootScreen {
    enum Choice: String, CaseIterable { case apply, back }

    static func choices(_ context: TroubleshootContext) -> [Choice] { context.offersFix ? Choice.allCases : [] }

    enum Action: Equatable { case move(Motion), scroll(Motion), more, choose, back }

    /// With a fix to offer, Up/Down choose between applying it and going back and the text scrolls with
    /// PgUp/PgDn; without, Up/Down scroll. Space pages on and starts over at the end, so arrows, Enter,
    /// Esc and Space reach every line.
    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        let more = KeyBinding([.space], "help.more", Action.more)
        let back = KeyBinding([.escape], "help.back", Action.back)
        guard let context = state.troubleshoot, !choices(context).isEmpty else {
            return KeyBinding.scrollKeys { .scroll($0) } + [more, back, KeyBinding([.enter], "help.back", .back, inBar: false)]
        }
        return [KeyBinding([.up], "help.choose", .move(.line(-1))), KeyBinding([.down], "help.choose", .move(.line(1))),
                KeyBinding([.enter], "help.confirm", .choose), more]
            + KeyBinding.scrollKeys({ .scroll($0) }, lines: false) + [back]
    }

    static func lines(_ state: WizardState, _ context: TroubleshootContext, width: Int) -> [StyledLine] {
        var result: [StyledLine] = []
        func add(_ text: String, _ style: TextStyle, indent: Int = 0) {
            result.append(contentsOf: StyledLine.wrap(text, style: style, indent: indent, width: width))
        }
        let view = context.view
        switch context.source {
        case .failedStep(let index):
            let title = state.plan.map { $0.steps.indices.contains(index) ? $0.steps[index].title : "" } ?? ""
            add(state.text("failure.title", ["index": String(index + 1), "title": title]), .bold)
        case .logFile(let path):
            add(state.text("troubleshoot.log-file", ["path": path, "lines": String(view.linesRead)]), .bold)
        }
        result.append(.blank)
        if let cause = view.cause {
            add(state.text("diagnosis.cause", ["title": cause.finding.title, "id": cause.finding.id]), .bad)
            // Whole, however long (a pip retry warning): the text scrolls.
            add(state.text("diagnosis.line", ["line": String(cause.finding.lineNumber), "text": cause.finding.text]),
                .dim, indent: 2)
            add(state.text("diagnosis.why", ["text": cause.explanation]), .normal, indent: 2)
            add(state.text("diagnosis.fix", ["text": cause.fix]), .normal, indent: 2)
            let commands = context.shownFixes.isEmpty ? cause.commands.map { CommandDisplay.render($0) }
                : context.shownFixes.map { CommandDisplay.render($0, showingEnvironment: true) }
            for command in commands { add("$ " + command, .accent, indent: 4) }
            if context.offersFix {
                add(state.text("troubleshoot.can-apply"), .good, indent: 2)
            } else if !commands.isEmpty {
                let key: String
                if context.failedStepIndex == nil { key = "troubleshoot.from-log" }
                else if cause.autoFix { key = "troubleshoot.cannot-apply-here" }
                else { key = "troubleshoot.run-yourself" }
                add(state.text(key), .dim, indent: 2)
            }
        } else {
            if !view.unknownErrorLines.isEmpty {
                add(state.text("diagnosis.unknown"), .warning)
                for line in view.unknownErrorLines { add(line, .normal, indent: 2) }
            } else if view.causesIfGPU.isEmpty {
                add(state.text("diagnosis.clean", ["lines": String(view.linesRead)]), .good)
            }
            // Neither the cause nor harmless: what it means with a GPU, and what would tell.
            for possible in view.causesIfGPU {
                if result.last != .blank { result.append(.blank) }
                add(state.text("diagnosis.cause_if_gpu", ["title": possible.finding.title, "id": possible.finding.id]), .warning)
                add(state.text("diagnosis.line", ["line": String(possible.finding.lineNumber), "text": possible.finding.text]),
                    .dim, indent: 2)
                if let gpu = possible.finding.gpu { add(gpu.note { state.text($0, $1) }, .normal, indent: 2) }
                add(state.text("diagnosis.why", ["text": possible.explanation]), .normal, indent: 2)
                add(state.text("diagnosis.fix", ["text": possible.fix]), .normal, indent: 2)
                for command in possible.commands { add("$ " + CommandDisplay.render(command), .accent, indent: 4) }
                if !possible.commands.isEmpty {
                    add(state.text(context.failedStepIndex == nil ? "troubleshoot.from-log" : "troubleshoot.run-yourself"),
                        .dim, indent: 2)
                }
            }
        }
        let alsoCausesIfGPU = view.cause == nil ? [] : view.causesIfGPU
        if !view.otherFindings.isEmpty || !alsoCausesIfGPU.isEmpty {
            result.append(.blank)
            add(state.text("diagnosis.also_seen"), .accent)
            for finding in view.otherFindings { add(item(state, finding), .normal, indent: 2) }
            for possible in alsoCausesIfGPU {
                add("* " + state.text("diagnosis.cause_if_gpu", ["title": possible.finding.title, "id": possible.finding.id])
                    + " " + state.text("diagnosis.line", ["line": String(possible.finding.lineNumber), "text": possible.finding.text]),
                    .normal, indent: 2)
            }
        }
        if !view.harmlessFindings.isEmpty {
            result.append(.blank)
            add(state.text("diagnosis.harmless"), .dim)
            for finding in view.harmlessFindings { add(item(state, finding), .dim, indent: 2) }
        }
        return result
    }

    static func item(_ state: WizardState, _ finding: DiagnosisView.Finding) -> String {
        "* " + state.text("diagnosis.item", ["title": finding.title, "id": finding.id, "line": String(finding.lineNumber)])
    }

    /// Rows the text may use above the choices.
    static func textRows(_ size: TerminalSize, _ context: TroubleshootContext) -> Int {
        let choiceCount = choices(context).count
        return max(1, (size.rows - 4) - (choiceCount > 0 ? choiceCount + 1 : 0))
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let context = state.troubleshoot else { return }
        let all = lines(state, context, width: canvas.bodyWidth)
        let height = textRows(canvas.size, context)
        StyledLine.render(all, scroll: context.scroll, height: height, moreText: state.text("troubleshoot.more"), canvas: canvas)
        let rows = choices(context).map { choice in
            ChoiceRow(label: state.text("troubleshoot.\(choice.rawValue)"))
        }
        if !rows.isEmpty {
            ChoiceList.render(rows, cursor: context.cursor, canvas: canvas, row: canvas.bodyBottom - rows.count + 1,
                              height: rows.count, width: 50)
        }
    }
}

/// Before a fix runs: its commands, then the step that is retried, like the plan screen.
enum FixConfirmScreen {
    enum Action: Equatable { case scroll(Motion), more, run, back }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        [KeyBinding([.enter], "help.run-fix", Action.run)] + KeyBinding.scrollKeys { .scroll($0) }
            + [KeyBinding([.space], "help.more", .more, inBar: false), KeyBinding([.escape], "help.back", .back)]
    }

    static func lines(_ state: WizardState, _ context: TroubleshootContext, width: Int) -> [StyledLine] {
        var result: [StyledLine] = []
        func add(_ text: String, _ style: TextStyle, indent: Int = 0) {
            result.append(contentsOf: StyledLine.wrap(text, style: style, indent: indent, width: width))
        }
        guard let fixes = context.fixSteps, let index = context.failedStepIndex, let plan = state.plan,
              plan.steps.indices.contains(index) else { return result }
        if let cause = context.view.cause {
            add(state.text("troubleshoot.confirm.title", ["title": cause.finding.title, "id": cause.finding.id]), .bold)
        }
        add(state.text("troubleshoot.confirm.intro", ["index": String(index + 1)]), .normal)
        for (number, fix) in fixes.enumerated() {
            result.append(.blank)
            var title = "\(number + 1). \(fix.title)"
            if fix.needsRoot { title += " " + state.text("plan.needs-root") }
            add(title, .accent)
            add("$ " + CommandDisplay.render(fix.argv), .normal, indent: 3)
        }
        result.append(.blank)
        let step = plan.steps[index]
        add("\(fixes.count + 1). " + state.text("troubleshoot.confirm.retry", ["index": String(index + 1), "title": step.title]), .accent)
        add(step.kind == .validation ? state.text("plan.validation-command") : "$ " + CommandDisplay.render(step.argv),
            .normal, indent: 3)
        result.append(.blank)
        add(state.text("plan.nothing-ran"), .bold)
        return result
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let context = state.troubleshoot else { return }
        StyledLine.render(lines(state, context, width: canvas.bodyWidth), scroll: context.confirmScroll,
                          height: canvas.bodyRows, moreText: state.text("plan.more"), canvas: canvas)
    }
}

/// A line of a scrolling text screen.
struct StyledLine: Equatable {
    var text: String
    var style: TextStyle
    var indent: Int

    static let blank = StyledLine(text: "", style: .normal, indent: 0)

    static func wrap(_ text: String, style: TextStyle, indent: Int, width: Int) -> [StyledLine] {
        TextWidth.wrap(text, to: max(1, width - indent)).map { StyledLine(text: $0, style: style, indent: indent) }
    }

    /// Draws from the body's top; the last row says when there is more below.
    static func render(_ lines: [StyledLine], scroll: Int, height: Int, moreText: String, canvas: Canvas) {
        let shown = lines.count > height ? height - 1 : height
        let first = min(scroll, max(0, lines.count - shown))
        for (offset, line) in lines.dropFirst(first).prefix(shown).enumerated() {
            canvas.text(line.text, row: canvas.bodyTop + offset, column: canvas.left + line.indent, style: line.style)
        }
        if first + shown < lines.count {
            canvas.text(moreText, row: canvas.bodyTop + shown, column: canvas.left, style: .dim)
        }
    }

    static func maxScroll(_ count: Int, height: Int) -> Int {
        count > height ? count - (height - 1) : 0
    }
}

extension WizardState {
    /// Opens the troubleshoot screen for the step the engine waits on.
    mutating func openTroubleshoot(forFailedStep index: Int, _ environment: WizardEnvironment) {
        guard let install, let plan else { return }
        let view = failureDiagnosis ?? environment.diagnoseOutput(install.stepTails[index].bytes, plan)
        let proposal = view.cause.flatMap { environment.fixProposal($0.finding.id, index, plan) }
        troubleshoot = TroubleshootContext(source: .failedStep(index: index), view: view,
                                           fixSteps: proposal?.canApply == true ? proposal?.steps : nil,
                                           shownFixes: proposal?.steps ?? [])
        screen = .troubleshoot
    }

    mutating func handleTroubleshoot(_ key: Key) -> [WizardEffect] {
        guard var context = troubleshoot else { return [] }
        defer { troubleshoot = context }
        let choices = TroubleshootScreen.choices(context)
        let height = TroubleshootScreen.textRows(size, context)
        let maxScroll = StyledLine.maxScroll(TroubleshootScreen.lines(self, context, width: size.columns - 4).count,
                                             height: height)
        let page = max(1, height - 1)
        switch TroubleshootScreen.bindings(self).action(for: key) {
        case .move(let motion)?: context.cursor = motion.apply(context.cursor, last: choices.count - 1, page: choices.count)
        case .scroll(let motion)?: context.scroll = motion.apply(context.scroll, last: maxScroll, page: page)
        case .more?: context.scroll = Motion.pageOrStartOver(context.scroll, last: maxScroll, page: page)
        case .back?: leaveTroubleshoot(context)
        case .choose?:
            if choices.isEmpty || choices[min(context.cursor, choices.count - 1)] == .back {
                leaveTroubleshoot(context)
            } else {
                context.confirmScroll = 0
                screen = .fixConfirm
            }
        case nil: break
        }
        return []
    }

    private mutating func leaveTroubleshoot(_ context: TroubleshootContext) {
        switch context.source {
        case .failedStep: screen = install?.awaitingDecisionFor != nil ? .failure : .install
        case .logFile: screen = .logPath
        }
    }

    mutating func handleFixConfirm(_ key: Key) -> [WizardEffect] {
        guard var context = troubleshoot else { return [] }
        let total = FixConfirmScreen.lines(self, context, width: size.columns - 4).count
        let height = size.rows - 4
        let maxScroll = StyledLine.maxScroll(total, height: height)
        switch FixConfirmScreen.bindings(self).action(for: key) {
        case .scroll(let motion)?: context.confirmScroll = motion.apply(context.confirmScroll, last: maxScroll, page: height - 1)
        case .more?: context.confirmScroll = Motion.pageOrStartOver(context.confirmScroll, last: maxScroll, page: height - 1)
        case .back?: screen = .troubleshoot
        case .run?:
            guard let fixes = context.fixSteps, let index = context.failedStepIndex,
                  install?.awaitingDecisionFor == index else { break }
            install?.awaitingDecisionFor = nil
            let attempt = install?.steps[index].attempt ?? 0   // a retry keeps the count
            install?.steps[index] = .init(status: .pending, attempt: attempt)
            troubleshoot = nil
            screen = .install
            // What the fix adds to the install is kept in the answers saved at the end, so a replay has it.
            answers = answers.pinning(FixSteps.pins(of: fixes))
            return [.retryAfterFixes(fixes)]
        case nil: break
        }
        troubleshoot = context
        return []
    }
}
