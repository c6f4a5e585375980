import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Answers.Method {
    public static let conda = Answers.Method("conda")
}

/// A conda environment of its own (`tf`) with the Python the release wants, TensorFlow installed into it
/// by pip: conda brings the interpreter, so none is needed on the machine.
public struct CondaMethod: InstallMethod {
    public init() {}
    public var id: Answers.Method { .conda }
    /// The Python question names the version conda puts into the environment.
    public var questions: [InstallQuestion] { [.python] }

    public func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
        guard facts.conda != nil else {
            return .refused(reason: strings["planner.refuse.noConda"], suggestion: strings["planner.refuse.noConda.suggestion"])
        }
        return .available
    }

    public func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        try planning.condaPlan(release, privileges: planning.privileges)
    }

    public func removal(_ answers: Answers, plan: Plan) -> [String] {
        let conda = plan.steps.first { $0.id == "conda-create" }?.argv.first ?? "conda"
        return [conda, "env", "remove", "-y", "-n", Planning.condaEnvironment]
    }

    public func removalCheck(_ answers: Answers, plan: Plan, facts: MachineFacts, folder: FolderListing?,
                             strings: Strings) -> RemovalCheck {
        guard let conda = facts.conda, conda.environments.contains(Planning.condaEnvironment) else {
            return .nothingThere(strings.text("uninstall.nothing.conda", ["env": Planning.condaEnvironment]))
        }
        return .remove
    }

    public func doneHints(_ answers: Answers) -> DoneHints {
        DoneHints(commands: [DoneHints.Command(lead: "done.conda", command: "conda activate " + Planning.condaEnvironment)])
    }
}

extension Planning {
    /// The environment tfwizard creates; `conda activate tf` afterwards.
    static let condaEnvironment = "tf"

    /// The Python conda puts into the environment: the version asked for, the version of the interpreter
    /// path asked for, or the newest the release supports.
    func condaPython(_ release: TensorFlowRelease) throws(PlanRefusal) -> String {
        guard let requested = answers.python, requested != "3" else { return release.pythonMax }
        var minor = requested.split(separator: ".").prefix(2).joined(separator: ".")
        if requested.hasPrefix("/") || requested.hasPrefix("~") {
            let path = PathExpansion.expandTilde(requested, home: home)
            guard let python = facts.pythons.first(where: { $0.path == path || $0.realPath == path }) else {
                throw refusal("python", "planner.refuse.pythonPath", ["path": path])
            }
            minor = python.minorVersion
        }
        try requireSupported(minor, release)
        return minor
    }

    func condaPlan(_ release: TensorFlowRelease, privileges: PrivilegePrefix) throws(PlanRefusal) -> Plan {
        guard let conda = facts.conda else {
            throw refusal("method", "planner.refuse.noConda", suggestion: strings["planner.refuse.noConda.suggestion"])
        }
        let python = try condaPython(release)
        let name = Self.condaEnvironment
        let driver = try driverSteps(release, privileges: privileges)
        var steps = driver.steps
        let exists = conda.environments.contains(name)
        // The environment's own python, not `conda run`: conda run cannot pass an argument that holds
        // newlines (conda issue 11763), and the check program is several lines long.
        let environmentPython = conda.basePrefix + "/envs/" + name + "/bin/python"
        steps.append(Step(id: "conda-create",
                          title: strings.text("planner.step.conda-create.title", ["env": name, "python": python]),
                          why: strings["planner.step.conda-create.why"],
                          argv: [conda.executable, "create", "-y", "-n", name, "python=\(python)", "pip"],
                          state: exists ? .alreadyDone(reason: strings.text("planner.done.conda", ["env": name])) : .toRun,
                          doneCheck: StepChecks.executable(environmentPython)))
        let spec = packageSpec(release)
        // --no-capture-output lets pip's progress reach the log as it happens.
        steps.append(Step(id: "install-tf", title: strings.text("planner.step.install-tf.title", ["spec": spec]),
                          why: strings[answers.device == .gpu ? "planner.step.install-tf.why.conda.gpu" : "planner.step.install-tf.why.conda"],
                          argv: [conda.executable, "run", "--no-capture-output", "-n", name, "python", "-m", "pip", "install", spec] + answers.pins,
                          environment: pipEnvironment(),
                          doneCheck: tensorflowInstalledCheck(python: environmentPython, release: release)))
        let check = try validationStep(python: environmentPython)
        if !rebootPending(release) { steps.append(check) }
        var notes = [strings.text("planner.note.conda", ["conda": conda.executable, "version": conda.version ?? "?",
                                                         "env": name, "python": python])]
        notes.append(strings["planner.note.condaPip"])
        if exists { notes.append(strings.text("planner.note.condaExists", ["env": name])) }
        notes += driver.notes
        notes += gpuNotes(release).filter { !$0.isEmpty }
        notes += systemCUDANotes(release)
        // Anaconda's channels ask for terms of service to be accepted; Miniforge's conda-forge does not.
        let folder = conda.basePrefix.lastPathComponent.lowercased()
        if !folder.contains("forge") { notes.append(strings["planner.note.condaToS"]) }
        notes += packageIndexNotes(steps)
        notes.append(strings["planner.note.validate"])
        var plan = Plan(answers: answers, steps: steps, notes: notes, tensorflowVersion: release.version,
                        pythonPath: conda.basePrefix + "/envs/" + name + "/bin/python")
        if rebootPending(release) { plan.checkAfterReboot = check }
        return plan
    }
}
