import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One install, as both front ends run it: the journal (transcript as output arrives), the engine on
/// the real pty runner, and at the end the exported session log and the saved answer file.
public final class InstallSession: @unchecked Sendable {
    public let journal: SessionJournal
    /// This process's hold on the state folder, for the session's life.
    private let folderLock: StateFolderLock
    private let strings: Strings
    private let lock = Lock()
    private var signalNumber: Int32?
    private var lastPlan: Plan?
    /// The answers last written by `saveAnswers` (the wizard's, with the fixes it applied).
    private var savedAnswers: Answers?
    /// The recorded machine a dry run walks, when this session is one.
    public let dryRunOf: String?

    /// Takes the state folder's lock (`StateFolderLock.Held` when another tfwizard has it) and opens the
    /// journal (a folder that cannot be written is an error the caller reports before any screen or step) and records what the probe found. A dry run against a recorded machine keeps its
    /// log and answers in a folder of their own (`dry-run-NAME` inside the log folder), each marked as such,
    /// so they are never taken for this machine's.
    public init(facts: MachineFacts, strings: Strings, logDirectory: String?, dryRunOf recordedMachine: String? = nil) throws {
        self.strings = strings
        dryRunOf = recordedMachine
        let directory = recordedMachine.map { name in
            (logDirectory ?? SessionPaths.defaultLogDirectory(environment: ProcessInfo.processInfo.environment))
                .appendingPathComponent("dry-run-" + name.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        } ?? logDirectory
        // The folder's lock comes first: a second tfwizard leaves no transcript behind in it.
        let folder = directory ?? SessionJournal.defaultDirectory()
        try SessionJournal.makePrivateDirectory(folder)
        folderLock = try StateFolderLock(directory: folder)
        journal = try SessionJournal(directory: folder)
        interruptedStep = recordedMachine == nil ? InProgressMarker(directory: journal.directory).interrupted() : nil
        interruptedRun = recordedMachine == nil ? RunState.interrupted(in: journal.directory) : nil
        var report = ProbeReport.text(facts, strings: strings)
        if let recordedMachine { report = strings.text("recorded.log.header", ["machine": recordedMachine]) + "\n" + report }
        journal.recordProbeReport(report)
    }

    /// The signal that interrupted the install, if one did (the exit code is then 128+n).
    public var interruptedBy: Int32? {
        get { lock.lock(); defer { lock.unlock() }; return signalNumber }
        set { lock.lock(); signalNumber = newValue; lock.unlock() }
    }

    /// The step a killed earlier run left unfinished (read from the log folder when this session began).
    public let interruptedStep: InterruptedStep?
    /// The newest run in the state folder when it was cut short (read when this session began).
    public let interruptedRun: RunState?

    /// What resuming the interrupted run would do with `plan`: nil when there is none, or it had other answers.
    public func resumeOffer(for plan: Plan) -> ResumeOffer? {
        guard let run = interruptedRun else { return nil }
        let offer = ResumeOffer.make(run: run, plan: plan) { check in
            SystemCommandRunner().run(check, timeout: 60, environment: nil).exitCode == 0
        }
        return offer.isFor(plan.answers) ? offer : nil
    }

    /// The plan of the engine made last, if any.
    public var currentPlan: Plan? {
        lock.lock(); defer { lock.unlock() }
        return lastPlan
    }

    /// Records the confirmed plan and creates (does not start) its engine.
    public func makeEngine(for plan: Plan, runner: StepRunner = PtyStepRunner(),
                           packageLocks: PackageLockPolicy = .system,
                           sink: @escaping @Sendable (EngineEvent) -> Void) -> Engine {
        journal.addSecrets(Redactor.secrets(of: plan.answers))
        journal.recordAnswers(AnswerFile.render(plan.answers, strings: strings))
        journal.recordPlan(PlanFormatter.text(plan, strings: strings))
        lock.lock(); lastPlan = plan; lock.unlock()
        // A dry run installs nothing: there is nothing to resume or uninstall after it.
        let recorder = dryRunOf == nil ? RunStateRecorder(transcriptPath: journal.transcriptPath, plan: plan) : nil
        return Engine(plan: plan, runner: runner, journal: journal, expectGPU: plan.answers.device == .gpu,
                      strings: strings, packageLocks: packageLocks, onEvent: { event in
                          recorder?.observe(event)
                          sink(event)
                      })
    }

    /// Writes the session log (0600) and returns its path.
    public func exportLog() throws -> String { try journal.export() }

    /// The answer file of this run, beside the log (0600), credentials masked.
    public func saveAnswers(_ answers: Answers) throws -> String {
        let stamp = URL(fileURLWithPath: journal.transcriptPath).deletingPathExtension().lastPathComponent
        let path = journal.directory + "/" + stamp + "-answers.yaml"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileSystemError(path: path)
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        var text = AnswerFile.render(answers, strings: strings)
        if let dryRunOf { text = "# " + strings.text("recorded.answers.header", ["machine": dryRunOf]) + "\n" + text }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw FileSystemError(path: path, code: written < 0 ? errno : ENOSPC) }
        lock.lock(); savedAnswers = answers; lock.unlock()
        return path
    }

    /// Answer file and log at the end of a run; returns the log's path.
    @discardableResult
    public func finish() throws -> String {
        lock.lock(); let answers = savedAnswers ?? lastPlan?.answers; lock.unlock()
        if let answers { _ = try? saveAnswers(answers) }
        return try exportLog()
    }
}
