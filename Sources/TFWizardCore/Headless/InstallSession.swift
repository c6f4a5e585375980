import Foundation

/// One install, as both front ends run it: the journal (transcript as output arrives), the engine on
/// the real pty runner, and at the end the exported session log and the saved answer file.
public final class InstallSession: @unchecked Sendable {
    public let journal: SessionJournal
    public let plan: Plan
    private let strings: Strings
    private let lock = NSLock()
    private var signalNumber: Int32?

    public init(plan: Plan, facts: MachineFacts, strings: Strings, logDirectory: String?) throws {
        self.plan = plan
        self.strings = strings
        let secrets = [plan.answers.proxy, plan.answers.indexURL].compactMap { $0 }
            + plan.steps.flatMap { $0.environment.values }.filter { Redactor.needsRedaction($0, secrets: []) }
        journal = try SessionJournal(directory: logDirectory, secrets: secrets)
        journal.recordProbeReport(ProbeReport.text(facts, strings: strings))
        journal.recordAnswers(AnswerFile.render(plan.answers))
        journal.recordPlan(PlanFormatter.text(plan, strings: strings))
    }

    /// The signal that interrupted the install, if one did (the exit code is then 128+n).
    public var interruptedBy: Int32? {
        get { lock.lock(); defer { lock.unlock() }; return signalNumber }
        set { lock.lock(); signalNumber = newValue; lock.unlock() }
    }

    public func makeEngine(runner: StepRunner = PtyStepRunner(),
                           sink: @escaping @Sendable (EngineEvent) -> Void) -> Engine {
        Engine(plan: plan, runner: runner, journal: journal, expectGPU: plan.answers.device == .gpu,
               strings: strings, onEvent: sink)
    }

    /// Writes the session log (0600) and returns its path.
    public func exportLog() throws -> String { try journal.export() }

    /// The answer file of this run, beside the log (0600), credentials masked.
    public func saveAnswers() throws -> String {
        let stamp = URL(fileURLWithPath: journal.transcriptPath).deletingPathExtension().lastPathComponent
        let path = journal.directory + "/" + stamp + "-answers.yaml"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        let bytes = Array(AnswerFile.render(plan.answers).utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path]) }
        return path
    }

    /// Log and answer file at the end of a run; returns the log's path.
    @discardableResult
    public func finish() throws -> String {
        _ = try? saveAnswers()
        return try exportLog()
    }
}
