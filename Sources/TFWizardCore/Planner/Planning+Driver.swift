import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Planning {
    /// What the GPU needs before TensorFlow can use it, worded for the plan.
    enum DriverNeed: Equatable {
        case none                         // a driver new enough answers
        case missing                      // an NVIDIA GPU, no driver loaded
        case tooOld(found: String)        // a loaded driver older than the release's minimum
        case installedNotLoaded(String)   // an nvidia-driver package is installed but not loaded: a reboot is due
    }

    func driverNeed(_ release: TensorFlowRelease) -> DriverNeed {
        let gpu = facts.gpu
        if let found = gpu.driverVersion, gpu.driverLoaded || !gpu.nvidiaPresent {
            if let minimum = release.minDriver, VersionNumber(found) < VersionNumber(minimum) { return .tooOld(found: found) }
            return .none
        }
        guard gpu.nvidiaPresent else { return .none }
        if let package = facts.aptPackages.keys.sorted().last(where: { $0.hasPrefix("nvidia-driver-") }) {
            return .installedNotLoaded(package)
        }
        return .missing
    }

    /// Refuses a GPU plan when every GPU with a known compute capability is older than the release supports.
    func checkComputeCapability(_ release: TensorFlowRelease) throws(PlanRefusal) {
        guard answers.device == .gpu, let minimum = release.minComputeCapability else { return }
        let known = facts.gpu.devices.filter { $0.computeCapability != nil }
        guard !known.isEmpty, known.allSatisfy({ VersionNumber($0.computeCapability!) < VersionNumber(minimum) }) else { return }
        let device = known[0]
        let capability = device.computeCapability!
        let older = catalog.releases.first { candidate in
            candidate.andCudaExtra && candidate.minComputeCapability.map { VersionNumber(capability) >= VersionNumber($0) } ?? false
        }
        let suggestion = older.map {
            strings.text("planner.refuse.oldGPU.suggestion.older", ["older": $0.minorVersion, "capability": capability])
        } ?? strings["planner.refuse.oldGPU.suggestion.cpu"]
        throw refusal("device", "planner.refuse.oldGPU", ["gpu": device.name ?? strings["planner.gpu.unnamed"], "capability": capability,
                                                          "version": release.version, "min": minimum],
                      suggestion: suggestion)
    }

    /// On Ubuntu, a missing or too old driver is installed with `ubuntu-drivers`; a reboot must follow,
    /// so such a plan stops before the check and says how to come back.
    func driverSteps(_ release: TensorFlowRelease, privileges: PrivilegePrefix) throws(PlanRefusal) -> (steps: [Step], notes: [String]) {
        guard answers.device == .gpu else { return ([], []) }
        let need = driverNeed(release)
        guard need != .none, facts.gpu.nvidiaPresent else { return ([], []) }
        let minimum = release.minDriver ?? "?"
        var notes: [String] = []
        switch need {
        case .missing: notes.append(strings.text("planner.note.driver.missing", ["driver": minimum]))
        case .tooOld(let found): notes.append(strings.text("planner.note.driver.tooOld", ["found": found, "driver": minimum,
                                                                                          "version": release.version]))
        case .installedNotLoaded(let package): notes.append(strings.text("planner.note.driver.notLoaded", ["package": package]))
        case .none: break
        }
        guard facts.os.isUbuntu else {
            notes.append(strings["planner.note.driver.otherOS"])
            return ([], notes)
        }
        let tool = facts.gpu.ubuntuDrivers ?? "ubuntu-drivers"
        if case .installedNotLoaded(let package) = need {
            // Shown as done, so the plan still says why it stops before the check.
            notes.append(strings["planner.note.driver.reboot"])
            if facts.gpu.secureBoot == true { notes.append(strings["planner.note.driver.secureBoot.loaded"]) }
            let installed = Step(id: "driver-install", title: strings["planner.step.driver-install.title"],
                                 why: strings["planner.step.driver-install.why"], argv: (privileges.prefix ?? []) + [tool, "install"],
                                 needsRoot: true, state: .alreadyDone(reason: strings.text("planner.done.driver", ["package": package])))
            return ([installed], notes)
        }
        guard let prefix = privileges.prefix else {
            throw refusal("device", "planner.refuse.driverNoRoot", suggestion: strings["planner.refuse.driverNoRoot.suggestion"])
        }
        var steps: [Step] = []
        if facts.gpu.ubuntuDrivers == nil {
            steps += try aptSteps(packages: ["ubuntu-drivers-common"], stepID: "apt-ubuntu-drivers", privileges: privileges)
        }
        steps.append(Step(id: "driver-list", title: strings["planner.step.driver-list.title"],
                          why: strings["planner.step.driver-list.why"], argv: [tool, "list"], safeToSkip: true,
                          doneCheck: ["nvidia-smi"]))   // a loaded driver needs no choosing
        steps.append(Step(id: "driver-install", title: strings["planner.step.driver-install.title"],
                          why: strings["planner.step.driver-install.why"], argv: prefix + [tool, "install"], needsRoot: true,
                          doneCheck: ["nvidia-smi"]))   // answers once a driver is loaded
        notes.append(strings["planner.note.driver.reboot"])
        if facts.gpu.secureBoot == true { notes.append(strings["planner.note.driver.secureBoot"]) }
        return (steps, notes)
    }

    /// Whether the plan ends before the check because the driver needs a reboot first.
    func rebootPending(_ release: TensorFlowRelease) -> Bool {
        guard answers.device == .gpu, facts.gpu.nvidiaPresent, facts.os.isUbuntu else { return false }
        return driverNeed(release) != .none
    }

    /// Notes about CUDA and cuDNN already on the system: not needed, and a different version on
    /// LD_LIBRARY_PATH can shadow the pip packages' copies.
    func systemCUDANotes(_ release: TensorFlowRelease) -> [String] {
        guard answers.device == .gpu, let cuda = facts.gpu.systemCUDA, !cuda.isEmpty else { return [] }
        var found = cuda.toolkits.map { "CUDA \($0.version ?? "?") (\($0.path))" }
        if let cudnn = cuda.cudnnVersion { found.append("cuDNN \(cudnn)") }
        if found.isEmpty { found = cuda.libraries }
        return [strings.text("planner.note.systemCUDA", ["found": found.joined(separator: ", "),
                                                         "cuda": release.cuda ?? "?", "cudnn": release.cudnn ?? "?"])]
    }
}
