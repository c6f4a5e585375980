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

    /// This machine's NVIDIA GPUs only (sysfs, the driver, nvidia-smi): what `doctor --this-machine` asks.
    public static func gpu() -> MachineFacts.GPU {
        GPUProbe(root: MachineRoot("/"), runner: SystemCommandRunner(), environment: ProcessInfo.processInfo.environment).probe()
    }
}

extension ThisMachineGPU {
    /// The probe's facts as the diagnosis needs them: whether there is an NVIDIA GPU, and its name.
    public init(_ gpu: MachineFacts.GPU) {
        let names = gpu.devices.compactMap { $0.name ?? $0.pciDeviceID.map { "NVIDIA device \($0)" } ?? $0.pciAddress }
        self.init(hasNVIDIAGPU: gpu.nvidiaPresent, description: names.joined(separator: ", "))
    }
}
