import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Answers.Method {
    public static let source = Answers.Method("source")
}

/// TensorFlow built from its release tag with Bazel and clang, the wheel installed into a venv: hours of
/// build time, for machines the published packages do not fit.
public struct SourceMethod: InstallMethod {
    public init() {}
    public var id: Answers.Method { .source }
    public var questions: [InstallQuestion] { [.python, .venvFolder] }
    public var usesMachinePython: Bool { true }
    /// The build targets this CPU and brings CUDA itself; it still links against this glibc.
    public var releaseChecks: ReleaseChecks { [.glibc] }
    public var probeNeeds: ProbeNeeds {
        ProbeNeeds(packages: ["git", "curl", "patchelf", "build-essential"], versionedPackages: ["clang-", "llvm-"],
                   pythonPackages: ["-venv", "-dev"])
    }

    public func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
        Planner.interpreterAvailability(facts: facts, catalog: catalog, strings: strings, needsOpenInterpreter: false)
    }

    public func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        try planning.interpreterPlan(release) { python, privileges throws(PlanRefusal) in
            (try planning.sourceSteps(python: python, release: release, privileges: privileges), planning.sourceNotes(release))
        }
    }

    /// The built wheel goes into a venv, which comes off as the venv method's own does.
    public func removal(_ answers: Answers, plan: Plan) -> [String] { VenvMethod().removal(answers, plan: plan) }

    public func removalCheck(_ answers: Answers, plan: Plan, facts: MachineFacts, folder: FolderListing?,
                             strings: Strings) -> RemovalCheck {
        VenvMethod().removalCheck(answers, plan: plan, facts: facts, folder: folder, strings: strings)
    }

    public func removalNotes(_ answers: Answers, strings: Strings) -> [String] {
        [strings["uninstall.note.sourceTree"]]
    }

    public func doneHints(_ answers: Answers) -> DoneHints {
        DoneHints(commands: [VenvMethod.activateHint(answers)])
    }
}

extension Planning {
    static let tensorflowRepository = "https://github.com/tensorflow/tensorflow.git"
    static let wheelFolder = "bazel-bin/tensorflow/tools/pip_package/wheel_house"
    /// Runs the rest of argv inside the folder given first, without building a shell string from input.
    static let inFolder = ["sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh"]
    /// The first release whose wheel build TensorFlow documents with `--repo_env=USE_PYWRAP_RULES=1`.
    static let pywrapRulesSince = "2.20"

    /// The build as TensorFlow's "Build from source" page describes it: Bazelisk (which reads the release's
    /// .bazelversion), clang, a shallow clone of the release tag, ./configure, bazel build, the wheel into a venv.
    func sourceSteps(python: MachineFacts.PythonInterpreter, release: TensorFlowRelease,
                     privileges: PrivilegePrefix) throws(PlanRefusal) -> [Step] {
        let venv = try venvFolder()
        try checkTargetFolder(venv, python: python)
        let source = venv.deletingLastPathComponent.appendingPathComponent("tensorflow-src")
        let bazel = home + "/.local/bin/bazel"
        let clangMajor = release.clang.map { String($0.split(separator: ".")[0]) }
        var packages = ["git", "curl", "patchelf"]
        // TensorFlow's build page installs LLVM with clang (`apt-get install llvm-N clang-N`).
        if let clangMajor { packages += ["llvm-\(clangMajor)", "clang-\(clangMajor)"] }
        if let venvPackage = try venvPackageNeeded(python) { packages.append(venvPackage) }
        let missing = packages.filter { facts.aptPackages[$0] == nil }
        var steps: [Step] = []
        if !missing.isEmpty {
            guard let prefix = privileges.prefix else {
                let list = missing.joined(separator: " ")
                throw refusal("method", "planner.refuse.noRoot", ["packages": list],
                              suggestion: strings.text("planner.refuse.noRoot.suggestion", ["packages": list]))
            }
            if let clangMajor, missing.contains("clang-\(clangMajor)"), let codename = llvmSourceCodename(release) {
                steps += llvmSourceSteps(major: clangMajor, codename: codename, prefix: prefix)
            }
            steps.append(Step(id: "apt-update", title: strings["planner.step.apt-update.title"],
                              why: strings.text("planner.step.apt-update.why", ["packages": missing.joined(separator: ", ")]),
                              argv: prefix + ["apt-get", "update"], needsRoot: true, safeToSkip: true))
            steps.append(Step(id: "apt-build", title: strings.text("planner.step.apt-build.title", ["packages": missing.joined(separator: ", ")]),
                              why: strings.text("planner.step.apt-build.why", ["clang": release.clang ?? "?"]),
                              argv: prefix + ["apt-get", "install", "-y"] + missing, needsRoot: true))
        }
        let bazeliskArch = facts.architecture == "aarch64" ? "arm64" : "amd64"
        steps.append(Step(id: "bazelisk", title: strings.text("planner.step.bazelisk.title", ["path": bazel]),
                          why: strings.text("planner.step.bazelisk.why", ["bazel": release.bazel ?? "?"]),
                          argv: ["curl", "-fL", "--create-dirs", "-o", bazel,
                                 "https://github.com/bazelbuild/bazelisk/releases/latest/download/bazelisk-linux-\(bazeliskArch)"]))
        steps.append(Step(id: "bazelisk-chmod", title: strings["planner.step.bazelisk-chmod.title"],
                          why: strings["planner.step.bazelisk-chmod.why"], argv: ["chmod", "+x", bazel]))
        steps.append(Step(id: "git-clone", title: strings.text("planner.step.git-clone.title", ["tag": "v" + release.version, "folder": source]),
                          why: strings["planner.step.git-clone.why"],
                          argv: ["git", "clone", "--depth", "1", "--branch", "v" + release.version, Self.tensorflowRepository, source]))
        let gpu = answers.device == .gpu
        // ./configure asks "build with CUDA support?"; TensorFlow's page says to answer it (cuda=Y for a GPU).
        var buildEnvironment = ["PYTHON_BIN_PATH": python.path, "TF_PYTHON_VERSION": python.minorVersion,
                                "TF_NEED_CUDA": gpu ? "1" : "0"]
        if let clangMajor { buildEnvironment["CLANG_COMPILER_PATH"] = "/usr/lib/llvm-\(clangMajor)/bin/clang" }
        steps.append(Step(id: "configure", title: strings["planner.step.configure.title"],
                          why: strings["planner.step.configure.why"],
                          argv: Self.inFolder + [source, "./configure"], environment: buildEnvironment))
        let wheelName = gpu ? "tensorflow" : (answers.package == .tensorflowCPU ? "tensorflow_cpu" : "tensorflow")
        var build = [bazel, "build", "//tensorflow/tools/pip_package:wheel"]
        // TensorFlow's build page gives this flag for the releases built with the pywrap rules (2.20 and later).
        if VersionNumber(release.minorVersion) >= VersionNumber(Self.pywrapRulesSince) { build.append("--repo_env=USE_PYWRAP_RULES=1") }
        build.append("--repo_env=WHEEL_NAME=\(wheelName)")
        if gpu { build += ["--config=cuda", "--config=cuda_wheel"] }
        steps.append(Step(id: "bazel-build", title: strings["planner.step.bazel-build.title"],
                          why: strings["planner.step.bazel-build.why"],
                          argv: Self.inFolder + [source] + build, environment: buildEnvironment))
        let venvPython = venv + "/bin/python"
        steps.append(Step(id: "create-venv", title: strings.text("planner.step.create-venv.title", ["venv": venv]),
                          why: strings["planner.step.create-venv.why"], argv: [python.path, "-m", "venv", venv]))
        steps.append(upgradePipStep(python: venvPython, release: release, user: false))
        // The wheel's file name carries the platform tag, so it is found by a glob in the build's output folder.
        steps.append(Step(id: "install-wheel", title: strings["planner.step.install-wheel.title"],
                          why: strings["planner.step.install-wheel.why"],
                          argv: ["sh", "-c", "exec \"$1\" -m pip install \"$2\"/\(Self.wheelFolder)/*.whl", "sh", venvPython, source],
                          environment: pipEnvironment()))
        steps.append(try validationStep(python: venvPython))
        return steps
    }

    /// The release's codename when its archive lacks the clang the build needs (clang 18 is in Ubuntu 24.04
    /// and Debian 13; older releases get it from LLVM's own apt repository).
    func llvmSourceCodename(_ release: TensorFlowRelease) -> String? {
        guard let clang = release.clang, let major = Int(clang.split(separator: ".")[0]), major >= 18,
              let version = facts.os.versionID.map(VersionNumber.init), let codename = facts.os.codename,
              (facts.os.isUbuntu && version < VersionNumber("24.04")) || (facts.os.id == "debian" && version < VersionNumber("13"))
        else { return nil }
        return codename
    }

    /// LLVM's signing key and apt source, as apt.llvm.org documents them (curl first when it is missing).
    func llvmSourceSteps(major: String, codename: String, prefix: [String]) -> [Step] {
        let keyring = "/usr/share/keyrings/llvm-snapshot.asc"
        let source = "deb [signed-by=\(keyring)] http://apt.llvm.org/\(codename)/ llvm-toolchain-\(codename)-\(major) main"
        var steps: [Step] = []
        if facts.aptPackages["curl"] == nil {
            steps.append(Step(id: "apt-update-curl", title: strings["planner.step.apt-update.title"],
                              why: strings.text("planner.step.apt-update.why", ["packages": "curl"]),
                              argv: prefix + ["apt-get", "update"], needsRoot: true, safeToSkip: true))
            steps.append(Step(id: "apt-curl-llvm", title: strings.text("planner.step.apt-curl-llvm.title", ["packages": "curl"]),
                              why: strings["planner.step.apt-curl-llvm.why"],
                              argv: prefix + ["apt-get", "install", "-y", "curl"], needsRoot: true))
        }
        steps.append(Step(id: "llvm-key", title: strings["planner.step.llvm-key.title"],
                          why: strings["planner.step.llvm-key.why"],
                          argv: prefix + ["curl", "-fsSL", "-o", keyring, "https://apt.llvm.org/llvm-snapshot.gpg.key"],
                          needsRoot: true))
        steps.append(Step(id: "llvm-source", title: strings.text("planner.step.llvm-source.title", ["clang": major]),
                          why: strings.text("planner.step.llvm-source.why", ["clang": major, "os": facts.os.prettyName ?? facts.os.id]),
                          argv: prefix + ["sh", "-c", "printf '%s\\n' \"$1\" > \"$2\"", "sh", source,
                                          "/etc/apt/sources.list.d/llvm-toolchain-\(major).list"],
                          needsRoot: true))
        return steps
    }

    func sourceNotes(_ release: TensorFlowRelease) -> [String] {
        let cores = facts.cpu.cores ?? 2
        let hours = max(1, 8 / max(1, cores / 2))   // about 6-8 hours on 2 cores, scaling with cores
        var notes: [String] = []
        // clang 18 is in Ubuntu 24.04 and Debian 13; older releases need LLVM's own apt repository.
        if llvmSourceCodename(release) != nil, let clang = release.clang {
            notes.append(strings.text("planner.note.source.llvm", ["clang": String(clang.split(separator: ".")[0]),
                                                                   "os": facts.os.prettyName ?? facts.os.id]))
        }
        return notes + [strings.text("planner.note.source.cost", ["hours": String(hours), "cores": String(cores)]),
                strings.text("planner.note.source.tools", ["bazel": release.bazel ?? "?", "clang": release.clang ?? "?",
                                                           "version": release.version]),
                strings["planner.note.source.choice"]]
    }
}
