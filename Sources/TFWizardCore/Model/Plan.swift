import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One thing the installer does: a command (argv, never a glued shell string) and why.
public struct Step: Codable, Equatable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable {
        case command      // runs argv in a pty
        case validation   // runs the TensorFlow check program; its output is parsed into a ValidationReport
    }
    /// Whether the planner found the step already done; such steps are shown and not run.
    public enum State: Codable, Equatable, Sendable {
        case toRun
        case alreadyDone(reason: String)
    }

    public var id: String                 // stable slug: "apt-venv", "create-venv", "upgrade-pip", "install-tf", "validate"
    public var title: String              // shown in the plan and the step list
    public var why: String                // one line: why this step is needed
    public var argv: [String]
    public var environment: [String: String]  // extra variables (PIP_INDEX_URL, proxies): values may be secret
    public var needsRoot: Bool            // argv already starts with sudo where the user is not root
    public var safeToSkip: Bool           // a failed step may be skipped without breaking later ones
    public var kind: Kind
    public var state: State
    /// A command whose exit status 0 says the step's work is already there (`StepChecks`); nil when
    /// there is none and the step always runs (the TensorFlow check).
    public var doneCheck: [String]?

    public init(id: String, title: String, why: String, argv: [String], environment: [String: String] = [:],
                needsRoot: Bool = false, safeToSkip: Bool = false, kind: Kind = .command, state: State = .toRun,
                doneCheck: [String]? = nil) {
        self.id = id; self.title = title; self.why = why; self.argv = argv; self.environment = environment
        self.needsRoot = needsRoot; self.safeToSkip = safeToSkip; self.kind = kind; self.state = state
        self.doneCheck = doneCheck
    }

    /// The packages an `apt-get install -y A B` step installs (empty for any other command).
    public var aptPackageNames: [String] {
        guard let install = argv.firstIndex(of: "install"), argv[..<install].contains("apt-get") else { return [] }
        return argv[(install + 1)...].filter { !$0.hasPrefix("-") }
    }
}

/// The planner's answer: the steps to run, or why the combination cannot work.
public struct Plan: Codable, Equatable, Sendable {
    public var answers: Answers
    public var steps: [Step]
    public var notes: [String]            // one-line remarks shown above the plan (what changed since the guide, warnings)
    public var tensorflowVersion: String  // the release the plan installs ("2.21.0"), or "latest" resolved from the catalog
    public var pythonPath: String?        // the interpreter the plan uses
    /// The TensorFlow check a plan that ends with the driver install leaves for after the reboot (a
    /// playbook reboots and goes on to it).
    public var checkAfterReboot: Step?
    public init(answers: Answers, steps: [Step], notes: [String], tensorflowVersion: String, pythonPath: String?) {
        self.answers = answers; self.steps = steps; self.notes = notes
        self.tensorflowVersion = tensorflowVersion; self.pythonPath = pythonPath
    }
}

/// Why the planner refused: a message the user reads, and the answer field it is about.
public struct PlanRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String              // "python", "method", "device", "version", ...
    public var message: String
    public var suggestion: String?
    public init(field: String, message: String, suggestion: String? = nil) {
        self.field = field; self.message = message; self.suggestion = suggestion
    }
    public var description: String { suggestion.map { "\(message) \($0)" } ?? message }
}
