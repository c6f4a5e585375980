import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Planning {
    // MARK: venv folders (venv and source)

    /// The apt package that gives this Python a working venv (Debian strips ensurepip), when it lacks one.
    func venvPackageNeeded(_ python: MachineFacts.PythonInterpreter) throws(PlanRefusal) -> String? {
        guard !python.canCreateVenv else { return nil }
        guard python.source == .system, facts.os.isDebianFamily else {
            throw refusal("python", "planner.refuse.venvModule", ["python": python.minorVersion, "path": python.path],
                          suggestion: strings["planner.refuse.venvModule.suggestion"])
        }
        let package = isDistributionDefault(python) ? "python3-venv" : "python\(python.minorVersion)-venv"
        return facts.aptPackages[package] == nil ? package : nil
    }

    /// The venv folder, `~` expanded and tidied (no trailing or doubled slashes).
    func venvFolder() throws(PlanRefusal) -> String {
        // No shell expands `$HOME` or `${XDG_DATA_HOME}` here: such a folder would be created literally. (Any
        // other odd name, `$(...)` included, is a name like another and is quoted wherever it is used.)
        if answers.venv.firstRange(of: #/\$(\{|[A-Za-z_])/#) != nil {
            throw refusal("venv", "planner.refuse.venvVariable", ["venv": answers.venv],
                          suggestion: strings["planner.refuse.venvRelative.suggestion"])
        }
        guard let folder = Planner.targetFolder(for: answers, home: home) else {
            throw refusal("venv", "planner.refuse.venvRelative", ["venv": answers.venv],
                          suggestion: strings["planner.refuse.venvRelative.suggestion"])
        }
        for system in ["/proc", "/sys", "/dev", "/run", "/boot", "/etc", "/usr", "/bin", "/sbin", "/lib"]
        where folder == system || folder.hasPrefix(system + "/") {
            throw refusal("venv", "planner.refuse.venvSystemFolder", ["venv": folder],
                          suggestion: strings["planner.refuse.venvRelative.suggestion"])
        }
        return folder
    }

    func checkTargetFolder(_ venv: String, python: MachineFacts.PythonInterpreter) throws(PlanRefusal) {
        guard target.exists else { return }
        let suggestion = strings["planner.refuse.venv.suggestion"]
        if !target.isDirectory {
            throw refusal("venv", "planner.refuse.venvIsFile", ["venv": venv], suggestion: suggestion)
        }
        if !target.venvExists && !target.isEmptyDirectory {
            throw refusal("venv", "planner.refuse.venvNotVenv", ["venv": venv], suggestion: suggestion)
        }
        if target.venvExists, target.venvHasPython, let found = target.venvPythonMinor, found != python.minorVersion {
            throw refusal("venv", "planner.refuse.venvOtherPython", ["venv": venv, "found": found, "python": python.minorVersion],
                          suggestion: strings.text("planner.refuse.venvOtherPython.suggestion", ["found": found]))
        }
    }

    /// Why the install step can be skipped: the same package and version (and, for GPU, the CUDA wheels) are there.
    func tensorflowAlreadyInstalled(_ release: TensorFlowRelease) -> String? {
        guard answers.package != .tfNightly, target.installedTensorFlowPackage == answers.package,
              let installed = target.installedTensorFlow, installed == release.version else { return nil }
        if answers.device == .gpu && !target.installedDistributions.keys.contains(where: { $0.hasPrefix("nvidia-cudnn-") }) {
            return nil
        }
        return strings.text("planner.done.tf", ["package": answers.package.rawValue, "version": installed])
    }

    // MARK: building blocks

    /// The interpreter Debian's `python3-*` packages belong to: `/usr/bin/python3` itself, or what it points to.
    func isDistributionDefault(_ python: MachineFacts.PythonInterpreter) -> Bool {
        if python.path == "/usr/bin/python3" { return true }
        guard let defaultPython = facts.pythons.first(where: { $0.path == "/usr/bin/python3" }) else {
            return false
        }
        return defaultPython.minorVersion == python.minorVersion
            && (defaultPython.realPath ?? defaultPython.path) == (python.realPath ?? python.path)
    }

    /// Whether the interpreter is the distribution's python3 that the plan itself installs (none was found).
    var pythonToInstall: Bool { facts.pythons.isEmpty }

    func aptSteps(packages: [String], stepID: String, privileges: PrivilegePrefix) throws(PlanRefusal) -> [Step] {
        let package = packages.joined(separator: " ")
        guard let prefix = privileges.prefix else {
            throw refusal("method", "planner.refuse.noRoot", ["packages": package],
                          suggestion: strings.text("planner.refuse.noRoot.suggestion", ["packages": package]))
        }
        return [
            Step(id: "apt-update", title: strings["planner.step.apt-update.title"],
                 why: strings.text("planner.step.apt-update.why", ["packages": package]),
                 argv: prefix + ["apt-get", "update"], needsRoot: true, safeToSkip: true,
                 doneCheck: StepChecks.debianPackagesInstalled(packages)),
            Step(id: stepID, title: strings.text("planner.step.\(stepID).title", ["packages": package]),
                 why: strings.text("planner.step.\(stepID).why", ["packages": package]),
                 argv: prefix + ["apt-get", "install", "-y"] + packages, needsRoot: true,
                 doneCheck: StepChecks.debianPackagesInstalled(packages)),
        ]
    }

    /// `needsRoot`: pip runs as root into the system's Python (system pip, as root). Its work is done once
    /// TensorFlow is in (the upgrade only serves that install), which is what its check asks.
    func upgradePipStep(python: String, release: TensorFlowRelease, user: Bool, needsRoot: Bool = false) -> Step {
        Step(id: "upgrade-pip", title: strings["planner.step.upgrade-pip.title"], why: strings["planner.step.upgrade-pip.why"],
             argv: [python, "-m", "pip", "install"] + (user ? ["--user"] : []) + ["--upgrade", "pip"],
             environment: pipEnvironment(), needsRoot: needsRoot, safeToSkip: true,
             doneCheck: tensorflowInstalledCheck(python: python, release: release))
    }

    /// The chosen package is installed for `python`, at the release asked for when one was.
    func tensorflowInstalledCheck(python: String, release: TensorFlowRelease) -> [String] {
        let pinned = answers.version != "latest" && answers.package != .tfNightly
        return StepChecks.pythonPackage(python: python, name: answers.package.rawValue, version: pinned ? release.version : nil)
    }

    /// `installer`: the command that installs for `python` and the environment it reads the index from;
    /// pip's own when nil.
    func installStep(python: String, release: TensorFlowRelease, user: Bool, needsRoot: Bool = false,
                     installer: (command: [String], environment: [String: String])? = nil) -> Step {
        let spec = packageSpec(release)
        let command = installer?.command ?? [python, "-m", "pip", "install"] + (user ? ["--user"] : [])
        let why: String
        if answers.device == .gpu {
            why = strings.text("planner.step.install-tf.why.gpu", ["cuda": release.cuda ?? "?", "cudnn": release.cudnn ?? "?"])
        } else {
            why = strings[user ? "planner.step.install-tf.why.user" : "planner.step.install-tf.why.cpu"]
        }
        return Step(id: "install-tf", title: strings.text("planner.step.install-tf.title", ["spec": spec]), why: why,
                    argv: command + [spec] + answers.pins,
                    environment: installer?.environment ?? pipEnvironment(), needsRoot: needsRoot,
                    doneCheck: tensorflowInstalledCheck(python: python, release: release))
    }

    /// `tensorflow`, `tensorflow[and-cuda]==2.19.1`, `tf-nightly[and-cuda]`: pinned only when a version was asked for.
    func packageSpec(_ release: TensorFlowRelease) -> String {
        var spec = answers.package.rawValue
        if answers.device == .gpu { spec += "[and-cuda]" }
        if answers.version != "latest" && answers.package != .tfNightly { spec += "==" + release.version }
        return spec
    }

    func validationStep(python: String) throws(PlanRefusal) -> Step {
        let program: String
        do { program = try ValidationProgram.source() } catch { throw refusal("internal", "planner.refuse.internal") }
        return Step(id: "validate", title: strings["planner.step.validate.title"],
                    why: strings[answers.device == .gpu ? "planner.step.validate.why.gpu" : "planner.step.validate.why.cpu"],
                    argv: [python, "-c", program], kind: .validation)
    }

    /// The mirror and proxy go to pip through its environment, never through argv (which `ps` shows to everyone).
    func pipEnvironment() -> [String: String] { answers.pipEnvironment }
}
