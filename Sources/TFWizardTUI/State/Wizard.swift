import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// What can happen to the wizard.
public enum WizardEvent: Sendable, Equatable {
    case key(Key)
    case engine(EngineEvent)
    /// The clock moved on (elapsed times); sent before each batch of events.
    case tick(Double)
    case resized(TerminalSize)
    case logExported(path: String?, error: String?)
    case answersSaved(path: String?, error: String?)
    /// The target folder as it is now, read for the plan of these answers.
    case targetInspected(Answers, TargetState)
    /// A log file the user named, read and diagnosed.
    case logFileRead(path: String, Result<DiagnosisView, LogFileProblem>)
    /// The free space where the folder typed would go (nil: not known for it).
    case folderMeasured(String, MachineFacts.Disk?)
    /// Tab in the folder field: the completed text and the folders that match.
    case folderCompleted(String, FolderCompletion)
    /// An interpreter the user typed, asked for its facts.
    case interpreterProbed(path: String, Result<MachineFacts.PythonInterpreter, TypedInterpreterProblem>)
    /// What an uninstall of these answers would remove, as the machine is now.
    case uninstallPlanned(Answers, Result<Plan, PlanRefusal>)
}

/// What the wizard asks the outside world to do; `WizardApp` performs these and feeds results back.
public enum WizardEffect: Sendable, Equatable {
    case startEngine(Plan)
    case decide(FailureDecision)
    /// Run these fix steps, then retry the failed step.
    case retryAfterFixes([Step])
    case cancelEngine
    case sendInput([UInt8])
    case resizeLogPane(rows: Int, columns: Int)
    case exportLog
    case saveAnswers(Answers)
    /// Read the target folder the answers name (for the plan).
    case inspectTarget(Answers)
    /// Read and diagnose a log file.
    case readLogFile(String)
    /// Ask an interpreter the user typed for its facts (it runs the probe's short script).
    case probeInterpreter(String)
    /// Measure the free space where this folder would go.
    case measureFolder(String)
    /// Complete this folder path from the folders on disk.
    case completeFolder(String)
    /// Plan the removal of what tfwizard installed for these answers.
    case planUninstall(Answers)

    /// Effects that only read the machine: performed at once, their answer comes back as an event.
    public var isRead: Bool {
        switch self {
        case .inspectTarget, .readLogFile, .probeInterpreter, .measureFolder, .completeFolder, .planUninstall: true
        default: false
        }
    }
}

extension WizardEnvironment {
    /// The answer to a read effect, as an event; nil for any other effect.
    public func read(_ effect: WizardEffect) -> WizardEvent? {
        switch effect {
        case .inspectTarget(let answers): .targetInspected(answers, inspectTarget(answers))
        case .readLogFile(let path): .logFileRead(path: path, loadLogFile(path))
        case .probeInterpreter(let path): .interpreterProbed(path: path, probeInterpreter(path))
        case .measureFolder(let folder): .folderMeasured(folder, diskSpace(folder))
        case .completeFolder(let folder): .folderCompleted(folder, completeFolder(folder))
        case .planUninstall(let answers): .uninstallPlanned(answers, planUninstall(answers))
        default: nil
        }
    }
}

/// State + update + render.
public enum Wizard {
    public static func initialState(environment: WizardEnvironment, size: TerminalSize) -> WizardState {
        var state = WizardState(environment: environment, size: size, now: environment.clock())
        state.prepareChoices(environment)
        return state
    }

    /// The next state and the effects to perform. Pure apart from the environment's pure closures
    /// (method availability, interpreter problems, the planner).
    public static func update(_ state: WizardState, _ event: WizardEvent,
                              environment: WizardEnvironment) -> (WizardState, [WizardEffect]) {
        var next = state
        let effects = update(&next, event, environment: environment)
        return (next, effects)
    }

    /// The same, changing `state` where it is: with no second copy alive, the step logs and output tails
    /// (megabytes during a flood) are appended to, not copied for every event.
    public static func update(_ state: inout WizardState, _ event: WizardEvent,
                              environment: WizardEnvironment) -> [WizardEffect] {
        let effects = state.apply(event, environment)
        // Screens entered on the way may ask to read something (the plan reads the target folder).
        let requested = state.requestedReads
        state.requestedReads = []
        return effects + requested
    }

    /// Draws the whole screen.
    public static func render(_ state: WizardState, on terminal: Terminal) {
        terminal.clear()
        let canvas = Canvas(terminal: terminal, size: terminal.size)
        if !canvas.size.isLargeEnough {
            SmallTerminalScreen.render(state, canvas)
        } else {
            Frame.render(state, canvas)
            switch state.screen {
            case .welcome: WelcomeScreen.render(state, canvas)
            case .device: DeviceScreen.render(state, canvas)
            case .method: MethodScreen.render(state, canvas)
            case .package: PackageScreen.render(state, canvas)
            case .dockerImage: DockerImageScreen.render(state, canvas)
            case .python: PythonScreen.render(state, canvas)
            case .venv: VenvScreen.render(state, canvas)
            case .plan: PlanScreen.render(state, canvas)
            case .install: InstallScreen.render(state, canvas)
            case .failure: FailureScreen.render(state, canvas)
            case .fullLog: FullLogScreen.render(state, canvas)
            case .validation: ValidationScreen.render(state, canvas)
            case .done: DoneScreen.render(state, canvas)
            case .troubleshoot: TroubleshootScreen.render(state, canvas)
            case .fixConfirm: FixConfirmScreen.render(state, canvas)
            case .logPath: LogPathScreen.render(state, canvas)
            case .indexSettings: IndexSettingsScreen.render(state, canvas)
            }
            if state.helpShown { HelpOverlay.render(state, canvas) }
            if let confirmation = state.confirmation { ConfirmDialog.render(state, confirmation, canvas) }
        }
        terminal.refresh()
    }
}

extension WizardState {
    mutating func apply(_ event: WizardEvent, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch event {
        case .tick(let time):
            now = time
            return []
        case .resized(let newSize):
            size = newSize
            guard let install else { return [] }
            return [.resizeLogPane(rows: InstallScreen.logPaneRows(newSize, stepCount: install.steps.count),
                                   columns: newSize.columns - 2)]
        case .engine(let engineEvent):
            return handleEngine(engineEvent, environment)
        case .logExported(let path, let error):
            if let path {
                logExportedTo = path
                message = StatusMessage(text: text("status.log-exported", ["path": path]), style: .good)
            } else {
                message = StatusMessage(text: text("status.log-export-failed", ["error": error ?? ""]), style: .bad)
            }
            return []
        case .answersSaved(let path, let error):
            if let path { answersSavedTo = path } else {
                message = StatusMessage(text: text("status.answers-save-failed", ["error": error ?? ""]), style: .bad)
            }
            return []
        case .targetInspected(let answers, let target) where screen == .venv:
            guard answers == self.answers else { return [] }
            // A folder the plan would refuse is refused on this screen, with the reason and the way out.
            if case .failure(let refused) = environment.makePlan(answers, facts, target), refused.field == "venv" {
                venvProblem = refused.description
                return []
            }
            venvProblem = nil
            advance(environment)
            return []
        case .targetInspected(let answers, let target):
            guard screen == .plan, answers == self.answers else { return [] }   // an answer for an older question
            switch environment.makePlan(answers, facts, target) {
            case .success(let made):
                plan = made
                if let handling = resumeHandling, let offer = resumeOffer, offer.isFor(answers) {
                    plan = offer.apply(to: made, handling: handling, strings: text.strings)
                }
                refusal = nil
            case .failure(let refused): plan = nil; refusal = refused
            }
            return []
        case .uninstallPlanned(let answers, let result):
            guard screen == .plan, removing, answers == self.answers else { return [] }
            switch result {
            case .success(let made): plan = made; refusal = nil
            case .failure(let refused): plan = nil; refusal = refused
            }
            return []
        case .logFileRead(let path, let result):
            guard screen == .logPath else { return [] }
            switch result {
            case .success(let view):
                troubleshoot = TroubleshootContext(source: .logFile(path: path), view: view, fixSteps: nil)
                screen = .troubleshoot
            case .failure(let problem):
                message = StatusMessage(text: problem.message, style: .bad)
            }
            return []
        case .folderMeasured(let folder, let disk):
            if screen == .venv, venvField.text == folder { venvDisk = disk }
            return []
        case .folderCompleted(let typed, let completion):
            guard screen == .venv, venvField.text == typed else { return [] }
            venvField = TextField(text: completion.text)
            venvCandidates = completion.candidates
            return completion.text == typed ? [] : [.measureFolder(completion.text)]
        case .interpreterProbed(let path, let result):
            interpreterProbed(path, result, environment)
            return []
        case .key(let key):
            return handleKey(key, environment)
        }
    }

    private mutating func handleKey(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        if key == .resize { return [] }
        if confirmation != nil { return handleConfirmation(key) }
        if helpShown {
            switch HelpOverlay.bindings(self).action(for: key) {
            case .close?: helpShown = false; return []
            case .quit?: helpShown = false            // and on, as on the screen
            case nil: return []
            }
        }
        let common = CommonKeys.bindings(self).action(for: key)
        if let common, common != .quit { return handleCommon(common) }   // help and F2 leave the message up
        // A key the screen takes clears the message; keys typed into the log pane belong to the child.
        let typingIntoLog = screen == .install && install?.logFocused == true
        if !typingIntoLog, common != nil || Keymap.screen(self).contains(where: { $0.matches(key) }) { message = nil }
        if let common { return handleCommon(common) }
        switch screen {
        case .welcome: return handleWelcome(key, environment)
        case .device: return handleDevice(key, environment)
        case .method: return handleMethod(key, environment)
        case .package: return handlePackage(key, environment)
        case .dockerImage: return handleDockerImage(key, environment)
        case .python: return handlePython(key, environment)
        case .venv: return handleVenv(key, environment)
        case .plan: return handlePlan(key, environment)
        case .install: return handleInstall(key)
        case .failure: return handleFailure(key, environment)
        case .fullLog: return handleFullLog(key)
        case .validation: return handleValidation(key)
        case .done: return handleDone(key)
        case .troubleshoot: return handleTroubleshoot(key)
        case .fixConfirm: return handleFixConfirm(key)
        case .logPath: return handleLogPath(key, environment)
        case .indexSettings: return handleIndexSettings(key, environment)
        }
    }

    private mutating func handleConfirmation(_ key: Key) -> [WizardEffect] {
        guard let asked = confirmation else { return [] }
        var answer: Bool?
        switch ConfirmDialog.bindings(self).action(for: key) {
        case .toggle?: confirmationYes.toggle()
        case .answerHighlighted?: answer = confirmationYes
        case .yes?: answer = true
        case .no?: answer = false
        case nil: break
        }
        guard let answer else { return [] }
        confirmation = nil
        guard answer else { return [] }
        switch asked {
        case .quit:
            exitReason = .cancelled
            return []
        case .runAsRoot:
            guard screen == .plan, let plan else { return [] }
            return startInstall(plan)
        case .cancelInstall:
            guard isInstallRunning else { return [] }
            install?.cancelRequested = true
            message = StatusMessage(text: text("install.cancelling"), style: .warning)
            if [.failure, .fullLog, .troubleshoot, .fixConfirm].contains(screen) {
                screen = .install
                return [.decide(.abort), .cancelEngine]
            }
            return [.cancelEngine]
        }
    }

    var isInstallRunning: Bool { install != nil && install?.finished == nil }
    var runningStepIndex: Int? { install?.steps.firstIndex { $0.status == .running } }

    /// The exit status the run has earned so far.
    var finalExitReason: ExitReason {
        guard let finished = install?.finished else { return .cancelled }
        if finished.cancelled { return .cancelled }
        return finished.success ? .success : .failed
    }

    /// Moves to a screen, preparing what it shows.
    mutating func go(to target: Screen, _ environment: WizardEnvironment) {
        message = nil
        switch target {
        case .method: prepareMethods(environment)
        case .package: preparePackage(environment)
        case .python: preparePythons(environment)
        case .dockerImage: prepareDockerImage()
        case .plan: preparePlan(environment)
        case .venv: requestedReads.append(.measureFolder(venvField.text))
        default: break
        }
        screen = target
    }

    /// Enter on a question screen: the next question.
    mutating func advance(_ environment: WizardEnvironment) {
        let order = questionScreens
        guard let index = order.firstIndex(of: screen), index + 1 < order.count else { return }
        go(to: order[index + 1], environment)
    }

    /// Esc on a question screen: the previous question, or the quit question on the first.
    mutating func goBack(_ environment: WizardEnvironment) {
        let order = questionScreens
        guard let index = order.firstIndex(of: screen), index > 0 else {
            confirmation = .quit; confirmationYes = false
            return
        }
        screen = order[index - 1]
        message = nil
    }

    /// Cursor defaults from the initial answers.
    mutating func prepareChoices(_ environment: WizardEnvironment) {
        deviceCursor = DeviceScreen.devices.firstIndex(of: answers.device) ?? 0
        if answers == environment.initialAnswers, answers.device == .cpu,
           facts.gpu.nvidiaPresent, facts.gpu.driverLoaded, environment.initialAnswers == Answers() {
            deviceCursor = DeviceScreen.devices.firstIndex(of: .gpu) ?? 0   // a working NVIDIA GPU: offer it first
        }
        packageCursor = Answers.Package.allCases.firstIndex(of: answers.package) ?? 0
        // "2.19" in an answer file is that series' newest patch, as the planner reads it.
        let versions = PackageScreen.versionChoices(catalog)
        versionCursor = versions.firstIndex(of: answers.version)
            ?? catalog.release(answers.version).flatMap { versions.firstIndex(of: $0.version) } ?? 0
    }
}
