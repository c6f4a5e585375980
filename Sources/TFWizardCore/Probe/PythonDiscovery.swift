import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Finds the Python 3 interpreters a user can reach: `python3` and `python3.N` in every PATH directory,
/// pyenv's shims (resolved to the version they select, without running pyenv) and pyenv's installed
/// versions. Two names for one binary count once (deduplicated by real path, first name on PATH wins);
/// a virtual environment on PATH counts apart from its base interpreter.
struct PythonDiscovery: Sendable {
    struct Candidate: Equatable, Sendable {
        var path: String          // the name a user would type, as found
        var executable: String    // what to run: the shim's target for pyenv shims, else `path`
        var realPath: String
        var source: MachineFacts.PythonInterpreter.Source
    }

    let root: MachineRoot
    let environment: [String: String]

    var pyenvRoot: String? {
        if let value = environment["PYENV_ROOT"], !value.isEmpty { return value }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.pyenv"
    }

    func candidates() -> [Candidate] {
        var found: [Candidate] = []
        var seen = Set<String>()
        func add(path: String, executable: String) {
            guard root.isExecutableFile(executable), let real = root.realPath(executable) else { return }
            // A virtual environment's python links to its base interpreter but has its own packages:
            // it counts as itself, and must not hide the base interpreter found later on PATH.
            let key = (virtualEnvironment(of: executable).map { $0 + "|" } ?? "") + real
            guard seen.insert(key).inserted else { return }
            found.append(Candidate(path: path, executable: executable, realPath: real,
                                   source: source(of: executable, realPath: real)))
        }
        let shims = pyenvRoot.map { $0 + "/shims" }
        for directory in MachineRoot.pathDirectories(environment["PATH"]) {
            for name in Self.interpreterNames(in: root.list(directory)) {
                let path = directory + "/" + name
                if directory == shims {
                    if let target = pyenvTarget(ofShim: name) { add(path: path, executable: target) }
                } else {
                    add(path: path, executable: path)
                }
            }
        }
        // Installed pyenv versions are one `pyenv shell X` away even when no shim selects them.
        if let pyenvRoot {
            for version in root.list(pyenvRoot + "/versions") {
                let path = "\(pyenvRoot)/versions/\(version)/bin/python3"
                add(path: path, executable: path)
            }
        }
        return found
    }

    /// The folder of the virtual environment whose bin/ holds `executable` (it has a pyvenv.cfg), if any.
    func virtualEnvironment(of executable: String) -> String? {
        let environment = executable.deletingLastPathComponent.deletingLastPathComponent
        return root.exists(environment + "/pyvenv.cfg") ? environment : nil
    }

    /// `python3` first, then `python3.N` by N; nothing else (no python3-config, python3.12-dbg, ...).
    static func interpreterNames(in names: [String]) -> [String] {
        names.compactMap { name -> (String, Int)? in
            if name == "python3" { return (name, -1) }
            guard name.hasPrefix("python3."), let minor = Int(name.dropFirst("python3.".count)) else { return nil }
            return (name, minor)
        }
        .sorted { $0.1 < $1.1 }
        .map(\.0)
    }

    /// The interpreter a pyenv shim would exec, from the version pyenv selects: PYENV_VERSION, then
    /// `.python-version` in the working directory or above, then `$PYENV_ROOT/version`. "system" means
    /// the shim passes through to the next PATH entry, which the PATH walk finds by itself.
    func pyenvTarget(ofShim name: String) -> String? {
        guard let pyenvRoot else { return nil }
        for version in selectedPyenvVersions(pyenvRoot: pyenvRoot) where version != "system" {
            let candidate = "\(pyenvRoot)/versions/\(version)/bin/\(name)"
            if root.isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private func selectedPyenvVersions(pyenvRoot: String) -> [String] {
        func versions(_ text: String) -> [String] {
            text.split(whereSeparator: { $0 == ":" || $0.isWhitespace }).map(String.init)
                .filter { !$0.hasPrefix("#") }
        }
        if let value = environment["PYENV_VERSION"], !value.isEmpty { return versions(value) }
        if var directory = environment["PWD"], directory.hasPrefix("/") {
            while true {
                if let text = root.read(directory == "/" ? "/.python-version" : directory + "/.python-version") {
                    return versions(text)
                }
                if directory == "/" { break }
                directory = directory.deletingLastPathComponent
                if directory.isEmpty { directory = "/" }
            }
        }
        if let text = root.read(pyenvRoot + "/version") { return versions(text) }
        return ["system"]
    }

    func source(of path: String, realPath: String) -> MachineFacts.PythonInterpreter.Source {
        if let pyenvRoot, path.hasPrefix(pyenvRoot + "/") || realPath.hasPrefix(pyenvRoot + "/") { return .pyenv }
        if virtualEnvironment(of: path) != nil { return .other }
        let components = Set(realPath.split(separator: "/").map { $0.lowercased() })
        let condaNames: Set<String> = ["conda", "anaconda3", "miniconda3", "miniforge3", "mambaforge", "micromamba"]
        let prefix = realPath.deletingLastPathComponent.deletingLastPathComponent
        if !components.isDisjoint(with: condaNames) || root.isDirectory(prefix + "/conda-meta") { return .conda }
        if realPath.hasPrefix("/usr/bin/") || realPath.hasPrefix("/bin/") { return .system }
        return .other
    }
}

/// Reads the output of Resources/probe/interpreter_facts.py.
public enum PythonFactsParser {
    public static let marker = "TFWIZARD-PYTHON-FACTS"

    public struct Facts: Equatable, Sendable {
        public var version: String
        public var pipVersion: String?
        public var venvAvailable: Bool
        public var ensurepipAvailable: Bool
        public var externallyManaged: Bool
    }

    public static func parse(_ output: String) -> Facts? {
        guard let start = output.firstRange(of: marker + "\n") else { return nil }
        var values: [String: String] = [:]
        for line in output[start.upperBound...].split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let version = values["version"], version.first?.isNumber == true else { return nil }
        let pip = values["pip"].flatMap { $0.isEmpty ? nil : $0 }
        return Facts(version: version, pipVersion: pip, venvAvailable: values["venv"] == "1",
                     ensurepipAvailable: values["ensurepip"] == "1",
                     externallyManaged: values["externally_managed"] == "1")
    }
}
