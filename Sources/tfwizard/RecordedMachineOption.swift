import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// `--machine DIR`: plan and walk the wizard against a recorded machine (a folder with root/ and
/// commands.json) instead of this one. Nothing is run: the engine is the dry run. Hidden from --help's
/// option list; the README's "Recorded machines" section documents it.
struct RecordedMachineOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A recorded machine folder (root/ and commands.json): use its facts, run nothing.",
                                            valueName: "dir", visibility: .hidden))
    var machine: String?

    /// The recording, or nil for this machine; a folder that is not a recording is bad input (exit 2).
    func load(strings: Strings) throws -> RecordedMachine? {
        guard let machine else { return nil }
        do {
            return try RecordedMachine(folder: machine, strings: strings)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}

/// Where the facts come from and how steps run: this machine and the pty, or a recording and the dry run.
struct MachineContext {
    var facts: MachineFacts
    var recorded: RecordedMachine?
    /// Where `~` in the answers points: this user's home, or the recorded user's.
    var home: String

    static func make(recorded: RecordedMachine?, venv: String) -> MachineContext {
        guard let recorded else {
            return MachineContext(facts: MachineProbe.run(root: nil, venv: venv), recorded: nil, home: PathExpansion.home)
        }
        return MachineContext(facts: recorded.prober(venvTarget: venv).probe(), recorded: recorded, home: recorded.home)
    }

    /// The target folder as it is here; a recorded machine's folder is not on this disk, so it counts as absent.
    func target(for answers: Answers) -> TargetState {
        let folder = Planner.targetFolder(for: answers, home: home)
        guard recorded == nil else { return .absent(folder ?? answers.venv) }
        return folder.map { TargetState.inspect(venvPath: $0) } ?? TargetState.absent(answers.venv)
    }

    var stepRunner: StepRunner { recorded == nil ? PtyStepRunner() : DryRunStepRunner() }
}
