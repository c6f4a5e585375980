import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Planning {
    /// The interpreter the answers ask for (a version, a path, or none: the best one found), checked against
    /// the release's Python range. `avoidingExternallyManaged` (pip outside a venv, which such a Python
    /// refuses) prefers, when none is named, one pip will install into.
    func choosePython(_ release: TensorFlowRelease,
                      avoidingExternallyManaged: Bool = false) throws(PlanRefusal) -> MachineFacts.PythonInterpreter {
        let found = facts.pythons.map { "\($0.minorVersion) (\($0.path))" }.joined(separator: ", ")
        if let installable = Planner.installablePython(facts: facts, catalog: catalog) {
            // Nothing to choose from: the distribution's python3, installed by the plan.
            try requireSupported(installable.minorVersion, release)
            return installable
        }
        guard let requested = answers.python, requested != "3" else {
            if avoidingExternallyManaged {
                var open = facts
                open.pythons = facts.pythons.filter { !$0.externallyManaged && $0.virtualEnvironment == nil }
                if let python = Planner.defaultPython(facts: open, release: release) { return python }
            }
            if let python = Planner.defaultPython(facts: facts, release: release) { return python }
            throw noSupportedPython(release, found: found)
        }
        if requested.hasPrefix("/") || requested.hasPrefix("~") {
            let path = PathExpansion.expandTilde(requested, home: home)
            guard let python = facts.pythons.first(where: { $0.path == path || $0.realPath == path }) else {
                throw refusal("python", "planner.refuse.pythonPath", ["path": path],
                              suggestion: found.isEmpty ? nil : strings.text("planner.refuse.pythonPath.suggestion", ["found": found]))
            }
            try requireSupported(python.minorVersion, release)
            return python
        }
        let minor = requested.split(separator: ".").prefix(2).joined(separator: ".")
        try requireSupported(minor, release)
        let candidates = facts.pythons.filter { $0.minorVersion == minor }
        let exact = candidates.filter { $0.version == requested }
        guard let python = (exact.isEmpty ? candidates : exact).max(by: { Planner.preference($0) < Planner.preference($1) }) else {
            throw refusal("python", "planner.refuse.pythonMissing", ["python": minor],
                          suggestion: strings.text("planner.refuse.pythonMissing.suggestion",
                                                   ["python": minor, "found": found.isEmpty ? "none" : found]))
        }
        return python
    }

    /// Refuses a Python outside the release's range, naming both ranges: the release's Python range and
    /// the TensorFlow releases that do support this Python.
    func requireSupported(_ minor: String, _ release: TensorFlowRelease) throws(PlanRefusal) {
        guard !release.supportsPython(minor) else { return }
        let values = ["python": minor, "version": release.version, "min": release.pythonMin, "max": release.pythonMax]
        let supporting = catalog.releases.filter { $0.supportsPython(minor) }.map(\.minorVersion)
        let suggestion: String
        if let newest = supporting.first, let oldest = supporting.last {
            let releases = newest == oldest ? newest : "\(oldest)-\(newest)"
            suggestion = strings.text("planner.refuse.pythonRange.suggestion.older", ["python": minor, "releases": releases])
        } else {
            suggestion = strings.text("planner.refuse.pythonRange.suggestion.none", values)
        }
        throw refusal("python", "planner.refuse.pythonRange", values, suggestion: suggestion)
    }

    func noSupportedPython(_ release: TensorFlowRelease, found: String) -> PlanRefusal {
        if facts.pythons.isEmpty {
            return refusal("python", "planner.refuse.noInterpreter", suggestion: strings["planner.refuse.noInterpreter.suggestion"])
        }
        let older = catalog.releases.first { candidate in facts.pythons.contains { candidate.supportsPython($0.version) } }
        let values = ["min": release.pythonMin, "max": release.pythonMax, "found": found, "older": older?.version ?? ""]
        let suggestion = older == nil ? strings.text("planner.refuse.noPython.suggestion.none", values)
                                       : strings.text("planner.refuse.noPython.suggestion.older", values)
        return refusal("python", "planner.refuse.noPython", values, suggestion: suggestion)
    }
}
