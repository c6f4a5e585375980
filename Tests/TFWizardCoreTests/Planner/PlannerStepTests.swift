import XCTest
@testable import TFWizardCore

final class PlannerStepTests: XCTestCase {
    typealias M = MachineFixture

    private func plan(_ answers: Answers, _ facts: MachineFacts, target: TargetState? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> Plan {
        let result = M.plan(answers, facts, target: target)
        return try XCTUnwrap(result.plan, "refused: \(String(describing: result.refusal))", file: file, line: line)
    }

    func testFreshUbuntu2404CPUInstall() throws {
        let plan = try plan(M.answers(), M.ubuntu2404(sudo: .needsPassword))
        XCTAssertEqual(plan.stepIDs, ["apt-update", "apt-venv", "create-venv", "upgrade-pip", "install-tf", "validate"])
        XCTAssertEqual(plan.step("apt-venv")?.argv, ["sudo", "apt-get", "install", "-y", "python3-venv"])
        XCTAssertEqual(plan.step("create-venv")?.argv, ["/usr/bin/python3", "-m", "venv", "/home/ada/tensorflow/venv"])
        XCTAssertEqual(plan.step("create-venv")?.title, "Create the virtual environment /home/ada/tensorflow/venv")
        XCTAssertEqual(plan.step("install-tf")?.title, "Install tensorflow")
        XCTAssertEqual(plan.pythonPath, "/usr/bin/python3")
        XCTAssertTrue(plan.notes.contains("sudo will ask for your password in the log pane."))
        XCTAssertTrue(plan.notes.contains { $0.contains("python-virtualenv are Python 2 packages") && $0.contains("installs python3-venv instead") })
        XCTAssertTrue(plan.notes.contains { $0.contains("tf.Session() fails on TensorFlow 2") })
        XCTAssertFalse(plan.notes.contains { $0.contains("tensorflow-gpu") })
    }

    func testRootNeedsNoSudoAndNonDefaultPythonGetsItsVersionedVenvPackage() throws {
        var facts = M.ubuntu2404(root: true, sudo: .absent)
        facts.pythons.append(M.python("3.11.10", path: "/usr/bin/python3.11", venv: false, externallyManaged: true))
        let plan = try plan(M.answers(python: "3.11"), facts)
        XCTAssertEqual(plan.step("apt-update")?.argv, ["apt-get", "update"])
        XCTAssertEqual(plan.step("apt-venv")?.argv, ["apt-get", "install", "-y", "python3.11-venv"])
        XCTAssertEqual(plan.step("create-venv")?.argv.first, "/usr/bin/python3.11")
    }

    func testVenvPackageAlreadyInstalledMeansNoAptSteps() throws {
        let plan = try plan(M.answers(python: "3.12"), M.ubuntu2404(venvInstalled: true))
        XCTAssertEqual(plan.stepIDs, ["create-venv", "upgrade-pip", "install-tf", "validate"])
        XCTAssertFalse(plan.steps.contains { $0.needsRoot })
    }

    func testPinnedVersionsAndTheGPUExtra() throws {
        let facts = M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060)
        XCTAssertEqual(try plan(M.answers(.gpu, version: "2.19"), facts).step("install-tf")?.argv.last, "tensorflow[and-cuda]==2.19.1")
        let exact = try plan(M.answers(.gpu, version: "2.19.0"), facts)
        XCTAssertEqual(exact.step("install-tf")?.argv.last, "tensorflow[and-cuda]==2.19.0")
        XCTAssertEqual(exact.tensorflowVersion, "2.19.0")
        XCTAssertEqual(try plan(M.answers(package: .tensorflowCPU, version: "2.20.0"), facts).step("install-tf")?.argv.last,
                       "tensorflow-cpu==2.20.0")
        let nightly = try plan(M.answers(.gpu, package: .tfNightly), facts)
        XCTAssertEqual(nightly.step("install-tf")?.argv.last, "tf-nightly[and-cuda]")
        XCTAssertTrue(nightly.notes.contains { $0.hasPrefix("tf-nightly is a development build") })
        XCTAssertEqual(exact.step("install-tf")?.why,
                       "The [and-cuda] extra brings CUDA 12.5 and cuDNN 9.3 as pip packages, so only the NVIDIA driver is needed on the system.")
    }

    func testMirrorAndProxyGoToTheEnvironmentNeverToArgv() throws {
        var answers = M.answers()
        answers.indexURL = "http://mirror.example:8080/simple"
        answers.proxy = "http://ada:s3cret@proxy.example:3128"
        let plan = try plan(answers, M.ubuntu2404(venvInstalled: true))
        for id in ["upgrade-pip", "install-tf"] {
            let step = try XCTUnwrap(plan.step(id))
            XCTAssertEqual(step.environment, ["PIP_INDEX_URL": "http://mirror.example:8080/simple",
                                              "PIP_TRUSTED_HOST": "mirror.example",
                                              "PIP_PROXY": "http://ada:s3cret@proxy.example:3128",
                                              "https_proxy": "http://ada:s3cret@proxy.example:3128"])
        }
        XCTAssertFalse(plan.steps.flatMap(\.argv).contains { $0.contains("s3cret") || $0.contains("mirror.example") })
        XCTAssertEqual(plan.step("create-venv")?.environment, [:])
    }

    func testAlreadyDoneFromTheTargetFolder() throws {
        let folder = "/home/ada/tensorflow/venv"
        var target = TargetState(path: folder, exists: true, isDirectory: true, venvExists: true, venvPythonVersion: "3.12.3",
                                 venvHome: "/usr/bin", venvHasPython: true, installedTensorFlow: "2.21.0",
                                 installedTensorFlowPackage: .tensorflow, installedDistributions: ["tensorflow": "2.21.0"])
        let facts = M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060)
        let plan = try plan(M.answers(version: "2.21.0"), facts, target: target)
        XCTAssertEqual(plan.step("create-venv")?.state,
                       .alreadyDone(reason: "/home/ada/tensorflow/venv is already a virtual environment with Python 3.12."))
        XCTAssertEqual(plan.step("install-tf")?.state, .alreadyDone(reason: "tensorflow 2.21.0 is already installed there."))
        XCTAssertEqual(plan.step("validate")?.state, .toRun)
        XCTAssertEqual(plan.step("upgrade-pip")?.state, .toRun)
        XCTAssertEqual(try self.plan(M.answers(), facts, target: target).step("install-tf")?.state,
                       .alreadyDone(reason: "tensorflow 2.21.0 is already installed there."))
        // Another version, another package, or a GPU install without the CUDA wheels: install again.
        XCTAssertEqual(try self.plan(M.answers(version: "2.20"), facts, target: target).step("install-tf")?.state, .toRun)
        XCTAssertEqual(try self.plan(M.answers(package: .tensorflowCPU), facts, target: target).step("install-tf")?.state, .toRun)
        XCTAssertEqual(try self.plan(M.answers(.gpu), facts, target: target).step("install-tf")?.state, .toRun)
        target.installedDistributions["nvidia-cudnn-cu12"] = "9.3.0.75"
        XCTAssertNotEqual(try self.plan(M.answers(.gpu), facts, target: target).step("install-tf")?.state, .toRun)
    }

    func testSystemPipAsRootAndWithAptPip() throws {
        let facts = M.ubuntu2004(root: true).withPython(pip: false)
        let plan = try plan(M.answers(.cpu, .systemPip, version: "2.13"), facts)
        XCTAssertEqual(plan.stepIDs, ["apt-update", "apt-pip", "upgrade-pip", "install-tf", "validate"])
        XCTAssertEqual(plan.step("apt-pip")?.argv, ["apt-get", "install", "-y", "python3-pip"])
        XCTAssertEqual(plan.step("install-tf")?.argv, ["/usr/bin/python3", "-m", "pip", "install", "tensorflow==2.13.1"])
        XCTAssertEqual(plan.step("install-tf")?.needsRoot, true)
        XCTAssertFalse(plan.notes.contains { $0.contains("--user") })
    }

    func testGPUDriverMissingOldDriverAndOldCard() throws {
        var gpu = M.rtx3060
        gpu.driverVersion = nil
        gpu.driverLoaded = false
        let noDriver = try plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu))
        XCTAssertEqual(noDriver.stepIDs, ["apt-update", "apt-ubuntu-drivers", "driver-list", "driver-install",
                                          "create-venv", "upgrade-pip", "install-tf"], "the check waits for the reboot")
        XCTAssertTrue(noDriver.notes.contains { $0.hasPrefix("No NVIDIA driver is loaded") })
        gpu.driverVersion = "470.256.02"
        gpu.driverLoaded = true
        let oldDriver = try plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu))
        XCTAssertTrue(oldDriver.notes.contains { $0.hasPrefix("The NVIDIA driver 470.256.02 is older than 525.60.13") })
        XCTAssertEqual(oldDriver.step("driver-install")?.argv, ["sudo", "ubuntu-drivers", "install"])
        gpu.devices.append(.init(pciAddress: nil, name: "Tesla K80", pciDeviceID: nil, computeCapability: "3.7", memoryMiB: 12206))
        gpu.driverVersion = "550.107.02"
        let mixed = try plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu))
        XCTAssertTrue(mixed.notes.contains("Tesla K80 has compute capability 3.7; TensorFlow 2.21.0 supports 6.0 and newer, so it will not use that GPU."))
        gpu.devices.removeFirst()
        let refused = M.plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu)).refusal
        XCTAssertEqual(refused?.field, "device")
        XCTAssertEqual(refused?.message, "Tesla K80 has compute capability 3.7; TensorFlow 2.21.0's GPU packages support 6.0 and newer, so TensorFlow would not use this GPU.")
        XCTAssertFalse(try plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060)).notes.contains { $0.contains("driver") && $0.contains("older") })
    }

    func testTargetFolder() throws {
        XCTAssertEqual(Planner.targetFolder(for: M.answers(venv: "~/tf//venv/"), home: "/home/ada"), "/home/ada/tf/venv")
        XCTAssertEqual(Planner.targetFolder(for: M.answers(venv: "/opt/./tf"), home: "/home/ada"), "/opt/tf")
        XCTAssertNil(Planner.targetFolder(for: M.answers(venv: "tf"), home: "/home/ada"))
        let plan = try plan(M.answers(venv: "~/tf//venv/"), M.ubuntu2404(venvInstalled: true))
        XCTAssertEqual(plan.step("create-venv")?.argv.last, "/home/ada/tf/venv")
    }

    func testLowDiskSpaceNote() throws {
        var facts = M.ubuntu2404(venvInstalled: true)
        facts.disk = .init(path: "/home/ada", freeBytes: 1 << 30)
        XCTAssertTrue(try plan(M.answers(), facts).notes.contains("Only 1.0 GB free in /home/ada; the install needs about 3.0 GB."))
    }

    func testMethodAvailability() {
        let facts = M.ubuntu2404()
        XCTAssertEqual(Planner.methodAvailability(.venv, device: .cpu, facts: facts, strings: Strings(language: "en")), .available)
        XCTAssertEqual(Planner.methodAvailability(.docker, device: .gpu, facts: facts, strings: Strings(language: "en")), .available,
                       "docker and the toolkit are installed by the plan")
        if case let .refused(reason, suggestion) = Planner.methodAvailability(.systemPip, device: .cpu, facts: facts, strings: Strings(language: "en")) {
            XCTAssertTrue(reason.contains("PEP 668"))
            XCTAssertEqual(suggestion, "Use the method venv: it installs the same packages into a folder of your own.")
        } else {
            XCTFail("system-pip should be refused on Ubuntu 24.04")
        }
        XCTAssertEqual(Planner.methodAvailability(.systemPip, device: .cpu, facts: M.ubuntu2204(), strings: Strings(language: "en")), .available)
        var arm = facts
        arm.architecture = "aarch64"
        XCTAssertFalse(Planner.methodAvailability(.venv, device: .gpu, facts: arm, strings: Strings(language: "en")).isAvailable)
        XCTAssertTrue(Planner.methodAvailability(.venv, device: .cpu, facts: arm, strings: Strings(language: "en")).isAvailable)
    }

    func testInterpreterProblemAndDefaultPython() throws {
        let latest = try XCTUnwrap(M.catalog.latest)
        let old = M.python("3.8.10", path: "/usr/bin/python3.8")
        XCTAssertEqual(Planner.interpreterProblem(old, release: latest, strings: Strings(language: "en")),
                       "Python 3.8 is not supported by TensorFlow 2.21.0 (needs 3.10-3.13).")
        XCTAssertNil(Planner.interpreterProblem(M.python("3.13.0", path: "/usr/bin/python3.13"), release: latest, strings: Strings(language: "en")))
        var facts = M.ubuntu2204()
        // The user's own `python3` (first on PATH) when the release supports it and it can make a venv.
        XCTAssertEqual(Planner.defaultPython(facts: facts, release: latest)?.path, "/usr/bin/python3")
        // Otherwise the newest supported one.
        facts.pythons[0].ensurepipAvailable = false
        XCTAssertEqual(Planner.defaultPython(facts: facts, release: latest)?.version, "3.11.7")
        facts.pythons.insert(old, at: 0)
        facts.pythons[0].path = "/usr/local/bin/python3"
        XCTAssertEqual(Planner.defaultPython(facts: facts, release: try XCTUnwrap(M.catalog.release("2.21")))?.version, "3.11.7")
        XCTAssertNil(Planner.defaultPython(facts: M.ubuntu2004(), release: latest))
    }
}

extension MachineFacts {
    func withPython(pip: Bool) -> MachineFacts {
        var copy = self
        copy.pythons = pythons.map { python in
            var python = python
            python.pipVersion = pip ? "20.0.2" : nil
            return python
        }
        copy.aptPackages = pip ? ["python3-pip": "20.0.2-5ubuntu1.10"] : [:]
        return copy
    }
}
