import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Collects `MachineFacts`. Files are read through `root` ("/" for this machine, a folder for a recorded
/// one) and commands go through `runner`, so every path can be exercised from fixture trees. Nothing
/// touches the network. The commands (one per Python interpreter, sudo, nvidia-smi) run in parallel
/// while the files are parsed.
///
/// A recorded root may carry the facts no file on a real system holds in `<root>/.recorded-machine/`:
/// `uname-m` (the architecture) and `glibc-version`.
public struct Prober: Sendable {
    public let root: String
    public let runner: any CommandRunning
    public let environment: [String: String]
    public let venvTarget: String?
    public let effectiveUserID: UInt32
    /// Where the free disk comes from: this machine's file system, or a recording's own figure (a recorded
    /// machine's disk is not this one; nil there means the recording did not say).
    public enum DiskSource: Sendable { case fileSystem, recorded(freeBytes: Int64?) }
    public let diskSource: DiskSource

    /// Where the design's answer file puts the venv when nobody says otherwise.
    public static let defaultVenvTarget = Answers.defaultVenv
    public static let recordedFactsFolder = "/.recorded-machine"
    static let pythonTimeout = 10.0

    public init(root: String = "/", runner: any CommandRunning, environment: [String: String],
                venvTarget: String?, effectiveUserID: UInt32? = nil, diskSource: DiskSource = .fileSystem) {
        self.root = root; self.runner = runner; self.environment = environment; self.venvTarget = venvTarget
        self.effectiveUserID = effectiveUserID ?? geteuid(); self.diskSource = diskSource
    }

    public func probe() -> MachineFacts {
        let started = MonotonicClock.now()
        let machine = MachineRoot(root)

        let interpreters = PythonDiscovery(root: machine, environment: environment).candidates()
        let script = (try? ResourceStore.text("probe/interpreter_facts.py")) ?? ""
        let pythonJobs = interpreters.map { candidate in
            BackgroundJob { [runner, environment] in
                runner.run([candidate.executable, "-c", script], timeout: Self.pythonTimeout, environment: environment)
            }
        }
        let privilegesJob = BackgroundJob { [self] in probePrivileges(machine) }
        let gpuJob = BackgroundJob { [self] in
            var gpu = GPUProbe(root: machine, runner: runner, environment: environment).probe()
            let surroundings = GPUSurroundingsProbe(root: machine, runner: runner, environment: environment)
            gpu.secureBoot = surroundings.secureBoot()
            gpu.ubuntuDrivers = surroundings.ubuntuDrivers()
            if gpu.nvidiaPresent || gpu.driverLoaded { gpu.systemCUDA = surroundings.systemCUDA() }
            return gpu
        }
        let userName = environment["USER"] ?? environment["LOGNAME"] ?? (effectiveUserID == 0 ? "root" : nil)
        let dockerJob = BackgroundJob { [self] in
            DockerProbe(root: machine, runner: runner, environment: environment, userName: userName).probe()
        }
        let condaJob = BackgroundJob { [self] in
            CondaProbe(root: machine, runner: runner, environment: environment).probe()
        }

        let auditJob = BackgroundJob { [self] in probeDpkgAudit(machine) }

        let os = machine.read("/etc/os-release").map(OSReleaseParser.parse)
            ?? machine.read("/usr/lib/os-release").map(OSReleaseParser.parse)
            ?? MachineFacts.OperatingSystem(id: "linux", versionID: nil, prettyName: nil, codename: nil)
        let cpu = probeCPU(machine)
        let packages = machine.read("/var/lib/dpkg/status").map(DpkgStatusParser.installedPackages) ?? []
        let libc6 = packages.first { $0.name == "libc6" }
        var aptPackages: [String: String] = [:]
        for package in packages where DpkgStatusParser.isOfInterest(package.name) {
            aptPackages[package.name] = package.version
        }
        let architecture = probeArchitecture(machine, libc6: libc6)
        let disk = probeDisk(machine)
        let glibc = probeGlibc(machine, libc6: libc6)

        var pythons: [MachineFacts.PythonInterpreter] = []
        let discovery = PythonDiscovery(root: machine, environment: environment)
        for (candidate, job) in zip(interpreters, pythonJobs) {
            // An interpreter that cannot run the script cannot run pip either: it is not offered.
            guard let facts = PythonFactsParser.parse(job.value().output) else { continue }
            pythons.append(MachineFacts.PythonInterpreter(
                path: candidate.path, realPath: candidate.realPath, version: facts.version,
                pipVersion: facts.pipVersion, venvAvailable: facts.venvAvailable,
                ensurepipAvailable: facts.ensurepipAvailable, externallyManaged: facts.externallyManaged,
                source: candidate.source, virtualEnvironment: discovery.virtualEnvironment(of: candidate.path)))
        }

        var facts = MachineFacts(os: os, architecture: architecture, cpu: cpu, glibcVersion: glibc,
                                 pythons: pythons, disk: disk, privileges: privilegesJob.value(),
                                 gpu: gpuJob.value(), aptPackages: aptPackages,
                                 docker: dockerJob.value(), conda: condaJob.value(), userName: userName)
        facts.dpkgHalfDone = auditJob.value()
        facts.pipIndex = PipIndexProbe(machine: machine, environment: environment).probe()
        facts.probeDurationMilliseconds = Int(((MonotonicClock.now() - started) * 1000).rounded())
        return facts
    }

    // MARK: - single facts

    private func probeCPU(_ machine: MachineRoot) -> MachineFacts.CPU {
        var cpu = machine.read("/proc/cpuinfo").map(CPUInfoParser.parse)
            ?? MachineFacts.CPU(model: nil, cores: nil, hasAVX: false, hasAVX2: false, hasFMA: false)
        // On this machine the kernel's count wins: sandboxed kernels can list fewer processors in cpuinfo.
        if machine.isHostRoot {
            let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
            if online > 0 { cpu.cores = online }
        }
        return cpu
    }

    private func probeArchitecture(_ machine: MachineRoot, libc6: DpkgStatusParser.Package?) -> String {
        if machine.isHostRoot {
            var names = utsname()
            uname(&names)
            let machineName = withUnsafeBytes(of: &names.machine) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !machineName.isEmpty { return machineName }
        }
        if let recorded = machine.readValue(Self.recordedFactsFolder + "/uname-m") { return recorded }
        if let architecture = libc6?.architecture {
            return DpkgStatusParser.unameMachine(forDebianArchitecture: architecture)
        }
        return "unknown"
    }

    private func probeGlibc(_ machine: MachineRoot, libc6: DpkgStatusParser.Package?) -> String? {
        if machine.isHostRoot {
            // confstr gives "glibc 2.36", the same as gnu_get_libc_version() of the running library.
            var buffer = [CChar](repeating: 0, count: 64)
            if confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 {
                let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if let version = text.split(separator: " ").last { return String(version) }
            }
        }
        if let recorded = machine.readValue(Self.recordedFactsFolder + "/glibc-version") { return recorded }
        if let libc6, let version = DpkgStatusParser.glibcVersion(fromLibc6Version: libc6.version) { return version }
        // Last resort: `ldd --version`, whose first line ends with the version ("ldd (GNU libc) 2.36").
        guard let ldd = machine.which("ldd", path: environment["PATH"]) else { return nil }
        let result = runner.run([ldd, "--version"], timeout: 3, environment: environment)
        guard result.succeeded, let firstLine = result.output.split(whereSeparator: \.isNewline).first,
              let version = firstLine.split(separator: " ").last,
              version.split(separator: ".").count >= 2, version.first?.isNumber == true else { return nil }
        return String(version)
    }

    /// What an apt or dpkg run cut short left half done: `dpkg --audit` names the packages (nothing when
    /// all is well); nil where there is no dpkg.
    private func probeDpkgAudit(_ machine: MachineRoot) -> [String]? {
        guard let dpkg = machine.which("dpkg", path: environment["PATH"]) else { return nil }
        var commandEnvironment = environment
        commandEnvironment["LC_ALL"] = "C"
        let result = runner.run([dpkg, "--audit"], timeout: 5, environment: commandEnvironment)
        return DpkgStatusParser.auditedPackages(result.output)
    }

    private func probePrivileges(_ machine: MachineRoot) -> MachineFacts.Privileges {
        let isRoot = effectiveUserID == 0
        guard let sudo = machine.which("sudo", path: environment["PATH"]) else {
            return MachineFacts.Privileges(isRoot: isRoot, sudo: .absent)
        }
        // root is never asked for a password; anyone else: -n fails instead of prompting.
        if isRoot { return MachineFacts.Privileges(isRoot: true, sudo: .passwordless) }
        var commandEnvironment = environment
        commandEnvironment["LC_ALL"] = "C"
        let result = runner.run([sudo, "-n", "true"], timeout: 3, environment: commandEnvironment)
        return MachineFacts.Privileges(isRoot: false, sudo: result.succeeded ? .passwordless : .needsPassword)
    }

    /// Free space at the venv's folder or, before it exists, its nearest existing parent.
    private func probeDisk(_ machine: MachineRoot) -> MachineFacts.Disk? {
        diskSpace(forFolder: venvTarget ?? Self.defaultVenvTarget)
    }

    /// Free space at `folder` (`~` allowed) or, before it exists, at its nearest existing parent: the
    /// figure for a folder the user is typing.
    public func diskSpace(forFolder folder: String) -> MachineFacts.Disk? {
        let machine = MachineRoot(root)
        var target = folder
        if let home = environment["HOME"], !home.isEmpty { target = PathExpansion.expandTilde(target, home: home) }
        if !target.hasPrefix("/") {
            let base = environment["PWD"] ?? FileManager.default.currentDirectoryPath
            target = base + "/" + target
        }
        var directory = target.standardizingPath
        while !machine.isDirectory(directory) {
            let parent = directory.deletingLastPathComponent
            if parent == directory || parent.isEmpty { directory = "/"; break }
            directory = parent
        }
        if case let .recorded(freeBytes) = diskSource {
            return freeBytes.map { MachineFacts.Disk(path: directory, freeBytes: $0) }
        }
        var info = statvfs()
        guard statvfs(machine.hostPath(directory), &info) == 0 else { return nil }
        return MachineFacts.Disk(path: directory, freeBytes: Int64(info.f_bavail) * Int64(info.f_frsize))
    }
}
