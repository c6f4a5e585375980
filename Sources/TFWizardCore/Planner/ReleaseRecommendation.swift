/// The release the wizard offers first: the newest one this machine can run — with one of its Pythons (or
/// the one the plan would install), and for a GPU install with its GPU — and why, when that is not the
/// newest release tfwizard knows.
public struct ReleaseRecommendation: Equatable, Sendable {
    public var release: TensorFlowRelease
    /// Why an older release, worded for the package screen; nil when it is the newest.
    public var reason: String?
}

extension Planner {
    /// nil when no release fits at all (the Python or the GPU is too old for every one): the question screens
    /// then say so where the choice is made.
    public static func recommendedRelease(device: Answers.Device, facts: MachineFacts, catalog: Catalog,
                                          strings: Strings) -> ReleaseRecommendation? {
        guard let newest = catalog.latest else { return nil }
        let pythons = candidatePythons(facts: facts, catalog: catalog)
        let capabilities = device == .gpu ? facts.gpu.devices.compactMap(\.computeCapability) : []
        func gpuFits(_ release: TensorFlowRelease) -> Bool {
            guard let best = capabilities.map(VersionNumber.init).max() else { return true }   // unknown: not judged here
            guard let minimum = release.minComputeCapability else { return true }
            return release.andCudaExtra && best >= VersionNumber(minimum)
        }
        func pythonFits(_ release: TensorFlowRelease) -> Bool {
            pythons.isEmpty || pythons.contains { release.supportsPython($0.version) }
        }
        guard let release = catalog.releases.first(where: { pythonFits($0) && gpuFits($0) }) else { return nil }
        guard release.version != newest.version else { return ReleaseRecommendation(release: release, reason: nil) }
        let reason: String
        if !gpuFits(newest), let device = facts.gpu.devices.first(where: { $0.computeCapability != nil }) {
            reason = strings.text("planner.recommend.olderGPU", [
                "gpu": device.name ?? "?", "capability": device.computeCapability ?? "?", "newest": newest.minorVersion,
                "min": newest.minComputeCapability ?? "?", "release": release.minorVersion])
        } else {
            let found = Array(Set(pythons.map(\.minorVersion))).sorted { VersionNumber($0) < VersionNumber($1) }
            reason = strings.text("planner.recommend.olderPython", [
                "newest": newest.minorVersion, "min": newest.pythonMin, "max": newest.pythonMax,
                "found": found.joined(separator: ", "), "release": release.minorVersion])
        }
        return ReleaseRecommendation(release: release, reason: reason)
    }

    /// The interpreters a plan could use: base interpreters first (another venv only when nothing else),
    /// or the distribution's python3 the plan would install.
    static func candidatePythons(facts: MachineFacts, catalog: Catalog) -> [MachineFacts.PythonInterpreter] {
        if let installable = installablePython(facts: facts, catalog: catalog) { return [installable] }
        return preferringBases(facts.pythons)
    }
}
