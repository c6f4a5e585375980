import Foundation
@testable import TFWizardCore

/// Machines the planner tests plan for, built from the facts a probe reports.
enum MachineFixture {
    static func python(_ version: String, path: String, realPath: String? = nil, pip: Bool = true, venv: Bool = true,
                       externallyManaged: Bool = false, source: MachineFacts.PythonInterpreter.Source = .system) -> MachineFacts.PythonInterpreter {
        MachineFacts.PythonInterpreter(path: path, realPath: realPath ?? path, version: version, pipVersion: pip ? "24.0" : nil,
                                       venvAvailable: true, ensurepipAvailable: venv, externallyManaged: externallyManaged,
                                       source: source)
    }

    /// Ubuntu 24.04: Python 3.12 is externally managed and ships without ensurepip until python3.12-venv is installed.
    static func ubuntu2404(root: Bool = false, sudo: MachineFacts.Privileges.Sudo = .passwordless,
                           venvInstalled: Bool = false, gpu: MachineFacts.GPU = .none,
                           pythons: [MachineFacts.PythonInterpreter]? = nil) -> MachineFacts {
        let system = python("3.12.3", path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", pip: false,
                            venv: venvInstalled, externallyManaged: true)
        return MachineFacts(
            os: .init(id: "ubuntu", versionID: "24.04", prettyName: "Ubuntu 24.04.1 LTS", codename: "noble"),
            architecture: "x86_64",
            cpu: .init(model: "Intel(R) Core(TM) i7-8700", cores: 12, hasAVX: true, hasAVX2: true, hasFMA: true),
            glibcVersion: "2.39", pythons: pythons ?? [system],
            disk: .init(path: "/home/ada", freeBytes: 50 << 30),
            privileges: .init(isRoot: root, sudo: sudo), gpu: gpu,
            aptPackages: venvInstalled ? ["python3.12-venv": "3.12.3-1ubuntu0.1", "python3-venv": "3.12.3-0ubuntu2"] : [:])
    }

    /// Ubuntu 20.04: Python 3.8, not externally managed, pip present.
    static func ubuntu2004(root: Bool = false) -> MachineFacts {
        var facts = ubuntu2404(root: root)
        facts.os = .init(id: "ubuntu", versionID: "20.04", prettyName: "Ubuntu 20.04.6 LTS", codename: "focal")
        facts.glibcVersion = "2.31"
        facts.pythons = [python("3.8.10", path: "/usr/bin/python3", realPath: "/usr/bin/python3.8", pip: true, venv: false)]
        facts.aptPackages = ["python3-pip": "20.0.2-5ubuntu1.10"]
        return facts
    }

    /// Ubuntu 22.04 with a pyenv 3.11 and the system 3.10; pip works for both.
    static func ubuntu2204() -> MachineFacts {
        var facts = ubuntu2404()
        facts.os = .init(id: "ubuntu", versionID: "22.04", prettyName: "Ubuntu 22.04.4 LTS", codename: "jammy")
        facts.glibcVersion = "2.35"
        facts.pythons = [
            python("3.10.12", path: "/usr/bin/python3", realPath: "/usr/bin/python3.10", pip: true, venv: true),
            python("3.11.7", path: "/home/ada/.pyenv/shims/python3", realPath: "/home/ada/.pyenv/versions/3.11.7/bin/python3.11",
                   source: .pyenv),
        ]
        facts.aptPackages = ["python3-pip": "22.0.2", "python3.10-venv": "3.10.12"]
        return facts
    }

    static let rtx3060 = MachineFacts.GPU(
        nvidiaPresent: true,
        devices: [.init(pciAddress: "0000:01:00.0", name: "NVIDIA GeForce RTX 3060", pciDeviceID: "0x2503",
                        computeCapability: "8.6", memoryMiB: 12288)],
        driverVersion: "550.107.02", driverLoaded: true)

    static let home = "/home/ada"

    static func answers(_ device: Answers.Device = .cpu, _ method: Answers.Method = .venv, python: String? = nil,
                        package: Answers.Package = .tensorflow, version: String = "latest",
                        venv: String = Answers.defaultVenv) -> Answers {
        Answers(device: device, method: method, python: python, package: package, version: version, venv: venv)
    }

    static let catalog: Catalog = {
        do { return try Catalog.builtIn() } catch { fatalError("built-in catalog: \(error)") }
    }()

    static func plan(_ answers: Answers, _ facts: MachineFacts, target: TargetState? = nil) -> Result<Plan, PlanRefusal> {
        let folder = PathExpansion.expandTilde(answers.venv, home: home)
        return Planner.plan(answers: answers, facts: facts, catalog: catalog, target: target ?? .absent(folder), home: home, strings: Strings(language: "en"))
    }
}

extension Result where Success == Plan, Failure == PlanRefusal {
    var plan: Plan? { if case let .success(plan) = self { return plan }; return nil }
    var refusal: PlanRefusal? { if case let .failure(refusal) = self { return refusal }; return nil }
}

extension Plan {
    func step(_ id: String) -> Step? { steps.first { $0.id == id } }
    var stepIDs: [String] { steps.map(\.id) }
}
