import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// conda (or mamba): on PATH, named by CONDA_EXE, or in the folders its installers default to.
struct CondaProbe: Sendable {
    let root: MachineRoot
    let runner: any CommandRunning
    let environment: [String: String]

    static let installFolders = ["miniconda3", "anaconda3", "miniforge3", "mambaforge"]

    func probe() -> MachineFacts.CondaFacts? {
        guard let (executable, kind) = find() else { return nil }
        var commandEnvironment = environment
        commandEnvironment["LC_ALL"] = "C"
        let result = runner.run([executable, "--version"], timeout: 10, environment: commandEnvironment)
        let version = result.succeeded ? Self.parseVersion(result.output) : nil
        let base = basePrefix(of: executable)
        let environments = root.list(base + "/envs").filter { root.isDirectory(base + "/envs/" + $0) && !$0.hasPrefix(".") }
        return MachineFacts.CondaFacts(executable: executable, kind: kind, version: version,
                                       basePrefix: base, environments: environments)
    }

    private func find() -> (String, MachineFacts.CondaFacts.Kind)? {
        let path = environment["PATH"]
        if let conda = root.which("conda", path: path) { return (conda, .conda) }
        if let named = environment["CONDA_EXE"], named.hasPrefix("/"), root.isExecutableFile(named) { return (named, .conda) }
        var folders: [String] = []
        if let home = environment["HOME"], home.hasPrefix("/") { folders += Self.installFolders.map { home + "/" + $0 } }
        folders += ["/opt/conda", "/opt/miniconda3", "/opt/anaconda3", "/opt/miniforge3"]
        for folder in folders where root.isExecutableFile(folder + "/bin/conda") { return (folder + "/bin/conda", .conda) }
        if let mamba = root.which("mamba", path: path) { return (mamba, .mamba) }
        for folder in folders where root.isExecutableFile(folder + "/bin/mamba") { return (folder + "/bin/mamba", .mamba) }
        return nil
    }

    /// The install's root: the executable sits in `bin/` or `condabin/` under it.
    private func basePrefix(of executable: String) -> String {
        let real = root.realPath(executable) ?? executable
        let folder = real.deletingLastPathComponent
        let name = folder.lastPathComponent
        return name == "bin" || name == "condabin" ? folder.deletingLastPathComponent : folder
    }

    /// "conda 24.9.2"; mamba 1.x prints "mamba 1.5.8" then "conda 24.3.0"; mamba 2 prints "2.0.5".
    static func parseVersion(_ output: String) -> String? {
        guard let first = output.split(whereSeparator: \.isNewline).first else { return nil }
        let version = first.split(separator: " ").last.map(String.init)
        return version?.first?.isNumber == true ? version : nil
    }
}
