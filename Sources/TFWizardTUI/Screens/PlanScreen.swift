import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Every step with its command and why, before anything runs; or why the planner refused.
enum PlanScreen {
    struct Line { var text: String; var style: TextStyle; var indent: Int }
    enum Action: Equatable { case scroll(Motion), start, back, indexSettings, switchInstaller }

    /// Enter installs, or goes to the answer a refused plan names.
    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        let scroll = KeyBinding.scrollKeys { Action.scroll($0) }
        let enter = KeyBinding([.enter], state.plan == nil ? "help.change-answer" : state.removing ? "help.remove" : "help.install",
                               Action.start)
        let back = KeyBinding([.escape], "help.back", Action.back)
        // A removal refused, or with nothing left to remove, has nothing for Enter to do.
        if state.removing && (state.refusal != nil || state.plan?.steps.isEmpty != false) {
            return [back] + scroll.map { $0.onlyInOverlay }
        }
        guard state.plan != nil else { return [enter, back] + scroll.map { $0.onlyInOverlay } }
        var bindings = [enter] + scroll + [KeyBinding([.space], "help.next-page", .scroll(.page(1)), inBar: false), back,
                                           KeyBinding([.character("m")], "help.index-settings", .indexSettings, inBar: false)]
        if otherInstaller(state) != nil {
            bindings.append(KeyBinding([.character("u")], "help.installer", .switchInstaller, inBar: false))
        }
        return bindings
    }

    /// The installer `u` switches to, where the method has more than one (venv: pip and uv).
    static func otherInstaller(_ state: WizardState) -> Answers.Installer? {
        guard !state.removing, let installers = state.methods[state.answers.method]?.installers, installers.count > 1 else {
            return nil
        }
        return installers.first { $0 != state.answers.installer }
    }

    static func lines(_ state: WizardState, width: Int) -> [Line] {
        var result: [Line] = []
        func add(_ text: String, _ style: TextStyle, indent: Int = 0) {
            for line in TextWidth.wrap(text, to: width - indent) { result.append(Line(text: line, style: style, indent: indent)) }
        }
        if state.removing { add(state.text("uninstall.header", ["method": state.answers.method.rawValue]), .bold) }
        if let refusal = state.refusal, state.removing {
            add(refusal.message, .bad)
            result.append(Line(text: "", style: .normal, indent: 0))
            add(state.text("uninstall.back"), .dim)
            return result
        }
        if let refusal = state.refusal {
            add(state.text("plan.refused"), .bad)
            add(refusal.message, .normal, indent: 2)
            if let suggestion = refusal.suggestion { add(suggestion, .normal, indent: 2) }
            result.append(Line(text: "", style: .normal, indent: 0))
            add(state.text("plan.refused-next", ["screen": state.text("screen.\(refusalScreen(refusal).rawValue)")]), .dim)
            return result
        }
        guard let plan = state.plan else { return result }
        let device = plan.answers.device.rawValue.uppercased()
        if state.removing {
            // The header says what this is; an empty plan has nothing to run.
        } else if let python = plan.pythonPath {
            add(state.text("plan.summary", ["package": plan.answers.package.rawValue, "version": plan.tensorflowVersion,
                                            "python": python, "device": device]), .bold)
        } else {
            // No interpreter of this machine: the method says where TensorFlow runs (a Docker image, a conda env).
            add(state.text("plan.summary-runs-in", ["package": plan.answers.package.rawValue, "version": plan.tensorflowVersion,
                                                    "where": state.methods[plan.answers.method]?.runsIn(plan.answers) ?? "-",
                                                    "device": device]), .bold)
        }
        // Readers far from pypi.org (a language with mirrors near them) are told where to choose one, unless
        // pip installs and is set to an index of its own already.
        if !state.suggestedMirrors.isEmpty, plan.answers.indexURL == nil, pipsOwnIndex(state) == nil,
           plan.steps.contains(where: { $0.argv.contains("pip") }) {
            add(state.text("plan.index-hint"), .accent)
        }
        for note in plan.notes { add("* " + note, .warning) }
        for (index, step) in plan.steps.enumerated() {
            result.append(Line(text: "", style: .normal, indent: 0))
            var title = "\(index + 1). \(step.title)"
            if step.needsRoot { title += " " + state.text("plan.needs-root") }
            switch step.state {
            case .toRun:
                add(title, .accent)
            case .alreadyDone(let reason):
                add(title + " " + state.text("plan.already-done"), .dim)
                add(reason, .dim, indent: 3)
            }
            if step.kind == .validation {
                add(state.text("plan.validation-command"), .normal, indent: 3)
            } else {
                add("$ " + CommandDisplay.render(step.argv), .normal, indent: 3)
            }
            add(step.why, .dim, indent: 3)
        }
        result.append(Line(text: "", style: .normal, indent: 0))
        if state.removing && plan.steps.isEmpty {
            add(state.text("uninstall.nothing"), .bold)
            add(state.text("uninstall.back"), .dim)
            return result
        }
        add(state.text("plan.nothing-ran"), .bold)
        add(state.text("plan.index-settings-key"), .dim)
        if otherInstaller(state) != nil { add(installerLine(state), .dim) }
        return result
    }

    /// Which installer runs and why, with the key that switches: pip where pip's own index setting (which
    /// uv would not read) kept it first, until the same mirror is given to both.
    static func installerLine(_ state: WizardState) -> String {
        if let index = pipsOwnIndex(state) {
            return index.url.map { state.text("plan.installer-key.pip-index", ["url": $0, "source": index.source]) }
                ?? state.text("plan.installer-key.pip-no-index", ["source": index.source])
        }
        return state.text("plan.installer-key.\(state.answers.installer.rawValue)")
    }

    /// The index pip reads from its own settings, where pip installs and no mirror was given here.
    static func pipsOwnIndex(_ state: WizardState) -> MachineFacts.PipIndex? {
        state.answers.installer == .pip && state.answers.indexURL == nil ? state.facts.pipIndex : nil
    }

    static func refusalScreen(_ refusal: PlanRefusal) -> Screen {
        switch refusal.field {
        case "device": return .device
        case "method": return .method
        case "python": return .python
        case "venv": return .venv
        case "docker.image_tag": return .dockerImage
        case "installer": return .method
        default: return .package
        }
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let all = lines(state, width: canvas.bodyWidth)
        let height = canvas.bodyRows - 1        // the last row says whether there is more
        let first = min(state.planScroll, max(0, all.count - height))
        for (offset, line) in all.dropFirst(first).prefix(height).enumerated() {
            canvas.text(line.text, row: canvas.bodyTop + offset, column: canvas.left + line.indent, style: line.style)
        }
        if first + height < all.count {
            canvas.text(state.text("plan.more"), row: canvas.bodyBottom, column: canvas.left, style: .dim)
        }
    }
}

extension PlanScreen {
    /// The steps still to run that need root: package installs, the driver, group changes, services.
    static func rootSteps(_ plan: Plan) -> [(number: Int, step: Step)] {
        plan.steps.enumerated().compactMap { index, step in
            guard step.needsRoot, case .toRun = step.state else { return nil }
            return (index + 1, step)
        }
    }
}

extension WizardState {
    /// The plan confirmed: the install starts.
    mutating func startInstall(_ plan: Plan) -> [WizardEffect] {
        install = InstallProgress(plan: plan)
        screen = .install
        return [.startEngine(plan), .resizeLogPane(rows: InstallScreen.logPaneRows(size, stepCount: plan.steps.count),
                                                   columns: size.columns - 2)]
    }

    /// The plan is made once the target folder has been read (an effect; update itself reads nothing).
    mutating func preparePlan(_ environment: WizardEnvironment) {
        planScroll = 0
        plan = nil
        refusal = nil
        requestedReads.append(.inspectTarget(answers))
    }

    mutating func handlePlan(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let total = PlanScreen.lines(self, width: size.columns - 4).count
        let page = max(1, size.rows - 6)
        let maxScroll = max(0, total - page)
        switch PlanScreen.bindings(self).action(for: key) {
        case .scroll(let motion)?: planScroll = motion.apply(planScroll, last: maxScroll, page: page)
        case .back? where removing:
            removing = false
            plan = nil
            refusal = nil
            screen = .welcome
        case .back?: goBack(environment)
        case .indexSettings?: openIndexSettings()
        case .switchInstaller?:
            if let other = PlanScreen.otherInstaller(self) {
                answers.installer = other
                installerChosen = true
                preparePlan(environment)
            }
        case .start? where removing && (refusal != nil || plan?.steps.isEmpty != false):
            break   // nothing to remove, or tfwizard may not: Esc goes back
        case .start?:
            if let refusal {
                go(to: PlanScreen.refusalScreen(refusal), environment)
                return []
            }
            guard let plan else { return [] }
            // Steps that change the system as root are named once more before anything runs.
            if !PlanScreen.rootSteps(plan).isEmpty {
                confirmation = .runAsRoot
                confirmationYes = true
                return []
            }
            return startInstall(plan)
        case nil: break
        }
        return []
    }
}
