import XCTest
@testable import TFWizardCore

/// Each refusal, with the words the user reads.
final class PlannerRefusalTests: XCTestCase {
    typealias M = MachineFixture

    private func refusal(_ answers: Answers, _ facts: MachineFacts, target: TargetState? = nil,
                         file: StaticString = #filePath, line: UInt = #line) -> PlanRefusal? {
        let result = M.plan(answers, facts, target: target)
        XCTAssertNil(result.plan, "expected a refusal", file: file, line: line)
        return result.refusal
    }

    func testPythonOutsideTheRangeNamesBothRanges() {
        let refused = refusal(M.answers(python: "3.8"), M.ubuntu2004())
        XCTAssertEqual(refused?.field, "python")
        XCTAssertEqual(refused?.message, "Python 3.8 is not supported by TensorFlow 2.21.0, which needs Python 3.10-3.13.")
        XCTAssertEqual(refused?.suggestion, "Python 3.8 works with TensorFlow 2.12-2.13.")
        let tooNew = refusal(M.answers(python: "3.13", version: "2.19"), M.ubuntu2404())
        XCTAssertEqual(tooNew?.message, "Python 3.13 is not supported by TensorFlow 2.19.1, which needs Python 3.9-3.12.")
        XCTAssertEqual(tooNew?.suggestion, "Python 3.13 works with TensorFlow 2.20-2.21.")
    }

    func testNoSupportedPythonFoundSuggestsAnOlderRelease() {
        let refused = refusal(M.answers(), M.ubuntu2004())
        XCTAssertEqual(refused?.field, "python")
        XCTAssertEqual(refused?.message, "No Python between 3.10 and 3.13 was found on this machine (found: 3.8 (/usr/bin/python3)).")
        XCTAssertEqual(refused?.suggestion, "Install a supported Python, or choose TensorFlow 2.13.1, which supports the Python found.")
    }

    func testRequestedPythonNotInstalled() {
        let refused = refusal(M.answers(python: "3.11"), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "python")
        XCTAssertEqual(refused?.message, "Python 3.11 was not found on this machine.")
        XCTAssertEqual(refused?.suggestion,
                       "Install python3.11 and python3.11-venv first, or choose one that is here: 3.12 (/usr/bin/python3).")
    }

    func testInterpreterPathThatDoesNotExist() {
        let refused = refusal(M.answers(python: "/opt/python/bin/python3.12"), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "python")
        XCTAssertEqual(refused?.message, "No Python interpreter was found at /opt/python/bin/python3.12.")
        XCTAssertEqual(refused?.suggestion, "Interpreters found: 3.12 (/usr/bin/python3).")
        let tilde = refusal(M.answers(python: "~/py/bin/python3"), M.ubuntu2404())
        XCTAssertEqual(tilde?.message, "No Python interpreter was found at /home/ada/py/bin/python3.")
    }

    func testNoAVX() {
        var facts = M.ubuntu2404()
        facts.cpu = .init(model: "Intel(R) Core(TM)2 Quad CPU Q9650", cores: 4, hasAVX: false, hasAVX2: false, hasFMA: false)
        let refused = refusal(M.answers(), facts)
        XCTAssertEqual(refused?.field, "machine")
        XCTAssertEqual(refused?.message,
                       "This CPU has no AVX instructions, which TensorFlow 2.21.0 needs on x86_64: importing it would stop with 'Illegal instruction'.")
        XCTAssertNotNil(refused?.suggestion)
    }

    func testGlibcTooOldSuggestsTheNewestReleaseThatFits() {
        var facts = M.ubuntu2404()
        facts.glibcVersion = "2.24"
        let refused = refusal(M.answers(), facts)
        XCTAssertEqual(refused?.field, "version")
        XCTAssertEqual(refused?.message, "TensorFlow 2.21.0 needs glibc 2.27 or newer; this system has glibc 2.24.")
        XCTAssertEqual(refused?.suggestion, "TensorFlow 2.20.0 works with glibc 2.24: set version to 2.20.0.")
        facts.glibcVersion = "2.12"
        XCTAssertEqual(refusal(M.answers(), facts)?.suggestion, "Upgrade the operating system.")
    }

    func testUnsupportedArchitecture() {
        var facts = M.ubuntu2404()
        facts.architecture = "ppc64le"
        let refused = refusal(M.answers(), facts)
        XCTAssertEqual(refused?.field, "machine")
        XCTAssertEqual(refused?.message,
                       "TensorFlow publishes no packages for this machine's architecture (ppc64le); only x86_64 and aarch64 are supported.")
    }

    func testGPUWithTensorflowCPU() {
        let refused = refusal(M.answers(.gpu, package: .tensorflowCPU), M.ubuntu2404(gpu: M.rtx3060))
        XCTAssertEqual(refused?.field, "package")
        XCTAssertEqual(refused?.message, "tensorflow-cpu has no GPU support.")
    }

    func testGPUOnAarch64AndTensorflowCPUOnAarch64() {
        var facts = M.ubuntu2404(gpu: M.rtx3060)
        facts.architecture = "aarch64"
        let gpu = refusal(M.answers(.gpu), facts)
        XCTAssertEqual(gpu?.field, "device")
        XCTAssertEqual(gpu?.message, "TensorFlow's GPU packages exist only for x86_64; this machine is aarch64.")
        XCTAssertEqual(gpu?.suggestion, "Choose CPU.")
        let cpuPackage = refusal(M.answers(package: .tensorflowCPU), facts)
        XCTAssertEqual(cpuPackage?.message, "tensorflow-cpu is published for x86_64 only; this machine is aarch64.")
        // The plain package has aarch64 wheels, and AVX is an x86 matter.
        facts.cpu.hasAVX = false
        XCTAssertNotNil(M.plan(M.answers(), facts).plan)
    }

    func testUnknownVersion() {
        let refused = refusal(M.answers(version: "2.11.0"), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "version")
        XCTAssertEqual(refused?.message,
                       "TensorFlow 2.11.0 is not a release tfwizard knows (it knows 2.12, 2.13, 2.14, 2.15, 2.16, 2.17, 2.18, 2.19, 2.20, 2.21).")
        XCTAssertEqual(refusal(M.answers(version: "3.0"), M.ubuntu2404())?.field, "version")
    }

    func testNightlyCannotBePinned() {
        let refused = refusal(M.answers(package: .tfNightly, version: "2.21.0"), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "version")
        XCTAssertEqual(refused?.message, "tf-nightly has no fixed releases, so the version 2.21.0 cannot be pinned.")
    }

    func testGPUOnAReleaseWithoutTheAndCudaExtra() {
        let refused = refusal(M.answers(.gpu, python: "3.11", version: "2.13"), M.ubuntu2204())
        XCTAssertEqual(refused?.field, "version")
        XCTAssertEqual(refused?.message,
                       "TensorFlow 2.13.1 has no [and-cuda] extra: its GPU support needs CUDA 11.8 and cuDNN 8.6 installed by hand.")
    }

    func testGPUWithoutAnNvidiaCard() {
        let refused = refusal(M.answers(.gpu), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "device")
        XCTAssertEqual(refused?.message, "No NVIDIA GPU was found on this machine.")
    }

    func testVenvFolderThatIsAPlainNonEmptyFolder() {
        let folder = "/home/ada/projects"
        let target = TargetState(path: folder, exists: true, isDirectory: true, isEmptyDirectory: false)
        let refused = refusal(M.answers(venv: "~/projects"), M.ubuntu2404(venvInstalled: true), target: target)
        XCTAssertEqual(refused?.field, "venv")
        XCTAssertEqual(refused?.message,
                       "/home/ada/projects already exists, is not empty and is not a virtual environment; tfwizard will not write into it.")
        XCTAssertEqual(refused?.suggestion, "Choose a new or empty folder for the venv.")
        // An empty folder is fine.
        let empty = TargetState(path: folder, exists: true, isDirectory: true, isEmptyDirectory: true)
        XCTAssertNotNil(M.plan(M.answers(venv: "~/projects"), M.ubuntu2404(venvInstalled: true), target: empty).plan)
    }

    func testVenvFolderThatIsAFileOrAnotherPythonsVenv() {
        let file = TargetState(path: "/home/ada/tensorflow/venv", exists: true)
        XCTAssertEqual(refusal(M.answers(), M.ubuntu2404(venvInstalled: true), target: file)?.message,
                       "/home/ada/tensorflow/venv is a file, not a folder.")
        let other = TargetState(path: "/home/ada/tensorflow/venv", exists: true, isDirectory: true, venvExists: true,
                                venvPythonVersion: "3.11.9", venvHasPython: true)
        let refused = refusal(M.answers(), M.ubuntu2404(venvInstalled: true), target: other)
        XCTAssertEqual(refused?.message, "/home/ada/tensorflow/venv is a virtual environment with Python 3.11, not 3.12.")
        XCTAssertEqual(refused?.suggestion, "Choose another folder, or Python 3.11.")
    }

    func testRelativeVenvFolder() {
        XCTAssertEqual(refusal(M.answers(venv: "envs/tf"), M.ubuntu2404())?.field, "venv")
    }

    func testAptNeededWithoutRootOrSudo() {
        let refused = refusal(M.answers(), M.ubuntu2404(sudo: .absent))
        XCTAssertEqual(refused?.field, "method")
        XCTAssertEqual(refused?.message, "Installing python3-venv needs root, and this user is neither root nor able to use sudo.")
        XCTAssertEqual(refused?.suggestion, "Ask an administrator to run: apt-get install -y python3-venv")
        // Once the package is there, no root is needed at all.
        XCTAssertNotNil(M.plan(M.answers(), M.ubuntu2404(sudo: .absent, venvInstalled: true)).plan)
    }

    func testSystemPipOnAnExternallyManagedPython() {
        let refused = refusal(M.answers(.cpu, .systemPip), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "method")
        XCTAssertEqual(refused?.message,
                       "Every Python on this machine is externally managed (PEP 668) or belongs to another virtual environment: system pip has none it may install into.")
        XCTAssertEqual(refused?.suggestion, "Use the method venv: it installs the same packages into a folder of your own.")
    }

    func testCondaWithoutCondaIsRefusedDockerAndSourceArePlanned() {
        let refused = refusal(M.answers(.cpu, .conda), M.ubuntu2404())
        XCTAssertEqual(refused?.field, "method")
        XCTAssertEqual(refused?.message, "No conda or mamba was found (on PATH, in ~/miniconda3, ~/anaconda3 or ~/miniforge3).")
        XCTAssertEqual(refused?.suggestion?.hasPrefix("Install Miniconda"), true)
        XCTAssertNotNil(M.plan(M.answers(.cpu, .docker), M.ubuntu2404()).plan)
        XCTAssertNotNil(M.plan(M.answers(.cpu, .source), M.ubuntu2404()).plan)
    }
}
