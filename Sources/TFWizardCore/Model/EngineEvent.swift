import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The life of one step, as the step list shows it.
public enum StepStatus: String, Codable, Equatable, Sendable {
    case pending, running, done, failed, skipped, cancelled
}

/// How a step's process ended.
public struct StepOutcome: Codable, Equatable, Sendable {
    public var status: StepStatus
    public var exitCode: Int32?           // nil when killed by a signal or never started
    public var signal: Int32?             // the signal that ended it, if any
    public var durationSeconds: Double
    public var failureReason: String?     // e.g. "could not start: No such file or directory"
    public init(status: StepStatus, exitCode: Int32?, signal: Int32?, durationSeconds: Double, failureReason: String? = nil) {
        self.status = status; self.exitCode = exitCode; self.signal = signal
        self.durationSeconds = durationSeconds; self.failureReason = failureReason
    }
}

/// What the validation program reported (parsed from its marker lines).
public struct ValidationReport: Codable, Equatable, Sendable {
    public var tensorflowVersion: String?
    public var reduceSum: String?
    public var gpuDevices: [String]
    public var passed: Bool
    public var problem: String?           // why it failed, when it did
    public init(tensorflowVersion: String?, reduceSum: String?, gpuDevices: [String], passed: Bool, problem: String? = nil) {
        self.tensorflowVersion = tensorflowVersion; self.reduceSum = reduceSum
        self.gpuDevices = gpuDevices; self.passed = passed; self.problem = problem
    }
}

/// What the user decides after a step failed.
public enum FailureDecision: String, Sendable, Equatable {
    case retry, skip, abort
}

/// Everything the engine tells its consumers (the TUI and the headless printer consume the same events).
public enum EngineEvent: Sendable, Equatable {
    case stepStarted(index: Int)
    case output(index: Int, bytes: [UInt8])
    case stepSkipped(index: Int, reason: String)
    case stepFinished(index: Int, outcome: StepOutcome)
    case validated(index: Int, report: ValidationReport)
    /// A step failed; the engine waits for `Engine.decide(_:)`.
    case awaitingDecision(index: Int)
    /// What was decided after the step at `index` failed (nil: cancelled), with how many fix commands first.
    case decided(index: Int, decision: FailureDecision?, fixCount: Int)
    /// A fix command runs before the failed step at `index` is retried; its output comes as that step's.
    case fixStarted(index: Int, fix: Step)
    case fixFinished(index: Int, fix: Step, outcome: StepOutcome)
    /// The install stopped at the step at `index` (a failed step was not skipped).
    case aborted(index: Int)
    case finished(success: Bool, cancelled: Bool)
}

/// How the TUI and the headless mode drive a running install (the Engine implements it; tests use fakes).
public protocol EngineControl: AnyObject, Sendable {
    /// Starts running the plan's steps on a background thread; events go to the sink given at creation.
    func start()
    /// Answers `.awaitingDecision`.
    func decide(_ decision: FailureDecision)
    /// Answers `.awaitingDecision` with a retry that first runs `fixes` (a catalog fix made into steps);
    /// their output is reported under the failed step's index. A fix that fails asks again.
    func retry(afterFixes fixes: [Step])
    /// Terminates the running child's whole process group (TERM, then KILL after a grace period) and stops.
    func cancel()
    /// Bytes typed into the log pane, for a child that reads stdin (a sudo password prompt, a y/n question).
    func sendInput(_ bytes: [UInt8])
    /// The log pane's size, passed on to the child's pty.
    func resize(rows: Int, columns: Int)
}
