import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Turns the user's answers and the machine's facts into a plan: the steps to run, or why not.
/// Pure: reads nothing and runs nothing (the target folder is read beforehand into `TargetState`).
public enum Planner {
    public static func plan(answers: Answers, facts: MachineFacts, catalog: Catalog, target: TargetState,
                            home: String, strings: Strings = Strings(language: "en")) -> Result<Plan, PlanRefusal> {
        let planning = Planning(answers: answers, facts: facts, catalog: catalog, target: target, home: home, strings: strings)
        do {
            return .success(try planning.makePlan())
        } catch {
            return .failure(error)
        }
    }

    /// The venv folder the plan installs into, as `TargetState.inspect(venvPath:)` should read it:
    /// `~` expanded, slashes tidied; nil when it is not absolute (the plan refuses such a folder).
    public static func targetFolder(for answers: Answers, home: String) -> String? {
        let expanded = PathExpansion.expandTilde(answers.venv, home: home)
        guard expanded.hasPrefix("/") else { return nil }
        let parts = expanded.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    /// nil when the interpreter can run this release; otherwise the reason shown on its disabled row.
    public static func interpreterProblem(_ python: MachineFacts.PythonInterpreter, release: TensorFlowRelease,
                                          strings: Strings = Strings(language: "en")) -> String? {
        guard !release.supportsPython(python.version) else { return nil }
        return strings.text("planner.problem.pythonRange", ["python": python.minorVersion, "version": release.version,
                                                            "min": release.pythonMin, "max": release.pythonMax])
    }

    public static func methodAvailability(_ method: Answers.Method, device: Answers.Device, facts: MachineFacts,
                                          catalog: Catalog? = try? Catalog.builtIn(),
                                          strings: Strings = Strings(language: "en")) -> MethodAvailability {
        let arch = facts.architecture
        if !SupportedArchitectures.all.contains(arch) {
            return .refused(reason: strings.text("planner.refuse.arch", ["arch": arch]),
                            suggestion: strings["planner.refuse.arch.suggestion"])
        }
        if device == .gpu && !SupportedArchitectures.gpu.contains(arch) {
            return .refused(reason: strings.text("planner.refuse.gpuArch", ["arch": arch]),
                            suggestion: strings["planner.refuse.gpuArch.suggestion"])
        }
        switch method {
        case .docker:
            return dockerAvailability(facts: facts, strings: strings)
        case .conda:
            // conda brings its own Python: no interpreter on the machine is needed.
            guard facts.conda != nil else {
                return .refused(reason: strings["planner.refuse.noConda"], suggestion: strings["planner.refuse.noConda.suggestion"])
            }
            return .available
        case .venv, .systemPip, .source:
            break
        }
        if facts.pythons.isEmpty {
            // No Python at all (a minimal image): the plan installs the distribution's own python3 with apt.
            if let catalog, installablePython(facts: facts, catalog: catalog) != nil {
                return method == .systemPip && catalog.distributionPython(for: facts.os)?.externallyManaged == true
                    ? .refused(reason: strings["planner.refuse.pep668all"], suggestion: strings["planner.refuse.pep668.suggestion"])
                    : .available
            }
            return .refused(reason: strings["planner.refuse.noInterpreter"],
                            suggestion: strings["planner.refuse.noInterpreter.suggestion"])
        }
        if method == .systemPip && facts.pythons.allSatisfy(\.externallyManaged) {
            return .refused(reason: strings["planner.refuse.pep668all"],
                            suggestion: strings["planner.refuse.pep668.suggestion"])
        }
        return .available
    }

    /// Docker can be planned when its missing pieces can be installed: a missing client or toolkit needs
    /// apt and root; a daemon this user may not reach needs sudo (or root).
    static func dockerAvailability(facts: MachineFacts, strings: Strings) -> MethodAvailability {
        let docker = facts.docker ?? .absent
        let canBecomeRoot = facts.privileges.canBecomeRoot
        if docker.clientPath == nil {
            guard facts.os.isDebianFamily else {
                return .refused(reason: strings["planner.refuse.noDocker"], suggestion: strings["planner.refuse.noDocker.suggestion"])
            }
            guard canBecomeRoot else {
                return .refused(reason: strings.text("planner.refuse.noRoot", ["packages": "docker.io"]),
                                suggestion: strings.text("planner.refuse.noRoot.suggestion", ["packages": "docker.io"]))
            }
            return .available
        }
        if docker.daemon != .answers && !canBecomeRoot {
            let key = docker.daemon == .notRunning ? "planner.refuse.dockerDaemon" : "planner.refuse.dockerPermission"
            return .refused(reason: strings[key], suggestion: strings[key + ".suggestion"])
        }
        return .available
    }

    /// The Docker image the answers name, as the plan will pull it (a preview for the answers screen).
    public static func dockerImage(for answers: Answers) -> String {
        var base = dockerBaseTag(answers.docker.imageTag)
        if base == "latest" && answers.version != "latest" { base = answers.version }
        return Planning.imageName(base: base, device: answers.device, jupyter: answers.docker.jupyter)
    }

    /// "2.21.0-gpu-jupyter" -> "2.21.0": the tag without the variant suffixes the answers choose apart.
    public static func dockerBaseTag(_ tag: String) -> String {
        var base = tag
        for suffix in ["-jupyter", "-gpu"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        return base
    }

    /// How to start the installed image: a shell, or Jupyter on its port; TensorBoard's port either way.
    public static func containerRunArgv(image: String, answers: Answers) -> [String] {
        let gpuFlags = answers.device == .gpu ? ["--gpus", "all"] : []
        let ports = answers.docker.jupyter ? ["-p", "8888:8888", "-p", "6006:6006"] : ["-p", "6006:6006"]
        let shell: [String] = answers.docker.jupyter ? [] : ["bash"]
        return ["docker", "run", "-it", "--rm"] + gpuFlags + ports + [image] + shell
    }

    /// The interpreter chosen when the answers name none: the one the user's own `python3` command runs
    /// (the first on PATH) when the release supports it and it can create a venv; otherwise the newest
    /// one the release supports, preferring one that can already create a venv, then the system's own.
    public static func defaultPython(facts: MachineFacts, release: TensorFlowRelease) -> MachineFacts.PythonInterpreter? {
        let supported = facts.pythons.filter { interpreterProblem($0, release: release) == nil }
        if let own = facts.pythons.first(where: { $0.path.hasSuffix("/python3") }),
           own.canCreateVenv, supported.contains(own) {
            return own
        }
        return supported.max { preference($0) < preference($1) }
    }

    /// The interpreter `apt-get install python3` gives on a machine that has no Python 3 at all, when the
    /// system's archive is known and root can be had; it does not exist yet, so it has neither venv nor pip.
    public static func installablePython(facts: MachineFacts, catalog: Catalog) -> MachineFacts.PythonInterpreter? {
        guard facts.pythons.isEmpty, facts.os.isDebianFamily, facts.privileges.canBecomeRoot,
              let distribution = catalog.distributionPython(for: facts.os) else { return nil }
        return MachineFacts.PythonInterpreter(path: "/usr/bin/python3", realPath: nil, version: distribution.python,
                                              pipVersion: nil, venvAvailable: false, ensurepipAvailable: false,
                                              externallyManaged: distribution.externallyManaged, source: .system)
    }

    static func preference(_ python: MachineFacts.PythonInterpreter) -> PythonPreference {
        PythonPreference(version: VersionNumber(python.minorVersion), canCreateVenv: python.canCreateVenv,
                         isSystem: python.source == .system, shortPath: -python.path.count)
    }

    struct PythonPreference: Comparable {
        var version: VersionNumber, canCreateVenv: Bool, isSystem: Bool, shortPath: Int
        static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            if lhs.canCreateVenv != rhs.canCreateVenv { return !lhs.canCreateVenv }
            if lhs.isSystem != rhs.isSystem { return !lhs.isSystem }
            return lhs.shortPath < rhs.shortPath
        }
    }
}

/// One planning run: the inputs, and the checks and steps in the order a user would want to hear them.
struct Planning {
    let answers: Answers
    let facts: MachineFacts
    let catalog: Catalog
    let target: TargetState
    let home: String
    let strings: Strings

    func refusal(_ field: String, _ key: String, _ values: [String: String] = [:], suggestion: String? = nil) -> PlanRefusal {
        PlanRefusal(field: field, message: strings.text(key, values), suggestion: suggestion)
    }

    func makePlan() throws(PlanRefusal) -> Plan {
        try checkMethodAndDevice()
        let release = try resolveRelease()
        try checkMachine(release)
        try checkComputeCapability(release)
        let privileges = PrivilegePrefix(facts: facts)
        switch answers.method {
        case .docker: return try dockerPlan(release, privileges: privileges)
        case .conda: return try condaPlan(release, privileges: privileges)
        case .venv, .systemPip, .source: break
        }
        let python = try choosePython(release)
        let driver = try driverSteps(release, privileges: privileges)
        var steps: [Step]
        var notes = [strings.text("planner.note.python", ["python": python.version, "path": python.path])]
        if pythonToInstall {
            notes = [strings.text("planner.note.pythonInstall", ["python": python.version, "system": facts.os.prettyName ?? facts.os.id])]
        }
        if answers.version == "latest" && answers.package != .tfNightly && answers.method != .source {
            notes.append(strings.text("planner.note.latest", ["version": release.version]))
        }
        switch answers.method {
        case .venv:
            steps = try venvSteps(python: python, release: release, privileges: privileges)
            notes.append(strings["planner.note.venv"])
        case .source:
            steps = try sourceSteps(python: python, release: release, privileges: privileges)
            notes += sourceNotes(release)
        default:
            steps = try systemPipSteps(python: python, release: release, privileges: privileges)
            if !facts.privileges.isRoot { notes.append(strings["planner.note.sudoPip"]) }
        }
        steps = driver.steps + steps
        if rebootPending(release) { steps.removeAll { $0.kind == .validation } }
        notes += driver.notes
        let aptPackages = steps.filter { $0.id.hasPrefix("apt-") && $0.id != "apt-update" }.flatMap(\.aptPackageNames)
        if !aptPackages.isEmpty {
            notes.append(strings.text("planner.note.apt", ["packages": aptPackages.joined(separator: ", ")]))
            if !facts.privileges.isRoot && facts.privileges.sudo == .needsPassword {
                notes.append(strings["planner.note.sudoPassword"])
            }
        }
        notes += gpuNotes(release)
        notes += systemCUDANotes(release)
        if answers.package == .tfNightly { notes.append(strings["planner.note.nightly"]) }
        if let disk = diskNote() { notes.append(disk) }
        notes.append(strings["planner.note.validate"])
        return Plan(answers: answers, steps: steps, notes: notes, tensorflowVersion: release.version, pythonPath: python.path)
    }

    // MARK: checks that need no release

    func checkMethodAndDevice() throws(PlanRefusal) {
        switch Planner.methodAvailability(answers.method, device: answers.device, facts: facts, catalog: catalog, strings: strings) {
        case .available:
            break
        case let .refused(reason, suggestion):
            let field: String
            if !SupportedArchitectures.all.contains(facts.architecture) { field = "machine" }
            else if answers.device == .gpu && !SupportedArchitectures.gpu.contains(facts.architecture) { field = "device" }
            else if facts.pythons.isEmpty && answers.method != .docker && answers.method != .conda { field = "python" }
            else { field = "method" }
            throw PlanRefusal(field: field, message: reason, suggestion: suggestion)
        }
        if answers.device == .gpu && answers.package == .tensorflowCPU {
            throw refusal("package", "planner.refuse.gpuCpuPackage", suggestion: strings["planner.refuse.gpuCpuPackage.suggestion"])
        }
        if answers.package == .tensorflowCPU && !SupportedArchitectures.tensorflowCPU.contains(facts.architecture) {
            throw refusal("package", "planner.refuse.cpuPackageArch", ["arch": facts.architecture],
                          suggestion: strings.text("planner.refuse.cpuPackageArch.suggestion", ["arch": facts.architecture]))
        }
    }

    /// "latest", "2.19" (its newest patch) or "2.19.0" (that exact patch of a known series).
    func resolveRelease() throws(PlanRefusal) -> TensorFlowRelease {
        if answers.package == .tfNightly && answers.version != "latest" {
            throw refusal("version", "planner.refuse.version.nightly", ["version": answers.version],
                          suggestion: strings["planner.refuse.version.nightly.suggestion"])
        }
        if let release = catalog.release(answers.version) { return release }
        let minor = answers.version.split(separator: ".").prefix(2).joined(separator: ".")
        if answers.version.split(separator: ".").count >= 3, var release = catalog.release(minor) {
            release.version = answers.version
            return release
        }
        let known = catalog.releases.map(\.minorVersion).reversed().joined(separator: ", ")
        throw refusal("version", "planner.refuse.version.unknown", ["version": answers.version, "known": known],
                      suggestion: strings["planner.refuse.version.unknown.suggestion"])
    }

    func checkMachine(_ release: TensorFlowRelease) throws(PlanRefusal) {
        if facts.architecture == "x86_64" && release.requiresAVX && !facts.cpu.hasAVX && answers.method != .source {
            throw refusal("machine", "planner.refuse.noAVX", ["version": release.version],
                          suggestion: strings["planner.refuse.noAVX.suggestion"])
        }
        if let needed = release.glibcMin, let found = facts.glibcVersion, VersionNumber(found) < VersionNumber(needed),
           answers.method != .docker {
            let older = catalog.releases.first { release in
                release.glibcMin.map { VersionNumber(found) >= VersionNumber($0) } ?? true
            }
            let suggestion = older.map {
                strings.text("planner.refuse.glibc.suggestion.older", ["older": $0.version, "found": found])
            } ?? strings["planner.refuse.glibc.suggestion.none"]
            throw refusal("version", "planner.refuse.glibc", ["version": release.version, "needed": needed, "found": found],
                          suggestion: suggestion)
        }
        if answers.device == .gpu {
            if !release.andCudaExtra && answers.method != .docker && answers.method != .source {
                throw refusal("version", "planner.refuse.gpuNoExtra",
                              ["version": release.version, "cuda": release.cuda ?? "?", "cudnn": release.cudnn ?? "?"],
                              suggestion: strings["planner.refuse.gpuNoExtra.suggestion"])
            }
            // WSL shows no NVIDIA PCI device, yet its driver answers: either is enough.
            if !facts.gpu.nvidiaPresent && facts.gpu.driverVersion == nil {
                throw refusal("device", "planner.refuse.noGPU", suggestion: strings["planner.refuse.noGPU.suggestion"])
            }
        }
    }

    func gpuNotes(_ release: TensorFlowRelease) -> [String] {
        guard answers.device == .gpu else { return [] }
        let driver = release.minDriver ?? "?"
        var notes = [strings["planner.note.tfGpu"],
                     strings.text("planner.note.cudaPip", ["cuda": release.cuda ?? "?", "cudnn": release.cudnn ?? "?", "driver": driver])]
        // With a GPU on the PCI bus, driverSteps words what the driver needs; here only the driver-only case (WSL).
        if !facts.gpu.nvidiaPresent {
            if let found = facts.gpu.driverVersion {
                if let minimum = release.minDriver, VersionNumber(found) < VersionNumber(minimum) {
                    notes.append(strings.text("planner.note.oldDriver", ["found": found, "driver": minimum, "version": release.version]))
                }
            } else {
                notes.append(strings.text("planner.note.noDriver", ["driver": driver]))
            }
        }
        if let minimum = release.minComputeCapability {
            for device in facts.gpu.devices {
                guard let capability = device.computeCapability, VersionNumber(capability) < VersionNumber(minimum) else { continue }
                notes.append(strings.text("planner.note.oldGPU", ["gpu": device.name ?? "The GPU", "capability": capability,
                                                                  "version": release.version, "min": minimum]))
            }
        }
        return notes
    }

    func diskNote() -> String? {
        guard let preflight = DiskPreflight(facts: facts, device: answers.device), preflight.isShort else { return nil }
        let disk = preflight.disk, needed = preflight.neededBytes
        return strings.text("planner.note.disk", ["free": Self.gigabytes(disk.freeBytes), "path": disk.path,
                                                  "need": Self.gigabytes(needed)])
    }

    static func gigabytes(_ bytes: Int64) -> String {
        cFormat("%.1f GB", Double(bytes) / Double(1 << 30))
    }
}

/// How a step that needs root is started: directly as root, through sudo, or not at all.
struct PrivilegePrefix {
    let prefix: [String]?
    init(facts: MachineFacts) {
        if facts.privileges.isRoot { prefix = [] }
        else if facts.privileges.sudo != .absent { prefix = ["sudo"] }
        else { prefix = nil }
    }
}
