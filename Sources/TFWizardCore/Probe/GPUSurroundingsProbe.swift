import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What surrounds the GPU: Secure Boot (it decides whether a freshly installed driver module may load),
/// CUDA and cuDNN already on the system, and whether `ubuntu-drivers` is there to install a driver.
struct GPUSurroundingsProbe: Sendable {
    let root: MachineRoot
    let runner: any CommandRunning
    let environment: [String: String]

    /// Library families worth reporting: the CUDA runtime, cuBLAS and cuDNN (not libcuda, which is the driver's).
    static let libraryPrefixes = ["libcudart.so", "libcublas.so", "libcudnn.so"]
    static let efivars = "/sys/firmware/efi/efivars"

    /// The SecureBoot EFI variable: 4 bytes of attributes, then one byte, 1 when Secure Boot is on.
    func secureBoot() -> Bool? {
        guard let name = root.list(Self.efivars).first(where: { $0.hasPrefix("SecureBoot-") }),
              let data = FileManager.default.contents(atPath: root.hostPath(Self.efivars + "/" + name)),
              data.count >= 5 else { return nil }
        return data[data.startIndex + 4] == 1
    }

    func systemCUDA() -> MachineFacts.SystemCUDA? {
        // /usr/local/cuda and /usr/local/cuda-13 are usually links to /usr/local/cuda-13.0: report the folder itself.
        var toolkits: [MachineFacts.SystemCUDA.Toolkit] = []
        var seen = Set<String>()
        for entry in root.list("/usr/local") where entry.hasPrefix("cuda") {
            let path = root.realPath("/usr/local/" + entry) ?? "/usr/local/" + entry
            guard root.isDirectory(path), seen.insert(path).inserted else { continue }
            toolkits.append(.init(path: path, version: toolkitVersion(path)))
        }
        let libraries = ldconfigLibraries()
        let cudnn = libraries.first { $0.hasPrefix("libcudnn.so.") }.map { String($0.dropFirst("libcudnn.so.".count)) }
        toolkits.sort { VersionNumber($0.version ?? "0") < VersionNumber($1.version ?? "0") }
        let found = MachineFacts.SystemCUDA(toolkits: toolkits, libraries: libraries, cudnnVersion: cudnn)
        return found.isEmpty ? nil : found
    }

    func ubuntuDrivers() -> String? {
        root.which("ubuntu-drivers", path: environment["PATH"])
    }

    /// version.json (CUDA 11.1 and later) or version.txt ("CUDA Version 10.2.89").
    private func toolkitVersion(_ path: String) -> String? {
        if let text = root.read(path + "/version.json"),
           let file = try? JSONDecoder().decode(CUDAVersionFile.self, from: Data(text.utf8)),
           let version = file.cuda?.version {
            return version
        }
        if let line = root.readValue(path + "/version.txt"), let version = line.split(separator: " ").last {
            return String(version)
        }
        // Neither file (CUDA 13 ships none): the folder's own name, cuda-13.0.
        let name = path.lastPathComponent
        let version = name.dropFirst("cuda-".count)
        return name.hasPrefix("cuda-") && version.first?.isNumber == true ? String(version) : nil
    }

    /// Sonames from `ldconfig -p` lines such as `\tlibcudnn.so.9 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcudnn.so.9`.
    private func ldconfigLibraries() -> [String] {
        let ldconfig = root.which("ldconfig", path: environment["PATH"])
            ?? ["/sbin/ldconfig", "/usr/sbin/ldconfig"].first { root.isExecutableFile($0) }
        guard let ldconfig else { return [] }
        let result = runner.run([ldconfig, "-p"], timeout: 3, environment: ["LC_ALL": "C", "PATH": environment["PATH"] ?? ""])
        guard result.succeeded else { return [] }
        return Self.parseLdconfig(result.output)
    }

    static func parseLdconfig(_ output: String) -> [String] {
        var names: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            guard let name = line.trimmingSpaces().split(separator: " ").first.map(String.init),
                  libraryPrefixes.contains(where: { name.hasPrefix($0 + ".") }), !names.contains(name) else { continue }
            names.append(name)
        }
        return names.sorted()
    }
}

/// The part of a CUDA toolkit's version.json the probe reads: `{"cuda": {"version": "12.4.1"}}`.
private struct CUDAVersionFile: Decodable {
    struct Component: Decodable { var version: String? }
    var cuda: Component?
}
