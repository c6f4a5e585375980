import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Where the facts come from and how steps run: this machine and the pty, or a recording and the dry run.
public struct MachineContext {
    public var facts: MachineFacts
    public var recorded: RecordedMachine?
    /// Where `~` in the answers points: this user's home, or the recorded user's.
    public var home: String

    /// Asks about one more interpreter on the same machine (a path the user typed); nil where none can be asked.
    public var prober: Prober?

    public init(facts: MachineFacts, recorded: RecordedMachine?, home: String, prober: Prober? = nil) {
        self.facts = facts; self.recorded = recorded; self.home = home; self.prober = prober
    }

    /// - Parameter python: the answers' interpreter: a path off PATH is probed too, so it can be planned for.
    public static func make(recorded: RecordedMachine?, venv: String, python: String? = nil) -> MachineContext {
        let prober = recorded?.prober(venvTarget: venv) ?? MachineProbe.prober(root: nil, venv: venv)
        var context = MachineContext(facts: prober.probe(), recorded: recorded,
                                     home: recorded?.home ?? PathExpansion.home, prober: prober)
        if let python, python.hasPrefix("/") || python.hasPrefix("~"),
           case .success(let interpreter) = context.probeInterpreter(python) {
            context.facts = context.facts.adding(interpreter)
        }
        return context
    }

    /// The facts of an interpreter the user named (`~` expanded against this context's home).
    public func probeInterpreter(_ typed: String) -> Result<MachineFacts.PythonInterpreter, TypedInterpreterProblem> {
        let path = PathExpansion.expandTilde(typed.trimmingSpaces(), home: home)
        guard let prober else { return .failure(.missing(path)) }
        if let known = facts.pythons.first(where: { $0.path == path }) { return .success(known) }
        return prober.probeInterpreter(atPath: path)
    }

    /// The target folder as it is here; a recorded machine's folder is not on this disk, so it counts as absent.
    public func target(for answers: Answers) -> TargetState {
        let folder = Planner.targetFolder(for: answers, home: home)
        guard recorded == nil else { return .absent(folder ?? answers.venv) }
        var state = folder.map { TargetState.inspect(venvPath: $0) } ?? TargetState.absent(answers.venv)
        state.uvToolReady = answers.installer == .uv && access(UVInstaller.executable(home: home), X_OK) == 0
        return state
    }

    /// How steps run here: in a pty, or, on a recorded machine, shown in the interface's words.
    public func stepRunner(_ strings: Strings) -> StepRunner {
        recorded == nil ? PtyStepRunner() : DryRunStepRunner(strings: strings)
    }
}
