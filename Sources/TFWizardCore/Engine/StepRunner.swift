import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A started step: the engine waits for it, forwards typed input and pane resizes, and cancels it.
public protocol RunningStep: AnyObject, Sendable {
    /// Blocks until the process ended and all its output was delivered.
    func waitForExit() -> ProcessTermination
    func write(_ bytes: [UInt8])
    func resize(rows: Int, columns: Int)
    /// TERM to the process group, KILL after `grace` seconds; blocks up to `grace`.
    func terminateGroup(grace: Double)
}

extension PtyProcess: RunningStep {}

/// Starts steps. The engine does not care how: the real runner uses a pty, the dry run runs nothing,
/// tests use fakes.
public protocol StepRunner: Sendable {
    /// False for a runner that only shows what it would do: the engine then does not judge the
    /// (absent) output of a validation step.
    var executesCommands: Bool { get }
    /// Starts `step`; `onOutput` receives the output chunks in order, from any thread.
    /// Throws `SpawnError` when the command cannot be started.
    func start(_ step: Step, rows: Int, columns: Int,
               onOutput: @escaping @Sendable ([UInt8]) -> Void) throws -> RunningStep
}

/// Runs each step's argv in a fresh pseudo-terminal, with the current environment plus the step's.
public struct PtyStepRunner: StepRunner {
    public var baseEnvironment: [String: String]
    public var workingDirectory: String?

    public init(baseEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String? = nil) {
        self.baseEnvironment = baseEnvironment
        self.workingDirectory = workingDirectory
    }

    public var executesCommands: Bool { true }

    public func start(_ step: Step, rows: Int, columns: Int,
                      onOutput: @escaping @Sendable ([UInt8]) -> Void) throws -> RunningStep {
        let environment = baseEnvironment.merging(step.environment) { _, stepValue in stepValue }
        return try PtyProcess(argv: step.argv, environment: environment, workingDirectory: workingDirectory,
                              rows: rows, columns: columns, onOutput: onOutput)
    }
}

/// Shows what each step would run and runs nothing: every step "succeeds" at once.
public struct DryRunStepRunner: StepRunner {
    public var strings: Strings

    public init(strings: Strings) { self.strings = strings }

    public var executesCommands: Bool { false }

    public func start(_ step: Step, rows: Int, columns: Int,
                      onOutput: @escaping @Sendable ([UInt8]) -> Void) throws -> RunningStep {
        var text = strings.text("engine.dryRun.wouldRun", ["command": ShellQuoting.render(step.argv)]) + "\n"
        if !step.environment.isEmpty {
            // Names only: values may be secret.
            let names = step.environment.keys.sorted().joined(separator: " ")
            text += strings.text("engine.dryRun.environment", ["names": names]) + "\n"
        }
        onOutput(Array(text.utf8))
        return CompletedStep(termination: .exited(0))
    }
}

/// A step that already ended (what the dry run returns).
final class CompletedStep: RunningStep {
    let termination: ProcessTermination
    init(termination: ProcessTermination) { self.termination = termination }
    func waitForExit() -> ProcessTermination { termination }
    func write(_ bytes: [UInt8]) {}
    func resize(rows: Int, columns: Int) {}
    func terminateGroup(grace: Double) {}
}

