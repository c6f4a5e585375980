import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Runs a plan's steps in order on a background thread and reports everything as `EngineEvent`s.
/// A failed step waits for `decide(_:)`; `cancel()` ends the running child's whole process group.
/// It emits events only: the session journal is one observer of them (`JournalObserver`), the screens
/// or the headless printer another.
///
/// The run ends with `.finished(success: true, ...)` when every step that ran succeeded; a failed step
/// the user chose to skip (allowed only for `safeToSkip` steps) does not spoil success.
public final class Engine: EngineControl, @unchecked Sendable {
    /// Seconds between SIGTERM and SIGKILL when cancelling.
    public static let cancelGrace = 3.0
    /// Output kept for reading a validation step's report (its marker lines come last).
    static let validationOutputLimit = 1 << 20

    public let plan: Plan
    private let runner: StepRunner
    private let transcriptPath: String?
    private let expectGPU: Bool
    private let strings: Strings
    private let onEvent: @Sendable (EngineEvent) -> Void
    private let packageLocks: PackageLockPolicy
    /// The log folder's `in-progress.json`: present only while a step runs (a killed tfwizard leaves it).
    private let inProgress: InProgressMarker?
    private let secrets: [String]

    private let condition = Condition()
    // Guarded by `condition`:
    private var started = false
    private var cancelled = false
    private var running: RunningStep?
    private var waitingForDecision = false
    private var decision: FailureDecision?
    private var pendingFixes: [Step] = []
    private var rows = 24
    private var columns = 80

    /// - Parameters:
    ///   - inProgress: the marker a killed run leaves behind (real runs only).
    ///   - transcriptPath: named in that marker.
    public init(plan: Plan, runner: StepRunner, expectGPU: Bool, strings: Strings,
                packageLocks: PackageLockPolicy = .system, inProgress: InProgressMarker?, transcriptPath: String?,
                onEvent: @escaping @Sendable (EngineEvent) -> Void) {
        self.plan = plan
        self.packageLocks = packageLocks
        self.inProgress = runner.executesCommands ? inProgress : nil
        self.transcriptPath = transcriptPath
        self.secrets = Redactor.secrets(of: plan.answers)
        self.runner = runner
        self.expectGPU = expectGPU
        self.strings = strings
        self.onEvent = onEvent
    }

    /// An engine whose events the journal observes (when there is one) before `onEvent` sees them, with the
    /// journal's folder holding the in-progress marker.
    public convenience init(plan: Plan, runner: StepRunner, journal: SessionJournal?, expectGPU: Bool,
                            strings: Strings, packageLocks: PackageLockPolicy = .system,
                            onEvent: @escaping @Sendable (EngineEvent) -> Void) {
        let observer = journal.map { JournalObserver(journal: $0, plan: plan, strings: strings) }
        self.init(plan: plan, runner: runner, expectGPU: expectGPU, strings: strings, packageLocks: packageLocks,
                  inProgress: journal.map { InProgressMarker(directory: $0.directory) },
                  transcriptPath: journal?.transcriptPath,
                  onEvent: { event in
                      observer?.observe(event)
                      onEvent(event)
                  })
    }

    // MARK: - EngineControl

    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        DetachedThread.start { [self] in runAll() }
    }

    public func decide(_ decision: FailureDecision) {
        condition.lock()
        defer { condition.unlock() }
        guard waitingForDecision, self.decision == nil else { return }
        self.decision = decision
        condition.broadcast()
    }

    public func retry(afterFixes fixes: [Step]) {
        condition.lock()
        defer { condition.unlock() }
        guard waitingForDecision, decision == nil else { return }
        pendingFixes = fixes
        decision = .retry
        condition.broadcast()
    }

    public func cancel() {
        condition.lock()
        guard !cancelled else { condition.unlock(); return }
        cancelled = true
        let child = running
        condition.broadcast()
        condition.unlock()
        if let child { terminateInBackground(child) }
    }

    public func sendInput(_ bytes: [UInt8]) {
        condition.lock()
        let child = running
        condition.unlock()
        child?.write(bytes)
    }

    public func resize(rows: Int, columns: Int) {
        condition.lock()
        self.rows = max(1, rows)
        self.columns = max(1, columns)
        let child = running
        condition.unlock()
        child?.resize(rows: rows, columns: columns)
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }

    /// Whether a step's process is running now (input and resizes reach it only then).
    public var hasRunningStep: Bool {
        condition.lock(); defer { condition.unlock() }
        return running != nil
    }

    // MARK: - The run

    private func runAll() {
        var index = 0
        steps: while index < plan.steps.count {
            if isCancelled { return finish(success: false, cancelled: true) }
            let step = plan.steps[index]
            if case .alreadyDone(let reason) = step.state {
                onEvent(.stepSkipped(index: index, reason: reason))
                index += 1
                continue
            }
            var outcome = run(step, at: index)
            while true {
                switch outcome.status {
                case .done:
                    index += 1
                    continue steps
                case .cancelled:
                    return finish(success: false, cancelled: true)
                default:
                    break
                }
                let (decision, fixes) = awaitDecision(index: index)
                onEvent(.decided(index: index, decision: decision, fixCount: fixes.count))
                switch decision {
                case nil:
                    return finish(success: false, cancelled: true)
                case .retry:
                    // A fix that fails leaves the step failed; the user decides again, seeing the fix's output.
                    if let failed = runFixes(fixes, before: index) {
                        outcome = failed
                        continue
                    }
                    continue steps
                case .skip where step.safeToSkip:
                    let reason = strings.text("engine.skippedAfterFailure")
                    onEvent(.stepSkipped(index: index, reason: reason))
                    index += 1
                    continue steps
                case .skip, .abort:
                    onEvent(.aborted(index: index))
                    return finish(success: false, cancelled: false)
                }
            }
        }
        finish(success: true, cancelled: false)
    }

    /// Runs fix commands for the failed step at `index`, reporting their output under that index.
    /// Returns nil when all succeeded, else the outcome that stops them (failed or cancelled).
    private func runFixes(_ fixes: [Step], before index: Int) -> StepOutcome? {
        guard !fixes.isEmpty else { return nil }
        onEvent(.stepStarted(index: index))
        let startTime = PtyProcess.now()
        for fix in fixes {
            let header = strings.text("engine.fix.running", ["command": CommandDisplay.render(fix)]) + "\r\n"
            onEvent(.output(index: index, bytes: Array(header.utf8)))
            onEvent(.fixStarted(index: index, fix: fix))
            var outcome: StepOutcome
            if runner.executesCommands, PackageManagerLock.isPackageManagerStep(fix),
               let blocked = waitForPackageLocks(index: index) {
                outcome = blocked
            } else {
                outcome = execute(fix, index: index, collector: nil).outcome
            }
            onEvent(.fixFinished(index: index, fix: fix, outcome: outcome))
            if outcome.status == .done { continue }
            outcome.durationSeconds = PtyProcess.now() - startTime
            if outcome.status != .cancelled {
                outcome.failureReason = strings.text("engine.fix.failed", ["command": CommandDisplay.render(fix),
                                                                           "reason": outcome.failureReason ?? "?"])
            }
            onEvent(.stepFinished(index: index, outcome: outcome))
            return outcome
        }
        return nil
    }

    private func finish(success: Bool, cancelled: Bool) {
        onEvent(.finished(success: success, cancelled: cancelled))
    }

    /// Emits `.awaitingDecision` and blocks until `decide`, `retry(afterFixes:)` or `cancel` (nil).
    private func awaitDecision(index: Int) -> (FailureDecision?, [Step]) {
        condition.lock()
        waitingForDecision = true
        decision = nil
        pendingFixes = []
        condition.unlock()
        onEvent(.awaitingDecision(index: index))
        condition.lock()
        defer { waitingForDecision = false; decision = nil; pendingFixes = []; condition.unlock() }
        while decision == nil && !cancelled { condition.wait() }
        return cancelled ? (nil, []) : (decision, pendingFixes)
    }

    private func run(_ step: Step, at index: Int) -> StepOutcome {
        onEvent(.stepStarted(index: index))
        if runner.executesCommands, PackageManagerLock.isPackageManagerStep(step),
           let blocked = waitForPackageLocks(index: index) {
            return report(blocked, step: step, index: index)
        }
        let collector = step.kind == .validation ? OutputTail(limit: Self.validationOutputLimit) : nil
        var (outcome, ran) = execute(step, index: index, collector: collector)
        if ran, outcome.status == .done, collector != nil, !runner.executesCommands {
            // A dry run shows the check's command but cannot judge TensorFlow: not run, never "passed".
            let reason = strings.text("recorded.validation-not-run")
            onEvent(.stepSkipped(index: index, reason: reason))
            return outcome
        }
        if ran, outcome.status != .cancelled, let collector, runner.executesCommands {
            let validation = ValidationProgram.report(from: collector.text, exitCode: outcome.exitCode,
                                                      expectGPU: expectGPU, strings: strings)
            onEvent(.validated(index: index, report: validation))
            if !validation.passed {
                outcome.status = .failed
                outcome.failureReason = validation.problem
            }
        }
        return report(outcome, step: step, index: index)
    }

    /// Starts `step`'s process, forwards its output under `index`, and waits for it to end;
    /// `ran` is false when it never started.
    private func execute(_ step: Step, index: Int, collector: OutputTail?) -> (outcome: StepOutcome, ran: Bool) {
        let startTime = PtyProcess.now()
        let onEvent = self.onEvent
        let onOutput: @Sendable ([UInt8]) -> Void = { bytes in
            collector?.append(bytes)
            onEvent(.output(index: index, bytes: bytes))
        }

        condition.lock()
        let size = (rows: rows, columns: columns)
        let cancelledBeforeStart = cancelled
        condition.unlock()
        if cancelledBeforeStart {
            return (StepOutcome(status: .cancelled, exitCode: nil, signal: nil, durationSeconds: 0,
                                failureReason: strings.text("engine.cancelled")), false)
        }

        // Written before the child exists, so a kill of tfwizard at any moment of the step leaves it.
        inProgress?.begin(step, secrets: secrets, transcript: transcriptPath)
        let child: RunningStep
        do {
            child = try runner.start(step, rows: size.rows, columns: size.columns, onOutput: onOutput)
        } catch {
            inProgress?.end()
            let reason = (error as? SpawnError)?.reason ?? String(describing: error)
            return (StepOutcome(status: .failed, exitCode: nil, signal: nil,
                                durationSeconds: PtyProcess.now() - startTime,
                                failureReason: strings.text("engine.couldNotStart", ["reason": reason])), false)
        }

        condition.lock()
        running = child
        let cancelledWhileStarting = cancelled
        condition.unlock()
        if cancelledWhileStarting { terminateInBackground(child) }

        let termination = child.waitForExit()
        inProgress?.end()
        condition.lock()
        running = nil
        let wasCancelled = cancelled
        condition.unlock()

        var outcome = StepOutcome(status: .failed, exitCode: nil, signal: nil,
                                  durationSeconds: PtyProcess.now() - startTime)
        switch termination {
        case .exited(let code):
            outcome.exitCode = code
            if code == 0 { outcome.status = .done }
            else { outcome.failureReason = strings.text("engine.exitStatus", ["code": String(code)]) }
        case .signaled(let signal):
            outcome.signal = signal
            outcome.failureReason = strings.text("engine.killedBySignal", ["signal": String(signal)])
        case .unknown:
            outcome.failureReason = strings.text("engine.unknownEnd")
        }
        if wasCancelled {
            outcome.status = .cancelled
            outcome.failureReason = strings.text("engine.cancelled")
        }
        return (outcome, true)
    }

    /// Before an apt step: while another process holds a dpkg lock, says who and counts down; nil once
    /// the locks are free, else the outcome (failed after `maxWaitSeconds`, or cancelled).
    private func waitForPackageLocks(index: Int) -> StepOutcome? {
        let policy = packageLocks
        guard var holder = PackageManagerLock.holder(of: policy.lockPaths) else { return nil }
        let start = PtyProcess.now()
        var nextAnnouncement = start
        while true {
            let elapsed = PtyProcess.now() - start
            let values = ["path": holder.path, "pid": String(holder.pid), "command": holder.command,
                          "seconds": String(Int(max(0, policy.maxWaitSeconds - elapsed).rounded(.up))),
                          "limit": String(Int(policy.maxWaitSeconds))]
            if elapsed >= policy.maxWaitSeconds {
                emitLine(strings.text("faults.lock.gaveUp", values), index: index)
                return StepOutcome(status: .failed, exitCode: nil, signal: nil, durationSeconds: elapsed,
                                   failureReason: strings.text("faults.lock.failed", values))
            }
            if PtyProcess.now() >= nextAnnouncement {
                emitLine(strings.text("faults.lock.waiting", values), index: index)
                nextAnnouncement += max(policy.announceEverySeconds, policy.pollSeconds)
            }
            condition.lock()
            if !cancelled { condition.wait(seconds: policy.pollSeconds) }
            let wasCancelled = cancelled
            condition.unlock()
            if wasCancelled {
                return StepOutcome(status: .cancelled, exitCode: nil, signal: nil, durationSeconds: PtyProcess.now() - start,
                                   failureReason: strings.text("engine.cancelled"))
            }
            guard let next = PackageManagerLock.holder(of: policy.lockPaths) else {
                emitLine(strings.text("faults.lock.released", values), index: index)
                return nil
            }
            holder = next
        }
    }

    /// A line of the engine's own, shown and recorded like the step's output.
    private func emitLine(_ text: String, index: Int) {
        let bytes = Array((text + "\r\n").utf8)
        onEvent(.output(index: index, bytes: bytes))
    }

    private func report(_ outcome: StepOutcome, step: Step, index: Int) -> StepOutcome {
        onEvent(.stepFinished(index: index, outcome: outcome))
        return outcome
    }

    /// cancel() must not block its caller (the UI thread) for the grace period.
    private func terminateInBackground(_ child: RunningStep) {
        DetachedThread.start { child.terminateGroup(grace: Self.cancelGrace) }
    }
}

/// The last `limit` bytes of a step's output, collected from the reader thread.
final class OutputTail: @unchecked Sendable {
    private let lock = Lock()
    private let limit: Int
    private var bytes: [UInt8] = []

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        bytes.append(contentsOf: chunk)
        if bytes.count > limit * 2 { bytes.removeFirst(bytes.count - limit) }
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: bytes.suffix(limit), as: UTF8.self)
    }
}
