import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What running a short, non-interactive command gave back.
public struct CommandResult: Sendable, Equatable {
    /// The exit status; nil when the command was not launched, was killed by a signal or timed out.
    public var exitCode: Int32?
    /// stdout and stderr together, decoded as UTF-8 (invalid bytes replaced).
    public var output: String
    public var timedOut: Bool
    /// false when the program was not found or could not be executed; `output` then says why.
    public var launched: Bool

    public init(exitCode: Int32?, output: String, timedOut: Bool = false, launched: Bool = true) {
        self.exitCode = exitCode; self.output = output; self.timedOut = timedOut; self.launched = launched
    }

    /// Launched, finished in time and exited with 0.
    public var succeeded: Bool { launched && !timedOut && exitCode == 0 }

    public static func notLaunched(_ reason: String) -> CommandResult {
        CommandResult(exitCode: nil, output: reason, timedOut: false, launched: false)
    }
}

/// Runs short commands that need no terminal (the probe's questions to the machine). Injected so every
/// probe path can be tested with canned outputs.
public protocol CommandRunning: Sendable {
    /// Runs `argv` (argv[0] is looked up on PATH unless it contains a slash) with stdin from /dev/null.
    /// `environment` nil inherits this process's environment. Past `timeout` seconds the command's whole
    /// process group is killed and the result has `timedOut` set.
    func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult
}

/// Runs nothing: for probing a recorded root (`tfwizard probe --root DIR`), whose programs must not be
/// answered by this machine's. Facts that need a command (Python interpreters, sudo, nvidia-smi) come
/// out absent instead of wrong.
public struct NoCommandRunner: CommandRunning {
    public init() {}
    public func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult {
        .notLaunched("\(argv.first ?? ""): commands are not run when probing another root")
    }
}
