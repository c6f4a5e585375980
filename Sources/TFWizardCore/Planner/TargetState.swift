import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What is already at the folder the plan installs into: read from files only (pyvenv.cfg and the
/// `*.dist-info` folders of site-packages); nothing is run.
public struct TargetState: Equatable, Sendable {
    public var path: String
    public var exists: Bool                   // something is at `path`
    public var isDirectory: Bool
    public var isEmptyDirectory: Bool
    public var venvExists: Bool               // pyvenv.cfg is there
    public var venvPythonVersion: String?     // pyvenv.cfg `version` / `version_info` ("3.12.3")
    public var venvHome: String?              // pyvenv.cfg `home`: the folder of the base interpreter
    public var venvHasPython: Bool            // bin/python is there
    public var installedTensorFlow: String?   // version from site-packages tensorflow*-VERSION.dist-info
    public var installedTensorFlowPackage: Answers.Package?
    /// Every distribution in site-packages, normalised name (`nvidia-cudnn-cu12`) -> version.
    public var installedDistributions: [String: String]
    /// uv is installed in tfwizard's tool environment (`UVInstaller.toolFolder`), so the uv installer
    /// need not install it again.
    public var uvToolReady = false

    public init(path: String, exists: Bool = false, isDirectory: Bool = false, isEmptyDirectory: Bool = false,
                venvExists: Bool = false, venvPythonVersion: String? = nil, venvHome: String? = nil,
                venvHasPython: Bool = false, installedTensorFlow: String? = nil,
                installedTensorFlowPackage: Answers.Package? = nil, installedDistributions: [String: String] = [:]) {
        self.path = path; self.exists = exists; self.isDirectory = isDirectory; self.isEmptyDirectory = isEmptyDirectory
        self.venvExists = venvExists; self.venvPythonVersion = venvPythonVersion; self.venvHome = venvHome
        self.venvHasPython = venvHasPython; self.installedTensorFlow = installedTensorFlow
        self.installedTensorFlowPackage = installedTensorFlowPackage; self.installedDistributions = installedDistributions
    }

    /// Nothing at the path yet.
    public static func absent(_ path: String) -> TargetState { TargetState(path: path) }

    /// "3.12" from the venv's version.
    public var venvPythonMinor: String? {
        venvPythonVersion.map { $0.split(separator: ".").prefix(2).joined(separator: ".") }
    }

    /// Reads `venvPath` (already expanded: absolute, no `~`).
    public static func inspect(venvPath: String) -> TargetState {
        let files = FileManager.default
        var state = TargetState(path: venvPath)
        var isDirectory = false
        guard files.fileExists(atPath: venvPath, isDirectory: &isDirectory) else { return state }
        state.exists = true
        state.isDirectory = isDirectory
        guard state.isDirectory else { return state }
        let entries = (try? files.contentsOfDirectory(atPath: venvPath)) ?? []
        state.isEmptyDirectory = entries.isEmpty

        let configPath = venvPath + "/pyvenv.cfg"
        guard let config = try? String(contentsOfFile: configPath, encoding: .utf8) else { return state }
        state.venvExists = true
        let settings = parseConfig(config)
        state.venvPythonVersion = settings["version"] ?? settings["version_info"]
        state.venvHome = settings["home"]
        state.venvHasPython = files.fileExists(atPath: venvPath + "/bin/python")

        let distributions = sitePackageDistributions(venvPath: venvPath, minor: state.venvPythonMinor)
        state.installedDistributions = distributions
        for package in [Answers.Package.tensorflow, .tensorflowCPU, .tfNightly] {
            if let version = distributions[package.rawValue] {
                state.installedTensorFlow = version
                state.installedTensorFlowPackage = package
                break
            }
        }
        return state
    }

    /// `key = value` lines of pyvenv.cfg.
    static func parseConfig(_ text: String) -> [String: String] {
        var settings: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces().lowercased()
            let value = line[line.index(after: equals)...].trimmingSpaces()
            if !key.isEmpty { settings[key] = value }
        }
        return settings
    }

    /// name -> version from `lib/python3.X/site-packages/NAME-VERSION.dist-info` (the venv's own Python first).
    static func sitePackageDistributions(venvPath: String, minor: String?) -> [String: String] {
        let files = FileManager.default
        let libraries = ((try? files.contentsOfDirectory(atPath: venvPath + "/lib")) ?? [])
            .filter { $0.hasPrefix("python") }
            .sorted { (rank($0, minor), $0) < (rank($1, minor), $1) }
        var result: [String: String] = [:]
        for library in libraries {
            let sitePackages = venvPath + "/lib/" + library + "/site-packages"
            for entry in (try? files.contentsOfDirectory(atPath: sitePackages)) ?? [] where entry.hasSuffix(".dist-info") {
                guard let (name, version) = distribution(fromDistInfo: entry), result[name] == nil else { continue }
                result[name] = version
            }
        }
        return result
    }

    private static func rank(_ library: String, _ minor: String?) -> Int {
        minor.map { library == "python\($0)" ? 0 : 1 } ?? 1
    }

    /// `tensorflow_cpu-2.21.0.dist-info` -> ("tensorflow-cpu", "2.21.0"). Wheel folder names escape `-` in
    /// the name as `_`, so the first `-` separates name and version.
    static func distribution(fromDistInfo folder: String) -> (String, String)? {
        let stem = folder.dropLast(".dist-info".count)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        let name = stem[..<dash].lowercased().replacing("_", with: "-").replacing(".", with: "-")
        let version = String(stem[stem.index(after: dash)...])
        guard !name.isEmpty, !version.isEmpty else { return nil }
        return (name, version)
    }
}
