import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Turns the user's answers and the machine's facts into a plan: the steps to run, or why not.
/// Pure: reads nothing and runs nothing (the target folder is read beforehand into `TargetState`).
public enum Planner {
    public static func plan(answers: Answers, facts: MachineFacts, catalog: Catalog, target: TargetState,
                            home: String, strings: Strings,
                            methods: InstallMethods = .all) -> Result<Plan, PlanRefusal> {
        let planning = Planning(answers: answers, facts: facts, catalog: catalog, target: target, home: home, strings: strings,
                                methods: methods)
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
    /// With `method`, also what that method cannot do with it (pip refuses an externally managed Python).
    public static func interpreterProblem(_ python: MachineFacts.PythonInterpreter, release: TensorFlowRelease,
                                          method: Answers.Method? = nil, methods: InstallMethods = .all,
                                          strings: Strings) -> String? {
        if let method, methods[method]?.installsIntoTheInterpreter == true {
            if python.virtualEnvironment != nil { return strings.text("planner.problem.otherVenv", ["python": python.path]) }
            if python.externallyManaged { return strings.text("planner.problem.externallyManaged", ["python": python.path]) }
        }
        guard !release.supportsPython(python.version) else { return nil }
        return strings.text("planner.problem.pythonRange", ["python": python.minorVersion, "version": release.version,
                                                            "min": release.pythonMin, "max": release.pythonMax])
    }

    public static func methodAvailability(_ method: Answers.Method, device: Answers.Device, facts: MachineFacts,
                                          catalog: Catalog? = try? Catalog.builtIn(),
                                          strings: Strings,
                                          methods: InstallMethods = .all) -> MethodAvailability {
        let arch = facts.architecture
        if !SupportedArchitectures.all.contains(arch) {
            return .refused(reason: strings.text("planner.refuse.arch", ["arch": arch]),
                            suggestion: strings["planner.refuse.arch.suggestion"])
        }
        if device == .gpu && !SupportedArchitectures.gpu.contains(arch) {
            return .refused(reason: strings.text("planner.refuse.gpuArch", ["arch": arch]),
                            suggestion: strings["planner.refuse.gpuArch.suggestion"])
        }
        guard let installer = methods[method] else {
            return .refused(reason: strings.text("planner.refuse.method.unknown", ["method": method.rawValue]), suggestion: nil)
        }
        return installer.availability(device: device, facts: facts, catalog: catalog, strings: strings)
    }

    /// For the methods that install into an interpreter of this machine: one must be there, or the plan
    /// must be able to install the distribution's own; `needsOpenInterpreter` (pip outside a venv) also
    /// refuses a machine whose every interpreter is externally managed (PEP 668).
    static func interpreterAvailability(facts: MachineFacts, catalog: Catalog?, strings: Strings,
                                        needsOpenInterpreter: Bool) -> MethodAvailability {
        if facts.pythons.isEmpty {
            // No Python at all (a minimal image): the plan installs the distribution's own python3 with apt.
            if let catalog, installablePython(facts: facts, catalog: catalog) != nil {
                return needsOpenInterpreter && catalog.distributionPython(for: facts.os)?.externallyManaged == true
                    ? .refused(reason: strings["planner.refuse.pep668all"], suggestion: strings["planner.refuse.pep668.suggestion"])
                    : .available
            }
            return .refused(reason: strings["planner.refuse.noInterpreter"],
                            suggestion: strings["planner.refuse.noInterpreter.suggestion"])
        }
        // pip outside a venv: an externally managed Python refuses it, and another project's venv is no system.
        if needsOpenInterpreter && facts.pythons.allSatisfy({ $0.externallyManaged || $0.virtualEnvironment != nil }) {
            return .refused(reason: strings["planner.refuse.pep668all"],
                            suggestion: strings["planner.refuse.pep668.suggestion"])
        }
        return .available
    }

    /// The interpreter chosen when the answers name none: the one the user's own `python3` command runs
    /// (the first on PATH) when the release supports it and it can create a venv; otherwise the newest
    /// one the release supports, preferring one that can already create a venv, then the system's own.
    /// The base interpreters among `pythons`, or all of them when every one belongs to a venv: another
    /// project's virtual environment is used only when nothing else is there.
    static func preferringBases(_ pythons: [MachineFacts.PythonInterpreter]) -> [MachineFacts.PythonInterpreter] {
        let bases = pythons.filter { $0.virtualEnvironment == nil }
        return bases.isEmpty ? pythons : bases
    }

    /// An interpreter of another virtual environment is chosen only when nothing else fits.
    public static func defaultPython(facts: MachineFacts, release: TensorFlowRelease) -> MachineFacts.PythonInterpreter? {
        let supported = preferringBases(facts.pythons.filter { release.supportsPython($0.version) })
        if let own = facts.pythons.first(where: { $0.path.hasSuffix("/python3") && $0.virtualEnvironment == nil }),
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
/// A method's planner (`InstallMethod.plan`) gets it, with the building blocks of Planning+*.swift.
public struct Planning {
    public let answers: Answers
    public let facts: MachineFacts
    public let catalog: Catalog
    public let target: TargetState
    public let home: String
    public let strings: Strings
    let methods: InstallMethods

    func refusal(_ field: String, _ key: String, _ values: [String: String] = [:], suggestion: String? = nil) -> PlanRefusal {
        PlanRefusal(field: field, message: strings.text(key, values), suggestion: suggestion)
    }

    func makePlan() throws(PlanRefusal) -> Plan {
        guard let method = methods[answers.method] else {
            throw refusal("method", "planner.refuse.method.notYet", ["method": answers.method.rawValue],
                          suggestion: strings["planner.refuse.method.notYet.suggestion"])
        }
        guard method.installers.contains(answers.installer) else {
            throw refusal("installer", "planner.refuse.installer", ["installer": answers.installer.rawValue,
                                                                    "method": answers.method.rawValue],
                          suggestion: strings["planner.refuse.installer.suggestion"])
        }
        try checkMethodAndDevice(method)
        let release = try resolveRelease()
        try checkMachine(release, method.releaseChecks)
        try checkComputeCapability(release)
        return withDpkgRepair(try method.plan(self, release: release))
    }

    /// dpkg left packages half done (an apt run cut short): apt refuses to work until `dpkg --configure -a`
    /// finishes them, so that comes before anything else, or a note says who must run it.
    func withDpkgRepair(_ plan: Plan) -> Plan {
        guard let halfDone = facts.dpkgHalfDone, !halfDone.isEmpty else { return plan }
        var plan = plan
        let packages = halfDone.joined(separator: ", ")
        guard let prefix = privileges.prefix else {
            plan.notes.insert(strings.text("planner.note.dpkgNoRoot", ["packages": packages]), at: 0)
            return plan
        }
        plan.steps.insert(Step(id: "dpkg-configure", title: strings["planner.step.dpkg-configure.title"],
                               why: strings.text("planner.step.dpkg-configure.why", ["packages": packages]),
                               argv: prefix + ["dpkg", "--configure", "-a"], needsRoot: true,
                               doneCheck: ["sh", "-c", "test -z \"$(dpkg --audit)\""]), at: 0)
        return plan
    }

    /// How a step that needs root is started here.
    var privileges: PrivilegePrefix { PrivilegePrefix(facts: facts) }

    /// The plan of a method that installs into an interpreter of this machine: the interpreter, then the
    /// method's own steps and notes, with what every such plan adds around them (the driver, the apt
    /// packages, GPU, disk and check notes).
    func interpreterPlan(_ release: TensorFlowRelease, avoidingExternallyManaged: Bool = false,
                         _ methodSteps: (MachineFacts.PythonInterpreter, PrivilegePrefix) throws(PlanRefusal) -> (steps: [Step], notes: [String]))
        throws(PlanRefusal) -> Plan {
        let privileges = self.privileges
        let python = try choosePython(release, avoidingExternallyManaged: avoidingExternallyManaged)
        let driver = try driverSteps(release, privileges: privileges)
        var notes = [strings.text("planner.note.python", ["python": python.version, "path": python.path])]
        if pythonToInstall {
            notes = [strings.text("planner.note.pythonInstall", ["python": python.version, "system": facts.os.prettyName ?? facts.os.id])]
        }
        let method = try methodSteps(python, privileges)
        notes += method.notes
        var steps = driver.steps + method.steps
        let check = steps.first { $0.kind == .validation }
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
        notes += packageIndexNotes(steps)
        notes.append(strings["planner.note.validate"])
        var plan = Plan(answers: answers, steps: steps, notes: notes, tensorflowVersion: release.version, pythonPath: python.path)
        if rebootPending(release) { plan.checkAfterReboot = check }
        return plan
    }

    /// The mirror and the proxy pip uses, credentials masked, where some step runs pip with them.
    func packageIndexNotes(_ steps: [Step]) -> [String] {
        var notes: [String] = []
        if let url = answers.indexURL,
           steps.contains(where: { $0.environment["PIP_INDEX_URL"] != nil || $0.environment["UV_DEFAULT_INDEX"] != nil }) {
            notes.append(strings.text(answers.installer == .uv ? "planner.note.index.uv" : "planner.note.index",
                                      ["url": CredentialMask.masked(url)]))
        }
        if let proxy = answers.proxy, steps.contains(where: { $0.environment["PIP_PROXY"] != nil || $0.environment["https_proxy"] != nil }) {
            notes.append(strings.text(answers.installer == .uv ? "planner.note.proxy.uv" : "planner.note.proxy",
                                      ["proxy": CredentialMask.masked(proxy)]))
        }
        return notes
    }

    /// What the installer answer means for this plan: uv's tool environment and why it is there.
    func installerNotes() -> [String] {
        guard answers.installer == .uv else { return [] }
        return [strings.text("planner.note.uv", ["folder": UVInstaller.toolFolder(home: home)])]
    }

    /// "latest" resolved: which release that is today (a nightly has no release to name).
    func latestNote(_ release: TensorFlowRelease) -> [String] {
        guard answers.version == "latest" && answers.package != .tfNightly else { return [] }
        return [strings.text("planner.note.latest", ["version": release.version, "installer": answers.installer.rawValue])]
    }

    // MARK: checks that need no release

    func checkMethodAndDevice(_ method: any InstallMethod) throws(PlanRefusal) {
        switch Planner.methodAvailability(answers.method, device: answers.device, facts: facts, catalog: catalog, strings: strings,
                                          methods: methods) {
        case .available:
            break
        case let .refused(reason, suggestion):
            let field: String
            if !SupportedArchitectures.all.contains(facts.architecture) { field = "machine" }
            else if answers.device == .gpu && !SupportedArchitectures.gpu.contains(facts.architecture) { field = "device" }
            else if facts.pythons.isEmpty && method.usesMachinePython { field = "python" }
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

    func checkMachine(_ release: TensorFlowRelease, _ checks: ReleaseChecks) throws(PlanRefusal) {
        if facts.architecture == "x86_64" && release.requiresAVX && !facts.cpu.hasAVX && checks.contains(.avx) {
            throw refusal("machine", "planner.refuse.noAVX", ["version": release.version],
                          suggestion: strings["planner.refuse.noAVX.suggestion"])
        }
        if let needed = release.glibcMin, let found = facts.glibcVersion, VersionNumber(found) < VersionNumber(needed),
           checks.contains(.glibc) {
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
            if !release.andCudaExtra && checks.contains(.cudaExtra) {
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
                notes.append(strings.text("planner.note.oldGPU", ["gpu": device.name ?? strings["planner.gpu.unnamed"], "capability": capability,
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
