import XCTest
@testable import TFWizardCore

/// Every (device, method, python) combination on one machine: Ubuntu 24.04 with an RTX 3060, the system's
/// externally managed Python 3.12 (no venv support yet), a deadsnakes 3.8 and a pyenv 3.13.
final class PlannerCombinationTests: XCTestCase {
    static let pyenv313 = "/home/ada/.pyenv/versions/3.13.1/bin/python3.13"
    let facts = MachineFixture.ubuntu2404(gpu: MachineFixture.rtx3060, pythons: [
        MachineFixture.python("3.12.3", path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", pip: false, venv: false,
                              externallyManaged: true),
        MachineFixture.python("3.8.20", path: "/usr/bin/python3.8", venv: false),
        MachineFixture.python("3.13.1", path: PlannerCombinationTests.pyenv313, source: .pyenv),
    ])
    let venv = "/home/ada/tensorflow/venv"

    enum Expected: Equatable {
        case steps([String], python: String)
        case refused(field: String, message: String)
    }

    func expected(_ device: Answers.Device, _ method: Answers.Method, _ python: String?) -> Expected {
        switch method {
        case .docker:
            // Docker brings its own Python: the answer is not used. No docker here: apt, toolkit, image, check
            // (no user name is known, so no docker-group step).
            let toolkit = ["toolkit-key", "toolkit-source", "apt-update-toolkit", "apt-toolkit", "toolkit-configure", "docker-restart"]
            return .steps(["apt-update", "apt-docker"] + (device == .gpu ? toolkit : []) + ["docker-pull", "validate"],
                          python: "")
        case .conda:
            return .refused(field: "method", message: "No conda or mamba was found (on PATH, in ~/miniconda3, ~/anaconda3 or ~/miniforge3).")
        case .venv, .systemPip, .source:
            break
        default:
            XCTFail("\(method) is not one of the five methods this test knows")
        }
        if python == "3.8" {
            return .refused(field: "python", message: "Python 3.8 is not supported by TensorFlow 2.21.0, which needs Python 3.10-3.13.")
        }
        let system = python == "3.12" || python == "/usr/bin/python3"
        if method == .source {
            let build = ["apt-update", "apt-build", "bazelisk", "bazelisk-chmod", "git-clone", "configure", "bazel-build",
                         "create-venv", "upgrade-pip", "install-wheel", "validate"]
            return .steps(build, python: system ? "/usr/bin/python3" : Self.pyenv313)
        }
        if method == .systemPip {
            if system {
                return .refused(field: "method", message: "Python 3.12 at /usr/bin/python3 is externally managed (PEP 668): pip refuses to install into it.")
            }
            return .steps(["upgrade-pip", "install-tf", "validate"], python: Self.pyenv313)
        }
        if system {
            return .steps(["apt-update", "apt-venv", "create-venv", "upgrade-pip", "install-tf", "validate"], python: "/usr/bin/python3")
        }
        return .steps(["create-venv", "upgrade-pip", "install-tf", "validate"], python: Self.pyenv313)
    }

    func testEveryCombination() {
        var checked = 0
        for device in Answers.Device.allCases {
            for method in Answers.Method.allCases {
                for python in [nil, "3.8", "3.12", "3.13", "/usr/bin/python3", Self.pyenv313] as [String?] {
                    let label = "\(device) \(method) \(python ?? "default")"
                    let result = MachineFixture.plan(MachineFixture.answers(device, method, python: python), facts)
                    switch expected(device, method, python) {
                    case let .refused(field, message):
                        XCTAssertEqual(result.refusal?.field, field, label)
                        XCTAssertEqual(result.refusal?.message, message, label)
                    case let .steps(ids, pythonPath):
                        guard let plan = result.plan else { XCTFail("\(label): \(result)"); continue }
                        XCTAssertEqual(plan.stepIDs, ids, label)
                        XCTAssertEqual(plan.pythonPath ?? "", pythonPath, label)
                        XCTAssertEqual(plan.tensorflowVersion, "2.21.0", label)
                        if method == .venv || method == .systemPip {
                            checkCommands(plan, device: device, method: method, python: pythonPath, label: label)
                        }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 2 * 5 * 6)
    }

    private func checkCommands(_ plan: Plan, device: Answers.Device, method: Answers.Method, python: String, label: String) {
        let spec = device == .gpu ? "tensorflow[and-cuda]" : "tensorflow"
        let validate = plan.step("validate")
        XCTAssertEqual(validate?.kind, .validation, label)
        XCTAssertEqual(validate?.argv.dropLast(), method == .venv ? [venv + "/bin/python", "-c"] : [python, "-c"], label)
        XCTAssertEqual(validate?.argv.last, try? ValidationProgram.source(), label)
        if method == .venv {
            XCTAssertEqual(plan.step("create-venv")?.argv, [python, "-m", "venv", venv], label)
            XCTAssertEqual(plan.step("upgrade-pip")?.argv, [venv + "/bin/python", "-m", "pip", "install", "--upgrade", "pip"], label)
            XCTAssertEqual(plan.step("install-tf")?.argv, [venv + "/bin/python", "-m", "pip", "install", spec], label)
            if plan.step("apt-venv") != nil {
                XCTAssertEqual(plan.step("apt-update")?.argv, ["sudo", "apt-get", "update"], label)
                XCTAssertEqual(plan.step("apt-venv")?.argv, ["sudo", "apt-get", "install", "-y", "python3-venv"], label)
                XCTAssertEqual(plan.step("apt-venv")?.needsRoot, true, label)
            }
        } else {
            XCTAssertEqual(plan.step("install-tf")?.argv, [python, "-m", "pip", "install", "--user", spec], label)
            XCTAssertEqual(plan.step("upgrade-pip")?.argv, [python, "-m", "pip", "install", "--user", "--upgrade", "pip"], label)
        }
        for step in plan.steps {
            XCTAssertFalse(step.title.isEmpty || step.title.hasPrefix("planner."), "\(label) \(step.id)")
            XCTAssertFalse(step.why.isEmpty || step.why.hasPrefix("planner."), "\(label) \(step.id)")
            XCTAssertEqual(step.state, .toRun, "\(label) \(step.id)")
        }
        XCTAssertFalse(plan.notes.contains { $0.hasPrefix("planner.") }, label)
        if device == .gpu {
            XCTAssertTrue(plan.notes.contains { $0.hasPrefix("tensorflow-gpu is gone") }, label)
            XCTAssertTrue(plan.notes.contains { $0.contains("CUDA 12.5 and cuDNN 9.3 come as pip packages") }, label)
        }
        XCTAssertEqual(plan.notes.contains { $0.contains("python3 -m venv") }, method == .venv, label)
    }
}
