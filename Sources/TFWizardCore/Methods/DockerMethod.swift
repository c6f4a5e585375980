import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Answers.Method {
    public static let docker = Answers.Method("docker")
}

/// TensorFlow's official image, pulled and checked in a container; Docker itself, the daemon's access and
/// (for a GPU) NVIDIA's container toolkit are installed where missing. Python comes in the image.
public struct DockerMethod: InstallMethod {
    public init() {}
    public var id: Answers.Method { .docker }
    public var questions: [InstallQuestion] { [.dockerImage] }
    /// The image brings its own C library and CUDA; its packages still need AVX.
    public var releaseChecks: ReleaseChecks { [.avx] }
    public var probeNeeds: ProbeNeeds {
        ProbeNeeds(packages: ["docker.io", "docker-ce", "nvidia-container-toolkit", "curl"])
    }

    /// Docker can be planned when its missing pieces can be installed: a missing client or toolkit needs
    /// apt and root; a daemon this user may not reach needs sudo (or root).
    public func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
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

    public func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        try planning.dockerPlan(release, privileges: planning.privileges)
    }

    public func doneHints(_ answers: Answers) -> DoneHints {
        let command = ShellQuoting.render(Self.containerRunArgv(image: Self.image(for: answers), answers: answers))
        return DoneHints(commands: [DoneHints.Command(lead: "done.docker", command: command, wraps: true)], tryIt: false)
    }

    public func runsIn(_ answers: Answers) -> String? { Self.image(for: answers) }

    public func removal(_ answers: Answers, plan: Plan) -> [String] {
        let pull = plan.steps.first { $0.argv.contains("pull") }
        let prefix = Array(pull?.argv.prefix { $0 == "sudo" } ?? [])
        return prefix + ["docker", "rmi", Self.image(for: answers)]
    }

    /// The Docker image the answers name, as the plan will pull it (a preview for the answers screen).
    public static func image(for answers: Answers) -> String {
        var base = baseTag(answers.docker.imageTag)
        if base == "latest" && answers.version != "latest" { base = answers.version }
        return Planning.imageName(base: base, device: answers.device, jupyter: answers.docker.jupyter)
    }

    /// "2.21.0-gpu-jupyter" -> "2.21.0": the tag without the variant suffixes the answers choose apart.
    public static func baseTag(_ tag: String) -> String {
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
}

extension Planning {
    static let dockerRepository = "tensorflow/tensorflow"
    /// `--gpus` arrived in Docker 19.03.
    static let dockerMinimumForGPU = "19.03"
    static let toolkitKeyring = "/usr/share/keyrings/nvidia-container-toolkit-keyring.asc"
    static let toolkitList = "/etc/apt/sources.list.d/nvidia-container-toolkit.list"
    static let toolkitKeyURL = "https://nvidia.github.io/libnvidia-container/gpgkey"
    /// NVIDIA's list file, with the key named; apt fills in $(ARCH) itself.
    static let toolkitSource = "deb [signed-by=\(toolkitKeyring)] https://nvidia.github.io/libnvidia-container/stable/deb/$(ARCH) /"

    /// The image as the TensorFlow Docker guide names its tags today: `latest`, `latest-gpu`,
    /// `latest-jupyter`, `latest-gpu-jupyter`, or a version such as `2.21.0-gpu`.
    func dockerImage(_ release: TensorFlowRelease) throws(PlanRefusal) -> String {
        var base = DockerMethod.baseTag(answers.docker.imageTag.trimmingSpaces())
        let allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars
        guard !base.isEmpty, base.count <= 100, base.unicodeScalars.allSatisfy(allowed.contains),
              base.first?.isLetter == true || base.first?.isNumber == true else {
            throw refusal("docker.image_tag", "planner.refuse.dockerTag", ["tag": answers.docker.imageTag],
                          suggestion: strings["planner.refuse.dockerTag.suggestion"])
        }
        if base == "latest" && answers.version != "latest" { base = release.version }
        return Self.imageName(base: base, device: answers.device, jupyter: answers.docker.jupyter)
    }

    /// `tensorflow/tensorflow:` + base + `-gpu` for a GPU + `-jupyter` with Jupyter.
    static func imageName(base: String, device: Answers.Device, jupyter: Bool) -> String {
        dockerRepository + ":" + base + (device == .gpu ? "-gpu" : "") + (jupyter ? "-jupyter" : "")
    }

    func dockerPlan(_ release: TensorFlowRelease, privileges: PrivilegePrefix) throws(PlanRefusal) -> Plan {
        let docker = facts.docker ?? .absent
        let image = try dockerImage(release)
        let gpu = answers.device == .gpu
        if gpu, let version = docker.clientVersion, VersionNumber(version) < VersionNumber(Self.dockerMinimumForGPU) {
            throw refusal("method", "planner.refuse.dockerOld", ["found": version],
                          suggestion: strings["planner.refuse.dockerOld.suggestion"])
        }
        let driver = try driverSteps(release, privileges: privileges)
        var steps = driver.steps
        var notes = [strings.text("planner.note.docker.image", ["image": image])]
        notes += driver.notes
        var client = docker.clientPath ?? "docker"
        var asRoot: [String] = []   // how this run reaches the daemon: directly, or through sudo

        if docker.clientPath == nil {
            steps += try aptSteps(packages: ["docker.io"], stepID: "apt-docker", privileges: privileges)
            notes.append(strings["planner.note.docker.apt"])
            client = "docker"
        } else if docker.daemon == .notRunning {
            guard let prefix = privileges.prefix else {
                throw refusal("method", "planner.refuse.dockerDaemon", suggestion: strings["planner.refuse.dockerDaemon.suggestion"])
            }
            steps.append(Step(id: "docker-start", title: strings["planner.step.docker-start.title"],
                              why: strings["planner.step.docker-start.why"],
                              argv: prefix + ["systemctl", "start", "docker"], needsRoot: true))
        }
        if !facts.privileges.isRoot && (docker.clientPath == nil || docker.daemon != .answers) {
            guard let prefix = privileges.prefix else {
                throw refusal("method", "planner.refuse.dockerPermission", suggestion: strings["planner.refuse.dockerPermission.suggestion"])
            }
            asRoot = prefix
            if docker.userInDockerGroup {
                notes.append(strings["planner.note.docker.groupRelogin"])
            } else if facts.userName == nil {
                notes.append(strings["planner.note.docker.groupManual"])
            } else if let user = facts.userName {
                steps.append(Step(id: "docker-group", title: strings.text("planner.step.docker-group.title", ["user": user]),
                                  why: strings["planner.step.docker-group.why"],
                                  argv: prefix + ["usermod", "-aG", "docker", user], needsRoot: true, safeToSkip: true))
                notes.append(strings.text("planner.note.docker.group", ["user": user]))
            }
        }
        if gpu {
            var toolkit = try toolkitSteps(docker, privileges: privileges)
            // NVIDIA's install guide starts with curl (the key is fetched with it); a minimal Debian or Ubuntu
            // has none. Known only when dpkg's package list was read (libc6 is always in it).
            if toolkit.contains(where: { $0.id == "toolkit-key" }),
               facts.aptPackages["libc6"] != nil, facts.aptPackages["curl"] == nil {
                let curl = try aptSteps(packages: ["curl"], stepID: "apt-curl", privileges: privileges)
                toolkit = (steps.contains { $0.id == "apt-update" } ? Array(curl.dropFirst()) : curl) + toolkit
            }
            steps += toolkit
        }
        steps.append(Step(id: "docker-pull", title: strings.text("planner.step.docker-pull.title", ["image": image]),
                          why: strings[gpu ? "planner.step.docker-pull.why.gpu" : "planner.step.docker-pull.why.cpu"],
                          argv: asRoot + [client, "pull", image], needsRoot: !asRoot.isEmpty,
                          doneCheck: asRoot + [client, "image", "inspect", image]))
        let program: String
        do { program = try ValidationProgram.source() } catch { throw refusal("internal", "planner.refuse.internal") }
        let gpuFlags = gpu ? ["--gpus", "all"] : []
        if !rebootPending(release) {
            steps.append(Step(id: "validate", title: strings["planner.step.validate.title"],
                              why: strings[gpu ? "planner.step.validate.why.docker.gpu" : "planner.step.validate.why.docker"],
                              argv: asRoot + [client, "run", "--rm"] + gpuFlags + [image, "python", "-c", program],
                              needsRoot: !asRoot.isEmpty, kind: .validation))
        }
        if gpu { notes.append(strings["planner.note.docker.nvidiaDocker"]) }
        let runCommand = ShellQuoting.render(DockerMethod.containerRunArgv(image: image, answers: answers))
        notes.append(strings.text(answers.docker.jupyter ? "planner.note.docker.runJupyter" : "planner.note.docker.run",
                                  ["command": runCommand]))
        notes.append(strings["planner.note.validate"])
        return Plan(answers: answers, steps: steps, notes: notes, tensorflowVersion: release.version, pythonPath: nil)
    }

    /// The NVIDIA container toolkit from NVIDIA's apt source, then registered as a Docker runtime.
    func toolkitSteps(_ docker: MachineFacts.DockerFacts, privileges: PrivilegePrefix) throws(PlanRefusal) -> [Step] {
        if docker.nvidiaCTKPath != nil && docker.nvidiaRuntime { return [] }
        guard let prefix = privileges.prefix else {
            throw refusal("method", "planner.refuse.noRoot", ["packages": "nvidia-container-toolkit"],
                          suggestion: strings.text("planner.refuse.noRoot.suggestion", ["packages": "nvidia-container-toolkit"]))
        }
        var steps: [Step] = []
        let ctk = docker.nvidiaCTKPath ?? "nvidia-ctk"
        if docker.nvidiaCTKPath == nil {
            steps.append(Step(id: "toolkit-key", title: strings["planner.step.toolkit-key.title"],
                              why: strings["planner.step.toolkit-key.why"],
                              argv: prefix + ["curl", "-fsSL", "-o", Self.toolkitKeyring, Self.toolkitKeyURL], needsRoot: true))
            steps.append(Step(id: "toolkit-source", title: strings["planner.step.toolkit-source.title"],
                              why: strings["planner.step.toolkit-source.why"],
                              argv: prefix + ["sh", "-c", "printf '%s\\n' \"$1\" > \"$2\"", "sh", Self.toolkitSource, Self.toolkitList],
                              needsRoot: true))
            steps.append(Step(id: "apt-update-toolkit", title: strings["planner.step.apt-update.title"],
                              why: strings.text("planner.step.apt-update.why", ["packages": "nvidia-container-toolkit"]),
                              argv: prefix + ["apt-get", "update"], needsRoot: true))
            steps.append(Step(id: "apt-toolkit", title: strings.text("planner.step.apt-toolkit.title", ["packages": "nvidia-container-toolkit"]),
                              why: strings["planner.step.apt-toolkit.why"],
                              argv: prefix + ["apt-get", "install", "-y", "nvidia-container-toolkit"], needsRoot: true))
        }
        steps.append(Step(id: "toolkit-configure", title: strings["planner.step.toolkit-configure.title"],
                          why: strings["planner.step.toolkit-configure.why"],
                          argv: prefix + [ctk, "runtime", "configure", "--runtime=docker"], needsRoot: true))
        steps.append(Step(id: "docker-restart", title: strings["planner.step.docker-restart.title"],
                          why: strings["planner.step.docker-restart.why"],
                          argv: prefix + ["systemctl", "restart", "docker"], needsRoot: true))
        return steps
    }
}
