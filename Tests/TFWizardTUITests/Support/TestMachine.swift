import Foundation
import TFWizardCore
@testable import TFWizardTUI

/// A recorded-style Ubuntu 24.04 laptop with an NVIDIA GPU, three Pythons, and a small catalog.
enum TestMachine {
    static let python312 = MachineFacts.PythonInterpreter(
        path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", version: "3.12.3", pipVersion: nil,
        venvAvailable: true, ensurepipAvailable: true, externallyManaged: true, source: .system)
    static let python39 = MachineFacts.PythonInterpreter(
        path: "/home/ada/.pyenv/versions/3.9.19/bin/python3.9", realPath: nil, version: "3.9.19", pipVersion: "23.0.1",
        venvAvailable: true, ensurepipAvailable: true, externallyManaged: false, source: .pyenv)
    static let python313 = MachineFacts.PythonInterpreter(
        path: "/home/ada/.pyenv/versions/3.13.1/bin/python3.13", realPath: nil, version: "3.13.1", pipVersion: "24.3.1",
        venvAvailable: true, ensurepipAvailable: true, externallyManaged: false, source: .pyenv)

    static func facts(gpu: Bool = false) -> MachineFacts {
        MachineFacts(
            os: .init(id: "ubuntu", versionID: "24.04", prettyName: "Ubuntu 24.04.1 LTS", codename: "noble"),
            architecture: "x86_64",
            cpu: .init(model: "Intel(R) Core(TM) i7-10750H CPU @ 2.60GHz", cores: 12, hasAVX: true, hasAVX2: true, hasFMA: true),
            glibcVersion: "2.39",
            pythons: [python312, python39, python313],
            disk: .init(path: "/home/ada", freeBytes: 120 * 1_073_741_824),
            privileges: .init(isRoot: false, sudo: .needsPassword),
            gpu: gpu ? .init(nvidiaPresent: true,
                             devices: [.init(pciAddress: "0000:01:00.0", name: "NVIDIA GeForce RTX 3060", pciDeviceID: "0x2503",
                                             computeCapability: "8.6", memoryMiB: 12288)],
                             driverVersion: "550.120", driverLoaded: true)
                     : .none)
    }

    static func release(_ version: String, _ min: String, _ max: String) -> TensorFlowRelease {
        TensorFlowRelease(version: version, pythonMin: min, pythonMax: max, cuda: "12.5", cudnn: "9.3",
                          minDriver: "525.60.13", computeCapabilities: ["6.0", "8.6"], minComputeCapability: "6.0",
                          glibcMin: "2.27", requiresAVX: true, andCudaExtra: true, released: nil, bazel: nil, clang: nil)
    }

    static let catalog = Catalog(releases: [release("2.21.0", "3.10", "3.13"), release("2.20.0", "3.9", "3.13"),
                                            release("2.16.1", "3.9", "3.12")])

    static func plan(_ answers: Answers) -> Plan {
        let venv = answers.venv
        let python = answers.python ?? python312.path
        let package = answers.device == .gpu ? "tensorflow[and-cuda]" : answers.package.rawValue
        return Plan(answers: answers, steps: [
            Step(id: "apt-venv", title: "Install python3.12-venv", why: "Ubuntu ships Python without ensurepip.",
                 argv: ["sudo", "apt-get", "install", "-y", "python3.12-venv"], needsRoot: true, safeToSkip: false,
                 state: .alreadyDone(reason: "python3.12-venv 3.12.3-1 is installed")),
            Step(id: "create-venv", title: "Create the virtual environment", why: "Keeps TensorFlow apart from the system Python.",
                 argv: [python, "-m", "venv", venv]),
            Step(id: "upgrade-pip", title: "Upgrade pip", why: "TensorFlow wheels need pip 19.0 or newer.",
                 argv: [venv + "/bin/python", "-m", "pip", "install", "--upgrade", "pip"], safeToSkip: true),
            Step(id: "install-tf", title: "Install \(package)", why: "The package itself; the index picks the wheel.",
                 argv: [venv + "/bin/python", "-m", "pip", "install", package]),
            Step(id: "validate", title: "Check that TensorFlow works", why: "Imports TensorFlow and computes a sum.",
                 argv: [venv + "/bin/python", "-c", "..."], kind: .validation),
        ], notes: ["tensorflow-gpu is gone: GPU support is the [and-cuda] extra of tensorflow."],
           tensorflowVersion: "2.21.0", pythonPath: python)
    }

    static let home = "/home/ada"

    /// The environment the tests run the wizard in: the shipped wiring (`WizardEnvironment.live`) over this
    /// machine's facts and the small catalog; only the engine and the two files it writes are replaced.
    /// `engineScript` is what the fake engine plays on start.
    static func environment(gpu: Bool = false, language: String = "en", engineScript: [EngineEvent] = [], overrides: [String: String] = [:],
                            answers: Answers = Answers(), engines: EngineBox = EngineBox(),
                            prober: Prober? = nil, installer: Answers.Installer? = nil,
                            adjust: (inout MachineFacts) -> Void = { _ in }) -> WizardEnvironment {
        var machine = facts(gpu: gpu)
        adjust(&machine)
        let context = MachineContext(facts: machine, recorded: nil, home: home, prober: prober)
        let sideEffects = WizardSideEffects(
            startEngine: { _, sink in
                let engine = FakeEngine(script: engineScript, sink: sink)
                engines.append(engine)
                return engine
            },
            exportLog: { "/home/ada/.local/state/tfwizard/install-20261126-1030.log" },
            saveAnswers: { _ in "/home/ada/.local/state/tfwizard/answers-20261126-1030.yaml" })
        var environment = WizardEnvironment.live(context: context, catalog: catalog, errorCatalog: CatalogDiagnosis.catalog,
                                                 strings: Strings(language: language), sideEffects: sideEffects, user: "ada")
        environment.initialAnswers = answers
        // An installer named here stands as an answer file's would (the steps scripted runs expect).
        if let installer {
            environment.initialAnswers.installer = installer
            environment.answersFromFile = true
        }
        environment.clock = { 1000 }
        environment.textOverrides = overrides
        return environment
    }
}

/// Keeps the fake engines a run created, for assertions.
final class EngineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var engines: [FakeEngine] = []
    func append(_ engine: FakeEngine) { lock.lock(); engines.append(engine); lock.unlock() }
    var last: FakeEngine? { lock.lock(); defer { lock.unlock() }; return engines.last }
}
