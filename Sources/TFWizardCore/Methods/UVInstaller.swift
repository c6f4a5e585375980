import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The uv installer (`installer: uv`): uv comes from the package index into a tool environment of its own,
/// then creates the venv and installs TensorFlow into it. The venv is the same as pip's (pip is seeded
/// into it), so everything after the install (activate, pip, the check) is unchanged.
public enum UVInstaller {
    /// Where uv's tool environment goes: tfwizard's own data folder, never the user's venv.
    public static func toolFolder(home: String) -> String {
        home + "/.local/share/tfwizard/uv"
    }

    public static func executable(home: String) -> String { toolFolder(home: home) + "/bin/uv" }

    /// Whether uv's tool environment can borrow the interpreter's own pip instead of getting one of its own:
    /// `venv --without-pip --system-site-packages` takes a tenth of a second where ensurepip takes about
    /// three (it installs and compiles pip first). pip 20 is the first that reads the tags uv's wheels carry.
    public static func borrowsPip(_ python: MachineFacts.PythonInterpreter) -> Bool {
        guard let version = python.pipVersion, let major = Int(version.prefix { $0.isNumber }) else { return false }
        return major >= 20
    }

    /// Whether uv is the installer to offer first where a method has it: it installs the same packages as
    /// pip in about half the time from an empty cache (bench/install.sh), but it reads none of pip's settings,
    /// so where pip is set to a package index of the user's own, pip stays first.
    public static func isRecommended(_ facts: MachineFacts) -> Bool { facts.pipIndex == nil }

    /// Whether a step runs uv (a fix for it names the venv's interpreter, not uv).
    public static func runsUV(_ step: Step) -> Bool {
        step.argv.first.map { $0.hasSuffix("/uv") } ?? false
    }
}

extension Planning {
    /// uv's tool environment (python -m venv, pip install uv there), before `uv venv` and `uv pip install`
    /// make and fill the venv itself.
    func uvToolSteps(python: MachineFacts.PythonInterpreter) -> [Step] {
        let tool = UVInstaller.toolFolder(home: home)
        let toolPython = tool + "/bin/python"
        let toolState: Step.State = target.uvToolReady ? .alreadyDone(reason: strings.text("planner.done.uv", ["folder": tool]))
                                                       : .toRun
        // With the interpreter's own pip the tool environment gets none of its own; --ignore-installed puts
        // uv into it even where the system's packages already hold one.
        let borrowsPip = UVInstaller.borrowsPip(python)
        return [
            Step(id: "create-uv-env",
                 title: strings.text("planner.step.create-uv-env.title", ["folder": tool]),
                 why: strings[borrowsPip ? "planner.step.create-uv-env.why.borrowed-pip" : "planner.step.create-uv-env.why"],
                 argv: [python.path, "-m", "venv"] + (borrowsPip ? ["--without-pip", "--system-site-packages"] : []) + [tool],
                 state: toolState,
                 doneCheck: StepChecks.executable(toolPython)),
            Step(id: "install-uv",
                 title: strings["planner.step.install-uv.title"],
                 why: strings["planner.step.install-uv.why"],
                 argv: [toolPython, "-m", "pip", "install"] + (borrowsPip ? ["--ignore-installed"] : []) + ["uv"],
                 environment: pipEnvironment(),
                 state: toolState,
                 doneCheck: StepChecks.executable(UVInstaller.executable(home: home))),
        ]
    }

    /// `uv venv`, with pip seeded so the venv is used like one `python -m venv` made.
    func uvVenvCommand(python: MachineFacts.PythonInterpreter, venv: String) -> [String] {
        [UVInstaller.executable(home: home), "venv", "--seed", "--allow-existing", "--python", python.path, venv]
    }

    /// `uv pip install` for the venv's interpreter, and the environment uv reads the index from.
    func uvInstallCommand(python: String) -> (command: [String], environment: [String: String]) {
        ([UVInstaller.executable(home: home), "pip", "install", "--python", python], uvEnvironment())
    }

    func uvEnvironment() -> [String: String] { answers.uvEnvironment }
}
