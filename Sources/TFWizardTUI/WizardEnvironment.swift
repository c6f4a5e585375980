import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Everything the wizard needs from the rest of the program, injected as values and closures so the UI
/// depends on the shared model only (the executable wires the probe, planner and engine in).
public struct WizardEnvironment {
    public var facts: MachineFacts
    public var catalog: Catalog
    public var strings: Strings
    /// One line each: what the probe found, already worded in the user's language.
    public var probeSummary: [String]
    /// The answers the screens start from (defaults, or an answer file's values).
    public var initialAnswers: Answers
    /// Whether they came from an answer file: its installer then stands (pip where it names none).
    public var answersFromFile = false
    /// The install methods the method screen offers (their questions, how to use the result).
    public var methods: InstallMethods = .all
    public var methodAvailability: (Answers.Method, Answers.Device) -> MethodAvailability
    /// Why an interpreter cannot be used with a release; nil when it can.
    public var interpreterProblem: (MachineFacts.PythonInterpreter, TensorFlowRelease, Answers.Method) -> String?
    /// The release offered first for a device: the newest this machine can run, with why when older.
    public var recommendedRelease: (Answers.Device) -> ReleaseRecommendation? = { _ in nil }
    /// The interpreter the planner would pick for a release.
    public var defaultPython: (TensorFlowRelease) -> MachineFacts.PythonInterpreter?
    /// The plan for answers, given the target folder as it was read (pure).
    public var makePlan: (Answers, MachineFacts, TargetState) -> Result<Plan, PlanRefusal>
    /// Reads the target folder the answers name (an effect: `Wizard.update` never calls it).
    public var inspectTarget: (Answers) -> TargetState
    /// The options of this run (`--log-dir DIR`, `--lang zh`), kept in the "run it again" command.
    public var rerunOptions: [String] = []
    /// Free space where a typed folder would go (its nearest existing parent); nil when not known.
    public var diskSpace: (String) -> MachineFacts.Disk? = { _ in nil }
    /// Tab in a folder field.
    public var completeFolder: (String) -> FolderCompletion = { FolderCompletion(text: $0, candidates: []) }
    /// Asks an interpreter the user typed for its facts; an effect, never called by update.
    public var probeInterpreter: (String) -> Result<MachineFacts.PythonInterpreter, TypedInterpreterProblem> = { path in
        .failure(.missing(path))
    }
    /// Creates (does not start) the engine for a plan; events go to the sink from any thread.
    public var startEngine: (Plan, @escaping @Sendable (EngineEvent) -> Void) -> EngineControl
    /// Writes the install log somewhere the user can find it; returns its path.
    public var exportLog: () throws -> String
    /// Writes the answer file; returns its path.
    public var saveAnswers: (Answers) throws -> String
    /// The full diagnosis of a failed step's raw output tail, for the failure and troubleshoot screens.
    public var diagnoseOutput: (_ output: [UInt8], _ plan: Plan) -> DiagnosisView
    /// Reads and diagnoses a log file the user names (`~` allowed); an effect, never called by update.
    public var loadLogFile: (String) -> Result<DiagnosisView, LogFileProblem>
    /// A cause's fix made for the failed step (plan index): the commands shown with this run's interpreter,
    /// mirror and proxy, and whether the wizard may apply them before a retry (a safe fix whose root can be
    /// had). Nil when the cause has no commands.
    public var fixProposal: (_ causeID: String, _ failedStepIndex: Int, _ plan: Plan) -> FixProposal?
    /// Seconds on a monotonic clock (elapsed times of steps).
    public var clock: () -> Double
    /// Extra or replacement UI texts by key (a translation under test, or a user's override file).
    public var textOverrides: [String: String]
    /// The uninstall plan for answers (an effect: it reads the venv folder and the state folder).
    public var planUninstall: (Answers) -> Result<Plan, PlanRefusal> = { answers in
        .failure(PlanRefusal(field: "method", message: "uninstall: not wired"))
    }
    /// The answers an uninstall starts from: the newest run's in the state folder, else the initial ones.
    public var uninstallAnswers: Answers?
    /// An install cut short that can go on (the welcome screen offers it first).
    public var resumeOffer: ResumeOffer?
    /// The name of the recorded machine the wizard walks against (a dry run: nothing is run); nil for this machine.
    public var recordedMachine: String?
    /// Package-index mirrors near the readers of the interface's language, offered on the mirror screen.
    public var suggestedMirrors: [PackageIndexAddress.Mirror] = []

    public init(facts: MachineFacts, catalog: Catalog, strings: Strings, probeSummary: [String],
                initialAnswers: Answers = Answers(),
                methodAvailability: @escaping (Answers.Method, Answers.Device) -> MethodAvailability,
                interpreterProblem: @escaping (MachineFacts.PythonInterpreter, TensorFlowRelease, Answers.Method) -> String?,
                defaultPython: @escaping (TensorFlowRelease) -> MachineFacts.PythonInterpreter?,
                makePlan: @escaping (Answers, MachineFacts, TargetState) -> Result<Plan, PlanRefusal>,
                inspectTarget: @escaping (Answers) -> TargetState,
                startEngine: @escaping (Plan, @escaping @Sendable (EngineEvent) -> Void) -> EngineControl,
                exportLog: @escaping () throws -> String,
                saveAnswers: @escaping (Answers) throws -> String,
                diagnoseOutput: @escaping ([UInt8], Plan) -> DiagnosisView,
                loadLogFile: @escaping (String) -> Result<DiagnosisView, LogFileProblem>,
                fixProposal: @escaping (String, Int, Plan) -> FixProposal?,
                clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                textOverrides: [String: String] = [:]) {
        self.facts = facts; self.catalog = catalog; self.strings = strings; self.probeSummary = probeSummary
        self.initialAnswers = initialAnswers; self.methodAvailability = methodAvailability
        self.interpreterProblem = interpreterProblem; self.defaultPython = defaultPython
        self.makePlan = makePlan; self.inspectTarget = inspectTarget; self.startEngine = startEngine; self.exportLog = exportLog
        self.saveAnswers = saveAnswers; self.clock = clock
        self.diagnoseOutput = diagnoseOutput; self.loadLogFile = loadLogFile; self.fixProposal = fixProposal
        self.textOverrides = textOverrides
    }
}

/// How the wizard ended; the executable turns it into the exit status.
public enum ExitReason: Equatable, Sendable {
    case success, failed, cancelled
    /// A signal stopped the wizard (the install, if one ran, was cancelled first): exit 128+n.
    case interrupted(signal: Int32)
    public var exitCode: Int32 {
        switch self {
        case .success: 0
        case .failed: 1
        case .cancelled: 130
        case .interrupted(let signal): 128 + signal
        }
    }
}

/// UI words by key, from `Strings` with optional overrides.
public struct Wording: Sendable {
    let strings: Strings
    let overrides: [String: String]
    public init(strings: Strings, overrides: [String: String] = [:]) {
        self.strings = strings; self.overrides = overrides
    }
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        guard var result = overrides[key] else { return strings.text(key, values) }
        for (name, value) in values { result = result.replacing("{\(name)}", with: value) }
        return result
    }
}
