import FoundationEssentials

/// Where the facts come from and how steps run: this machine and the pty, or a recording and the dry run.
public struct MachineContext {
    public var facts: MachineFacts
    public var recorded: RecordedMachine?
    /// Where `~` in the answers points: this user's home, or the recorded user's.
    public var home: String

    public init(facts: MachineFacts, recorded: RecordedMachine?, home: String) {
        self.facts = facts; self.recorded = recorded; self.home = home
    }

    public static func make(recorded: RecordedMachine?, venv: String) -> MachineContext {
        guard let recorded else {
            return MachineContext(facts: MachineProbe.run(root: nil, venv: venv), recorded: nil, home: PathExpansion.home)
        }
        return MachineContext(facts: recorded.prober(venvTarget: venv).probe(), recorded: recorded, home: recorded.home)
    }

    /// The target folder as it is here; a recorded machine's folder is not on this disk, so it counts as absent.
    public func target(for answers: Answers) -> TargetState {
        let folder = Planner.targetFolder(for: answers, home: home)
        guard recorded == nil else { return .absent(folder ?? answers.venv) }
        return folder.map { TargetState.inspect(venvPath: $0) } ?? TargetState.absent(answers.venv)
    }

    /// How steps run here: in a pty, or, on a recorded machine, shown in the interface's words.
    public func stepRunner(_ strings: Strings) -> StepRunner {
        recorded == nil ? PtyStepRunner() : DryRunStepRunner(strings: strings)
    }
}
