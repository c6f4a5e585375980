import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The Docker client, whether its daemon answers this user, and the NVIDIA container toolkit.
struct DockerProbe: Sendable {
    let root: MachineRoot
    let runner: any CommandRunning
    let environment: [String: String]
    let userName: String?

    /// A stopped daemon answers at once; a hung one must not hold up the probe.
    static let infoTimeout = 5.0

    func probe() -> MachineFacts.DockerFacts {
        var facts = MachineFacts.DockerFacts.absent
        facts.nvidiaCTKPath = root.which("nvidia-ctk", path: environment["PATH"])
        facts.socketExists = root.exists("/var/run/docker.sock") || root.exists("/run/docker.sock")
        facts.userInDockerGroup = userName.map { Self.groupMembers(root.read("/etc/group") ?? "", group: "docker").contains($0) } ?? false
        guard let docker = root.which("docker", path: environment["PATH"]) else { return facts }
        facts.clientPath = docker
        var commandEnvironment = environment
        commandEnvironment["LC_ALL"] = "C"
        let version = runner.run([docker, "--version"], timeout: 3, environment: commandEnvironment)
        if version.succeeded { facts.clientVersion = Self.parseClientVersion(version.output) }
        let info = runner.run([docker, "info"], timeout: Self.infoTimeout, environment: commandEnvironment)
        let parsed = Self.parseInfo(info.output, succeeded: info.succeeded)
        facts.daemon = info.timedOut ? .unknown : parsed.daemon
        facts.serverVersion = parsed.serverVersion
        facts.nvidiaRuntime = parsed.runtimes.contains("nvidia")
        return facts
    }

    /// "Docker version 27.3.1, build ce12230" -> "27.3.1".
    static func parseClientVersion(_ output: String) -> String? {
        guard let range = output.firstRange(of: "version ") else { return nil }
        let rest = output[range.upperBound...]
        let version = rest.prefix { $0 != "," && !$0.isWhitespace }
        return version.isEmpty ? nil : String(version)
    }

    struct Info: Equatable {
        var daemon: MachineFacts.DockerFacts.Daemon
        var serverVersion: String?
        var runtimes: [String]
    }

    /// `docker info` text: the server section when the daemon answers, otherwise an error line that tells
    /// a refused socket from a daemon that is not running.
    static func parseInfo(_ output: String, succeeded: Bool) -> Info {
        var info = Info(daemon: .unknown, serverVersion: nil, runtimes: [])
        for rawLine in output.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            if line.hasPrefix("Server Version:") {
                info.serverVersion = line.dropFirst("Server Version:".count).trimmingSpaces()
            } else if line.hasPrefix("Runtimes:") {
                info.runtimes = line.dropFirst("Runtimes:".count).split(separator: " ").map(String.init)
            }
        }
        let lowered = output.lowercased()
        if info.serverVersion != nil && !lowered.contains("permission denied") {
            info.daemon = .answers
        } else if lowered.contains("permission denied") {
            info.daemon = .permissionDenied
        } else if lowered.contains("cannot connect to the docker daemon") || lowered.contains("is the docker daemon running") {
            info.daemon = .notRunning
        } else if succeeded {
            info.daemon = .answers
        }
        return info
    }

    /// Members of a group in /etc/group text (`docker:x:998:ada,bob`).
    static func groupMembers(_ groupFile: String, group: String) -> [String] {
        for line in groupFile.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, fields[0] == group else { continue }
            return fields[3].split(separator: ",").map { $0.trimmingSpaces() }
        }
        return []
    }
}
