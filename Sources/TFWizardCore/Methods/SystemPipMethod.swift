import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Answers.Method {
    public static let systemPip = Answers.Method("system-pip")
}

/// pip into an interpreter of the system (`--user` unless root); refused where the system's Python is
/// externally managed (PEP 668).
public struct SystemPipMethod: InstallMethod {
    public init() {}
    public var id: Answers.Method { .systemPip }
    public var questions: [InstallQuestion] { [.python] }
    public var usesMachinePython: Bool { true }
    public var installsIntoTheInterpreter: Bool { true }
    public var probeNeeds: ProbeNeeds { ProbeNeeds(pythonPackages: ["-pip"]) }

    public func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
        Planner.interpreterAvailability(facts: facts, catalog: catalog, strings: strings, needsOpenInterpreter: true)
    }

    public func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        // pip refuses an externally managed Python: prefer one it will install into.
        try planning.interpreterPlan(release, avoidingExternallyManaged: true) { python, privileges throws(PlanRefusal) in
            let steps = try planning.systemPipSteps(python: python, release: release, privileges: privileges)
            var notes = planning.latestNote(release)
            if !planning.facts.privileges.isRoot { notes.append(planning.strings["planner.note.sudoPip"]) }
            return (steps, notes)
        }
    }

    public func doneHints(_ answers: Answers) -> DoneHints { DoneHints() }

    public func removal(_ answers: Answers, plan: Plan) -> [String] {
        guard let install = plan.steps.first(where: { $0.id == "install-tf" }), let python = install.argv.first else { return [] }
        return [python, "-m", "pip", "uninstall", "-y", answers.package.rawValue]
    }

    public func removalNotes(_ answers: Answers, strings: Strings) -> [String] {
        [strings["uninstall.note.pipDependencies"]]
    }
}

extension Planning {
    func systemPipSteps(python: MachineFacts.PythonInterpreter, release: TensorFlowRelease,
                        privileges: PrivilegePrefix) throws(PlanRefusal) -> [Step] {
        if python.externallyManaged {
            throw refusal("method", "planner.refuse.pep668", ["python": python.minorVersion, "path": python.path],
                          suggestion: strings["planner.refuse.pep668.suggestion"])
        }
        var steps: [Step] = []
        if pythonToInstall {
            steps += try aptSteps(packages: ["python3", "python3-pip"], stepID: "apt-python", privileges: privileges)
        } else if python.pipVersion == nil {
            guard python.source == .system, facts.os.isDebianFamily, isDistributionDefault(python) else {
                throw refusal("method", "planner.refuse.noPip", ["python": python.minorVersion, "path": python.path],
                              suggestion: strings["planner.refuse.noPip.suggestion"])
            }
            if facts.aptPackages["python3-pip"] == nil {
                steps += try aptSteps(packages: ["python3-pip"], stepID: "apt-pip", privileges: privileges)
            }
        }
        // pip refuses --user inside a virtual environment (its site-packages is already the user's).
        let user = !facts.privileges.isRoot && python.virtualEnvironment == nil
        // As root, pip installs into the system's own site-packages.
        steps.append(upgradePipStep(python: python.path, release: release, user: user, needsRoot: facts.privileges.isRoot))
        steps.append(installStep(python: python.path, release: release, user: user, needsRoot: facts.privileges.isRoot))
        steps.append(try validationStep(python: python.path))
        return steps
    }
}
