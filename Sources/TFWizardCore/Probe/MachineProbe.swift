import FoundationEssentials

/// The probe as every command runs it: the real command runner, the real environment.
public enum MachineProbe {
    public static func run(root: String?, venv: String) -> MachineFacts {
        prober(root: root, venv: venv).probe()
    }

    public static func prober(root: String?, venv: String) -> Prober {
        let environment = ProcessInfo.processInfo.environment
        let target = PathExpansion.expandTilde(venv, home: PathExpansion.home)
        // A recorded machine's tree must not be answered by this machine's programs.
        let runner: CommandRunning = root == nil ? SystemCommandRunner() : NoCommandRunner()
        return Prober(root: root ?? "/", runner: runner, environment: environment, venvTarget: target)
    }
}
