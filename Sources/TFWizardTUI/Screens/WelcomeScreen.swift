import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// What the wizard will do, and what the probe found on this machine.
enum WelcomeScreen {
    enum Choice: String, CaseIterable { case resume, resumeWait, resumeStop, install, uninstall, diagnose }

    /// Install and diagnose; an interrupted run's resume first (wait or stop when it left a command running).
    static func choices(_ state: WizardState) -> [Choice] {
        let always: [Choice] = [.install, .diagnose, .uninstall]
        guard let offer = state.resumeOffer else { return always }
        return (offer.leftRunning == nil ? [.resume] : [.resumeWait, .resumeStop]) + always
    }
    enum Action: Equatable { case move(Motion), choose, scroll(Motion), quit }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        [KeyBinding([.up], "help.choose", Action.move(.line(-1))),
         KeyBinding([.down], "help.choose", .move(.line(1))),
         KeyBinding([.home], "help.first-last", .move(.start), inBar: false),
         KeyBinding([.end], "help.first-last", .move(.end), inBar: false),
         KeyBinding([.enter], "help.confirm", .choose),
         KeyBinding([.space], "help.confirm", .choose, inBar: false),
         KeyBinding([.pageUp], "help.scroll", .scroll(.line(-1))),
         KeyBinding([.pageDown], "help.scroll", .scroll(.line(1))),
         KeyBinding([.escape], "help.quit", .quit)]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        var row = canvas.paragraph(state.text("welcome.intro"), row: canvas.bodyTop)
        if !state.facts.cpu.hasAVX && ["x86_64", "amd64"].contains(state.facts.architecture) {
            row = canvas.paragraph(state.text("welcome.no-avx"), row: row + 1, style: .bad)
        }
        row += 1
        canvas.text(state.text("welcome.found"), row: row, column: canvas.left, style: .accent)
        row += 1
        // Hanging indent: continuation lines start under the text, not under the dash.
        let lines = state.probeSummary.flatMap { item in
            TextWidth.wrap(item, to: canvas.bodyWidth - 4).enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }
        }
        let next = TextWidth.wrap(state.text("welcome.next"), to: canvas.bodyWidth)
        let choices = WelcomeScreen.choices(state).map { ChoiceRow(label: state.text("welcome.choice.\($0.rawValue)")) }
        let choicesTop = canvas.bodyBottom - next.count - choices.count
        let height = choicesTop - 1 - row
        let first = min(state.welcomeScroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            canvas.text(line, row: row + offset, column: canvas.left + 2)
        }
        ChoiceList.render(choices, cursor: state.welcomeCursor, canvas: canvas, row: choicesTop,
                          height: choices.count, width: 40)
        for (offset, line) in next.enumerated() {
            canvas.text(line, row: canvas.bodyBottom - next.count + 1 + offset, column: canvas.left, style: .dim)
        }
    }
}

extension WizardState {
    mutating func handleWelcome(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch WelcomeScreen.bindings(self).action(for: key) {
        case .choose?:
            switch WelcomeScreen.choices(self)[welcomeCursor] {
            case .install: advance(environment)
            case .diagnose: screen = .logPath
            case .uninstall: return beginUninstall(environment)
            case .resume, .resumeWait: resume(.wait, environment)
            case .resumeStop: resume(.stop, environment)
            }
        case .quit?: goBack(environment)
        case .move(let motion)?:
            welcomeCursor = motion.apply(welcomeCursor, last: WelcomeScreen.choices(self).count - 1, page: 1)
        case .scroll(let motion)?: welcomeScroll = motion.apply(welcomeScroll, last: probeSummary.count - 1, page: 1)
        case nil: break
        }
        return []
    }

    /// The plan screen shows what an uninstall of the newest run's answers (or the file's) removes.
    private mutating func beginUninstall(_ environment: WizardEnvironment) -> [WizardEffect] {
        answers = environment.uninstallAnswers ?? answers
        removing = true
        plan = nil
        refusal = nil
        planScroll = 0
        screen = .plan
        return [.planUninstall(answers)]
    }

    /// Straight to the plan with the interrupted run's answers; the plan skips the steps checked done.
    private mutating func resume(_ handling: ResumeOffer.Handling, _ environment: WizardEnvironment) {
        guard let offer = resumeOffer else { return }
        answers = offer.run.answers
        venvField = TextField(text: answers.venv)
        prepareChoices(environment)
        resumeHandling = handling
        go(to: .plan, environment)
    }
}
