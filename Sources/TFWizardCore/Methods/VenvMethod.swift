import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Answers.Method {
    public static let venv = Answers.Method("venv")
}

/// A virtual environment in a folder of its own (`python3 -m venv`), TensorFlow installed into it by pip:
/// the recommended method, since nothing else on the system changes.
public struct VenvMethod: InstallMethod {
    public init() {}
    public var id: Answers.Method { .venv }
    public var questions: [InstallQuestion] { [.python, .venvFolder] }
    public var usesMachinePython: Bool { true }
    public var probeNeeds: ProbeNeeds { ProbeNeeds(pythonPackages: ["-venv"]) }
    public var installers: [Answers.Installer] { [.pip, .uv] }

    public func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
        Planner.interpreterAvailability(facts: facts, catalog: catalog, strings: strings, needsOpenInterpreter: false)
    }

    public func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        try planning.interpreterPlan(release) { python, privileges throws(PlanRefusal) in
            (try planning.venvSteps(python: python, release: release, privileges: privileges),
             planning.latestNote(release) + [planning.strings["planner.note.venv"]] + planning.installerNotes())
        }
    }

    /// The environment is one folder: removing it removes TensorFlow and everything pip put there (and
    /// uv's tool environment, which only the install needed).
    public func removal(_ answers: Answers, plan: Plan) -> [String] {
        let folder = Self.venvFolder(of: plan) ?? answers.venv
        let tool = plan.steps.first { $0.id == "create-uv-env" }?.argv.last
        return ["rm", "-rf", folder] + (tool.map { [$0] } ?? [])
    }

    /// A failed uv step is fixed with the venv's own interpreter (uv seeds pip into it), not with uv.
    public func fixInterpreter(after failedStep: Step, plan: Plan) -> String {
        if UVInstaller.runsUV(failedStep), let venv = Self.venvFolder(of: plan) {
            return venv + "/bin/python"
        }
        return FixSteps.interpreter(of: failedStep, plan: plan)
    }

    /// The folder the plan's create-venv step makes (its last argument, with pip and with uv alike).
    static func venvFolder(of plan: Plan) -> String? {
        plan.steps.first { $0.id == "create-venv" }?.argv.last
    }

    /// Only a folder that holds the venv and nothing else is removed.
    public func removalCheck(_ answers: Answers, plan: Plan, facts: MachineFacts, folder: FolderListing?,
                             strings: Strings) -> RemovalCheck {
        folder?.venvRemoval(strings: strings) ?? .remove
    }

    public func doneHints(_ answers: Answers) -> DoneHints {
        DoneHints(commands: [Self.activateHint(answers)])
    }

    public func pythonNoteKeys(_ python: MachineFacts.PythonInterpreter) -> [String] {
        python.canCreateVenv ? [] : ["python.venv-missing"]
    }

    /// `source ~/'tensorflow/venv/bin/activate'`: the folder as the user wrote it, `~` left for the shell.
    static func activateHint(_ answers: Answers) -> DoneHints.Command {
        DoneHints.Command(lead: "done.activate",
                          command: "source " + ShellQuoting.quote(answers.venv + "/bin/activate"))
    }
}

extension Planning {
    func venvSteps(python: MachineFacts.PythonInterpreter, release: TensorFlowRelease,
                   privileges: PrivilegePrefix) throws(PlanRefusal) -> [Step] {
        let venv = try venvFolder()
        try checkTargetFolder(venv, python: python)
        var steps: [Step] = []
        let venvPackage = try venvPackageNeeded(python)
        if pythonToInstall {
            steps += try aptSteps(packages: ["python3"] + (venvPackage.map { [$0] } ?? []), stepID: "apt-python", privileges: privileges)
        } else if let package = venvPackage {
            steps += try aptSteps(packages: [package], stepID: "apt-venv", privileges: privileges)
        }
        let venvPython = venv + "/bin/python"
        let venvReady = target.venvExists && target.venvHasPython && target.venvPythonMinor == python.minorVersion
        // With uv: uv's tool environment first, then uv makes the venv and installs; pip needs no upgrade.
        let withUV = answers.installer == .uv
        if withUV { steps += uvToolSteps(python: python) }
        steps.append(Step(
            id: "create-venv",
            title: strings.text("planner.step.create-venv.title", ["venv": venv]),
            why: strings[withUV ? "planner.step.create-venv.why.uv" : "planner.step.create-venv.why"],
            argv: withUV ? uvVenvCommand(python: python, venv: venv) : [python.path, "-m", "venv", venv],
            environment: withUV ? uvEnvironment() : [:],
            state: venvReady ? .alreadyDone(reason: strings.text("planner.done.venv", ["venv": venv, "python": python.minorVersion]))
                             : .toRun,
            doneCheck: StepChecks.executable(venvPython)))
        if !withUV { steps.append(upgradePipStep(python: venvPython, release: release, user: false)) }
        var install = installStep(python: venvPython, release: release, user: false,
                                  installer: withUV ? uvInstallCommand(python: venvPython) : nil)
        if venvReady, let reason = tensorflowAlreadyInstalled(release) { install.state = .alreadyDone(reason: reason) }
        steps.append(install)
        steps.append(try validationStep(python: venvPython))
        return steps
    }
}
