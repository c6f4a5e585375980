import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The screens, in the order Enter walks through them.
public enum Screen: String, Equatable, Sendable, CaseIterable {
    case welcome, device, method, package, dockerImage, python, venv, plan, install, failure, fullLog, validation, done
    case troubleshoot, fixConfirm, logPath, indexSettings
}

extension Screen {
    /// The screen that asks a method's question.
    init(_ question: InstallQuestion) {
        switch question {
        case .python: self = .python
        case .venvFolder: self = .venv
        case .dockerImage: self = .dockerImage
        }
    }
}

/// A question the wizard asks before doing something it cannot undo.
public enum Confirmation: Equatable, Sendable {
    case quit            // leave the wizard before anything ran
    case cancelInstall   // stop the running install
    case runAsRoot       // the plan has steps that run as root (apt, the driver, groups): start it?
}

/// A one-line note under the screen (a saved path, why Enter did nothing).
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var style: TextStyle
}

/// Everything the screens show; changed only by `Wizard.update`.
public struct WizardState: Sendable {
    public internal(set) var screen: Screen = .welcome
    public internal(set) var answers: Answers
    /// The installer was chosen (u on the plan, or an answer file): choosing a method keeps it where it can.
    var installerChosen: Bool
    public internal(set) var size: TerminalSize
    public internal(set) var now: Double
    public internal(set) var confirmation: Confirmation?
    var confirmationYes = false
    public internal(set) var message: StatusMessage?
    /// The help overlay (F1) is open over the screen.
    var helpShown = false
    public internal(set) var exitReason: ExitReason?

    // What the screens are about (from the environment, copied so rendering needs nothing else).
    let text: Wording
    /// What the probe found; an interpreter the user types on the Python screen is added.
    var facts: MachineFacts
    let catalog: Catalog
    let methods: InstallMethods
    let probeSummary: [String]
    let rerunOptions: [String]
    /// Set when the wizard walks a recorded machine: every screen says it is a dry run.
    let recordedMachine: String?
    let suggestedMirrors: [PackageIndexAddress.Mirror]

    // Choice screens.
    var deviceCursor = 0
    var methodCursor = 0
    var methodStates: [Answers.Method: MethodAvailability] = [:]
    var packageCursor = 0
    var versionCursor = 0
    /// Why the release offered first is not the newest one (the package screen shows it).
    var releaseNote: String?
    /// Set when this GPU holds TensorFlow back to an older release than CPU would get: the release and
    /// why, shown on the CPU/GPU screen where the choice is made.
    let gpuHoldsBack: ReleaseRecommendation?
    /// Why the venv folder typed cannot be used (the venv screen shows it whole).
    var venvProblem: String?
    var packageFocusOnVersion = false
    var pythonCursor = 0
    /// The interpreters in the order the Python screen lists them, with why each cannot be used (nil: it can).
    var pythonChoices: [MachineFacts.PythonInterpreter] = []
    var pythonProblems: [String?] = []
    var recommendedPython: MachineFacts.PythonInterpreter?
    var pythonPathField = TextField(text: "")
    var pythonPathProblem: String?
    var venvField: TextField
    /// Free space where the folder typed would go (the probe's figure is for the default folder).
    var venvDisk: MachineFacts.Disk?
    /// The folders Tab found when several match what is typed.
    var venvCandidates: [String] = []
    var dockerCursor = 0
    var welcomeScroll = 0
    var welcomeCursor = 0
    /// The plan screen shows, and the install screen runs, the removal of what tfwizard installed.
    var removing = false
    /// Set when the user chose to resume an interrupted run: its plan skips what was checked done.
    var resumeHandling: ResumeOffer.Handling?
    let resumeOffer: ResumeOffer?
    var logPathField = TextField(text: "")
    var indexSettings: IndexSettingsForm

    // Plan and install.
    public internal(set) var plan: Plan?
    public internal(set) var refusal: PlanRefusal?
    var planScroll = 0
    /// Reads asked for by a screen being entered; `Wizard.update` hands them out as effects.
    var requestedReads: [WizardEffect] = []
    public internal(set) var install: InstallProgress?
    var failureCursor = 0
    var fullLogScroll = 0
    var logExportedTo: String?
    var answersSavedTo: String?
    /// The failed step's diagnosis (the failure screen's likely cause; the troubleshoot screen's subject).
    var failureDiagnosis: DiagnosisView?
    /// The troubleshoot and fix-confirm screens' subject.
    var troubleshoot: TroubleshootContext?

    init(environment: WizardEnvironment, size: TerminalSize, now: Double) {
        answers = environment.initialAnswers
        installerChosen = environment.answersFromFile
        self.size = size
        self.now = now
        text = Wording(strings: environment.strings, overrides: environment.textOverrides)
        facts = environment.facts
        catalog = environment.catalog
        methods = environment.methods
        probeSummary = environment.probeSummary
        rerunOptions = environment.rerunOptions
        recordedMachine = environment.recordedMachine
        suggestedMirrors = environment.suggestedMirrors
        indexSettings = IndexSettingsForm(environment.initialAnswers)
        resumeOffer = environment.resumeOffer
        venvField = TextField(text: environment.initialAnswers.venv)
        let forGPU = environment.recommendedRelease(.gpu)
        let forCPU = environment.recommendedRelease(.cpu)
        gpuHoldsBack = forGPU?.reason != nil && forGPU?.release.version != forCPU?.release.version ? forGPU : nil
    }

    /// The release the package & version screen currently points at ("latest" resolved).
    var chosenRelease: TensorFlowRelease? { catalog.release(answers.version) ?? catalog.latest }

    /// The installer for a method just chosen: the one chosen before where the method has it, else uv where
    /// the method has it and it is recommended on this machine, else the method's first.
    func installer(for method: Answers.Method) -> Answers.Installer {
        let offered = methods[method]?.installers ?? [.pip]
        if installerChosen, offered.contains(answers.installer) { return answers.installer }
        if offered.contains(.uv), UVInstaller.isRecommended(facts) { return .uv }
        return offered.first ?? .pip
    }

    /// The chosen install method's description.
    var installMethod: (any InstallMethod)? { methods[answers.method] }

    /// Screens the user answers, in order: the chosen method's questions come after the package.
    var questionScreens: [Screen] {
        [.welcome, .device, .method, .package] + (installMethod?.questions ?? []).map(Screen.init) + [.plan]
    }
}

/// The install as the install screen shows it.
public struct InstallProgress: Sendable {
    public struct StepProgress: Sendable, Equatable {
        public var status: StepStatus
        public var startedAt: Double?
        public var finishedAt: Double?
        public var note: String?          // why skipped, exit status
        public var outcome: StepOutcome?
        /// How many times the step has started (a retry makes it 2, 3, ...).
        public var attempt = 0
        /// What a step that succeeded warned about (pip's retries of the index), shown on its line.
        public var warnings = StepWarnings()
    }
    public internal(set) var steps: [StepProgress]
    var log = LogBuffer(maxLines: 5000)
    /// The plan's credentials, masked in what the log pane shows.
    let secrets: [String]
    var logEndsLine = true
    /// Lines scrolled up from the end of the log; 0 follows new output.
    var logScroll = 0
    var logFocused = false
    public internal(set) var awaitingDecisionFor: Int?
    public internal(set) var validation: ValidationReport?
    public internal(set) var finished: (success: Bool, cancelled: Bool)?
    public internal(set) var cancelRequested = false
    /// Output of each step as shown, for the failure screen.
    var stepLogs: [LogBuffer]
    /// The raw tail of each step's output, for its diagnosis (the same tail headless `install` diagnoses).
    var stepTails: [StepOutputTail]

    init(plan: Plan) {
        steps = plan.steps.map { _ in StepProgress(status: .pending) }
        secrets = Redactor.secrets(of: plan.answers)
        log = LogBuffer(maxLines: 5000, secrets: secrets)
        stepLogs = plan.steps.map { [secrets] _ in LogBuffer(maxLines: 400, secrets: secrets) }
        stepTails = plan.steps.map { _ in StepOutputTail() }
    }

    /// The log as shown: a trailing empty line (the cursor line after a newline) is not drawn.
    public var logLines: [String] {
        let lines = log.lines
        return lines.last?.isEmpty == true ? Array(lines.dropLast()) : lines
    }

    /// How many steps are in `status` now.
    func count(_ status: StepStatus) -> Int { steps.filter { $0.status == status }.count }
}
