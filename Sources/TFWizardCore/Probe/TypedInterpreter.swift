import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Why a path the user typed (on the Python screen, or in an answer file) is not an interpreter tfwizard can use.
public enum TypedInterpreterProblem: Error, Equatable, Sendable {
    case notAbsolute(String)
    case missing(String)
    case notExecutable(String)
    /// It ran but did not answer as a Python 3 with the standard library (or did not finish in time).
    case notPython(String)

    /// The string key of the message; its `{path}` is `path`.
    public var key: String {
        switch self {
        case .notAbsolute: "probe.typed-python.not-absolute"
        case .missing: "probe.typed-python.missing"
        case .notExecutable: "probe.typed-python.not-executable"
        case .notPython: "probe.typed-python.not-python"
        }
    }

    public var path: String {
        switch self {
        case .notAbsolute(let path), .missing(let path), .notExecutable(let path), .notPython(let path): path
        }
    }

    public func message(_ strings: Strings) -> String { strings.text(key, ["path": path]) }
}

extension Prober {
    /// One interpreter the user named rather than one found on PATH: the same facts script as the probe's.
    /// `path` is absolute (`~` already expanded).
    public func probeInterpreter(atPath path: String) -> Result<MachineFacts.PythonInterpreter, TypedInterpreterProblem> {
        guard path.hasPrefix("/") else { return .failure(.notAbsolute(path)) }
        let machine = MachineRoot(root)
        guard machine.exists(path) else { return .failure(.missing(path)) }
        guard machine.isExecutableFile(path), let real = machine.realPath(path) else { return .failure(.notExecutable(path)) }
        let script = (try? ResourceStore.text("probe/interpreter_facts.py")) ?? ""
        let output = runner.run([path, "-c", script], timeout: Self.pythonTimeout, environment: environment).output
        guard let facts = PythonFactsParser.parse(output) else { return .failure(.notPython(path)) }
        let discovery = PythonDiscovery(root: machine, environment: environment)
        return .success(MachineFacts.PythonInterpreter(
            path: path, realPath: real, version: facts.version, pipVersion: facts.pipVersion,
            venvAvailable: facts.venvAvailable, ensurepipAvailable: facts.ensurepipAvailable,
            externallyManaged: facts.externallyManaged, source: discovery.source(of: path, realPath: real),
            virtualEnvironment: discovery.virtualEnvironment(of: path)))
    }
}

extension MachineFacts {
    /// The facts with an interpreter added that the probe did not find on PATH (one the user named).
    public func adding(_ python: PythonInterpreter) -> MachineFacts {
        guard !pythons.contains(where: { $0.path == python.path }) else { return self }
        var facts = self
        facts.pythons.append(python)
        return facts
    }
}
