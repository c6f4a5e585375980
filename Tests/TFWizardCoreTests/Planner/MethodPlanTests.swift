import XCTest
@testable import TFWizardCore

/// Plans for the GPU, Docker, conda and source paths, from recorded machines (Fixtures/machines/NAME).
final class MethodPlanTests: XCTestCase {
    private typealias M = MachineFixture

    private func facts(_ name: String) throws -> MachineFacts { try RecordedMachine(name).prober().probe() }

    private func answers(_ device: Answers.Device, _ method: Answers.Method, python: String? = nil,
                         version: String = "latest", docker: Answers.Docker = Answers.Docker()) -> Answers {
        Answers(device: device, method: method, python: python, version: version, docker: docker)
    }

    func testNoGPURefusesGPUAndPlansCPU() throws {
        let machine = try facts("gpu-none-docker-missing")
        let refused = M.plan(answers(.gpu, .venv), machine).refusal
        XCTAssertEqual(refused?.field, "device")
        XCTAssertEqual(refused?.message, "No NVIDIA GPU was found on this machine.")
        XCTAssertEqual(try XCTUnwrap(M.plan(answers(.cpu, .venv), machine).plan).stepIDs,
                       ["create-venv", "upgrade-pip", "install-tf", "validate"])
    }

    func testGPUWithoutDriverInstallsItAndStopsForTheReboot() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .venv), try facts("gpu-no-driver")).plan)
        XCTAssertEqual(plan.stepIDs, ["driver-list", "driver-install", "create-venv", "upgrade-pip", "install-tf"])
        XCTAssertTrue(plan.awaitsReboot)
        XCTAssertEqual(plan.step("driver-list")?.argv, ["/usr/bin/ubuntu-drivers", "list"])
        XCTAssertEqual(plan.step("driver-install")?.argv, ["sudo", "/usr/bin/ubuntu-drivers", "install"])
        XCTAssertEqual(plan.step("driver-install")?.needsRoot, true)
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("No NVIDIA driver is loaded") })
        XCTAssertTrue(plan.notes.contains { $0.contains("Reboot, then run tfwizard again, or tfwizard install --answers FILE") })
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("Secure Boot is on") })
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("Found on the system: CUDA 11.8.20220929 (/usr/local/cuda-11.8), CUDA 13.0 (/usr/local/cuda-13.0), cuDNN 8") })
    }

    func testDriverTooOldIsReplaced() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .venv), try facts("gpu-old-driver")).plan)
        XCTAssertEqual(Array(plan.stepIDs.prefix(2)), ["driver-list", "driver-install"])
        XCTAssertFalse(plan.stepIDs.contains("validate"))
        XCTAssertTrue(plan.notes.contains("The NVIDIA driver 470.256.02 is older than 525.60.13, which TensorFlow 2.21.0 needs; the plan installs Ubuntu's recommended driver."))
        XCTAssertFalse(plan.notes.contains { $0.hasPrefix("Secure Boot is on") })
    }

    func testDriverInstalledButNotLoadedWaitsForTheReboot() throws {
        var machine = try facts("gpu-no-driver")
        machine.aptPackages["nvidia-driver-550"] = "550.120-0ubuntu0.22.04.1"
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .venv), machine).plan)
        XCTAssertEqual(plan.stepIDs, ["driver-install", "create-venv", "upgrade-pip", "install-tf"])
        XCTAssertEqual(plan.step("driver-install")?.state, .alreadyDone(reason: "nvidia-driver-550 is installed; it loads after a reboot."))
        XCTAssertTrue(plan.awaitsReboot)
        XCTAssertTrue(plan.notes.contains("nvidia-driver-550 is installed but its kernel module is not loaded: a reboot is still due."))
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("Secure Boot is on: if the module still does not load") })
    }

    func testComputeCapabilityTooOldIsRefusedWithCPUOffered() throws {
        let refused = try XCTUnwrap(M.plan(answers(.gpu, .venv), try facts("gpu-old-capability")).refusal)
        XCTAssertEqual(refused.field, "device")
        XCTAssertEqual(refused.message, "Tesla K80 has compute capability 3.7; TensorFlow 2.21.0's GPU packages support 6.0 and newer, so TensorFlow would not use this GPU.")
        XCTAssertEqual(refused.suggestion, "Choose CPU, or TensorFlow 2.14, the newest release that still supports compute capability 3.7.")
        XCTAssertNotNil(M.plan(answers(.cpu, .venv), try facts("gpu-old-capability")).plan)
    }

    func testModernGPUValidatesTheGPU() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .venv, python: "3.11"), try facts("ubuntu-24.04")).plan)
        XCTAssertEqual(plan.stepIDs, ["create-venv", "upgrade-pip", "install-tf", "validate"])
        XCTAssertEqual(plan.step("install-tf")?.argv.last, "tensorflow[and-cuda]")
        XCTAssertEqual(plan.step("validate")?.why, "Imports TensorFlow, sums a random 1000x1000 matrix and must see at least one GPU.")
        XCTAssertFalse(plan.awaitsReboot)
        XCTAssertFalse(plan.notes.contains { $0.contains("driver") && ($0.contains("older") || $0.contains("No NVIDIA")) })
    }

    func testDockerMissing() throws {
        let plan = try XCTUnwrap(M.plan(answers(.cpu, .docker), try facts("gpu-none-docker-missing")).plan)
        XCTAssertEqual(plan.stepIDs, ["apt-update", "apt-docker", "docker-group", "docker-pull", "validate"])
        XCTAssertEqual(plan.step("apt-docker")?.argv, ["sudo", "apt-get", "install", "-y", "docker.io"])
        XCTAssertEqual(plan.step("docker-group")?.argv, ["sudo", "usermod", "-aG", "docker", "ada"])
        XCTAssertEqual(plan.step("docker-pull")?.argv, ["sudo", "docker", "pull", "tensorflow/tensorflow:latest"])
        let validate = try XCTUnwrap(plan.step("validate"))
        XCTAssertEqual(validate.kind, .validation)
        XCTAssertEqual(Array(validate.argv.dropLast()), ["sudo", "docker", "run", "--rm", "tensorflow/tensorflow:latest", "python", "-c"])
        XCTAssertEqual(validate.argv.last, try ValidationProgram.source())
        XCTAssertTrue(plan.notes.contains("Afterwards, start TensorFlow with: docker run -it --rm -p 6006:6006 tensorflow/tensorflow:latest bash"))
    }

    func testDockerWithoutPermissionUsesSudoAndAddsTheGroup() throws {
        let plan = try XCTUnwrap(M.plan(answers(.cpu, .docker, version: "2.21.0", docker: .init(imageTag: "latest", jupyter: true)),
                                        try facts("docker-no-permission-conda")).plan)
        XCTAssertEqual(plan.stepIDs, ["docker-group", "docker-pull", "validate"])
        XCTAssertEqual(plan.step("docker-pull")?.argv, ["sudo", "/usr/bin/docker", "pull", "tensorflow/tensorflow:2.21.0-jupyter"])
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("ada is added to the docker group") })
        XCTAssertTrue(plan.notes.contains { $0.contains("docker run -it --rm -p 8888:8888 -p 6006:6006 tensorflow/tensorflow:2.21.0-jupyter") })
    }

    func testDockerGPUWithoutToolkitPlansTheToolkit() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .docker), try facts("docker-no-toolkit")).plan)
        XCTAssertEqual(plan.stepIDs, ["toolkit-key", "toolkit-source", "apt-update-toolkit", "apt-toolkit", "toolkit-configure",
                                      "docker-restart", "docker-pull", "validate"])
        XCTAssertEqual(plan.step("toolkit-key")?.argv, ["sudo", "curl", "-fsSL", "-o", "/usr/share/keyrings/nvidia-container-toolkit-keyring.asc",
                                                        "https://nvidia.github.io/libnvidia-container/gpgkey"])
        XCTAssertEqual(plan.step("toolkit-source")?.argv.suffix(2),
                       ["deb [signed-by=/usr/share/keyrings/nvidia-container-toolkit-keyring.asc] https://nvidia.github.io/libnvidia-container/stable/deb/$(ARCH) /",
                        "/etc/apt/sources.list.d/nvidia-container-toolkit.list"])
        XCTAssertEqual(plan.step("toolkit-configure")?.argv, ["sudo", "nvidia-ctk", "runtime", "configure", "--runtime=docker"])
        XCTAssertEqual(plan.step("docker-pull")?.argv, ["/usr/bin/docker", "pull", "tensorflow/tensorflow:latest-gpu"],
                       "this user may use docker: no sudo")
        XCTAssertEqual(Array(plan.step("validate")?.argv.prefix(6) ?? []),
                       ["/usr/bin/docker", "run", "--rm", "--gpus", "all", "tensorflow/tensorflow:latest-gpu"])
        var ready = try facts("docker-no-toolkit")
        ready.docker?.nvidiaCTKPath = "/usr/bin/nvidia-ctk"
        ready.docker?.nvidiaRuntime = true
        XCTAssertEqual(try XCTUnwrap(M.plan(answers(.gpu, .docker), ready).plan).stepIDs, ["docker-pull", "validate"])
    }

    /// NVIDIA's guide installs curl before fetching its key; a machine whose dpkg list lacks curl gets it
    /// first (Ubuntu 24.04 recording: no Docker, no curl), after the one apt-get update of the plan.
    func testDockerGPUInstallsCurlBeforeTheToolkitKeyWhenMissing() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .docker), try facts("ubuntu-24.04")).plan)
        XCTAssertEqual(Array(plan.stepIDs.prefix(4)), ["apt-update", "apt-docker", "apt-curl", "toolkit-key"])
        XCTAssertEqual(plan.stepIDs.filter { $0 == "apt-update" }.count, 1)
        XCTAssertEqual(plan.step("apt-curl")?.argv, ["sudo", "apt-get", "install", "-y", "curl"])
        var withCurl = try facts("ubuntu-24.04")
        withCurl.aptPackages["curl"] = "8.5.0-2ubuntu10"
        XCTAssertFalse(try XCTUnwrap(M.plan(answers(.gpu, .docker), withCurl).plan).stepIDs.contains("apt-curl"))
    }

    func testDockerTagIsCheckedAndNormalised() throws {
        let machine = try facts("docker-no-toolkit")
        let refused = M.plan(answers(.cpu, .docker, docker: .init(imageTag: "latest; rm -rf /")), machine).refusal
        XCTAssertEqual(refused?.field, "docker.image_tag")
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .docker, docker: .init(imageTag: "2.20.0-gpu-jupyter", jupyter: false)), machine).plan)
        XCTAssertEqual(plan.step("docker-pull")?.argv.last, "tensorflow/tensorflow:2.20.0-gpu", "suffixes follow the device and Jupyter answers")
    }

    func testCondaPresent() throws {
        let machine = try facts("docker-no-permission-conda")
        XCTAssertEqual(Planner.methodAvailability(.conda, device: .cpu, facts: machine, strings: Strings(language: "en")), .available)
        let plan = try XCTUnwrap(M.plan(answers(.cpu, .conda, python: "3.12"), machine).plan)
        let conda = "/home/ada/miniconda3/bin/conda"
        XCTAssertEqual(plan.stepIDs, ["conda-create", "install-tf", "validate"])
        XCTAssertEqual(plan.step("conda-create")?.argv, [conda, "create", "-y", "-n", "tf", "python=3.12", "pip"])
        XCTAssertEqual(plan.step("install-tf")?.argv, [conda, "run", "--no-capture-output", "-n", "tf", "python", "-m", "pip", "install", "tensorflow"])
        XCTAssertEqual(plan.step("validate")?.argv.first, "/home/ada/miniconda3/envs/tf/bin/python")
        XCTAssertEqual(plan.pythonPath, "/home/ada/miniconda3/envs/tf/bin/python")
        let defaultPython = try XCTUnwrap(M.plan(answers(.cpu, .conda), machine).plan)
        XCTAssertEqual(defaultPython.step("conda-create")?.argv[5], "python=3.13", "the newest Python the release supports")
        XCTAssertEqual(M.plan(answers(.cpu, .conda, python: "3.8"), machine).refusal?.field, "python")
        XCTAssertTrue(plan.notes.contains { $0.contains("conda tos accept") })
        var forge = machine
        forge.conda = .init(executable: "/home/ada/miniforge3/bin/mamba", kind: .mamba, version: "2.0.5",
                            basePrefix: "/home/ada/miniforge3", environments: ["tf"])
        let mamba = try XCTUnwrap(M.plan(answers(.cpu, .conda), forge).plan)
        XCTAssertFalse(mamba.notes.contains { $0.contains("conda tos accept") })
        XCTAssertEqual(mamba.step("conda-create")?.state, .alreadyDone(reason: "The conda environment tf already exists; it is reused."))
        XCTAssertEqual(mamba.step("install-tf")?.argv.prefix(2), ["/home/ada/miniforge3/bin/mamba", "run"])
    }

    func testCondaMissingIsRefusedWithASuggestion() throws {
        guard case let .refused(reason, suggestion) = Planner.methodAvailability(.conda, device: .cpu,
                                                                                  facts: try facts("gpu-none-docker-missing"), strings: Strings(language: "en")) else {
            return XCTFail("conda should be refused without conda")
        }
        XCTAssertTrue(reason.hasPrefix("No conda or mamba was found"))
        XCTAssertEqual(suggestion?.contains("Miniconda"), true)
        XCTAssertEqual(suggestion?.contains("venv"), true)
    }

    func testSourceBuildStatesCostAndTools() throws {
        let plan = try XCTUnwrap(M.plan(answers(.cpu, .source), try facts("gpu-none-docker-missing")).plan)
        XCTAssertEqual(plan.stepIDs, ["apt-update-curl", "apt-curl-llvm", "llvm-key", "llvm-source",
                                      "apt-update", "apt-build", "bazelisk", "bazelisk-chmod", "git-clone", "configure",
                                      "bazel-build", "create-venv", "upgrade-pip", "install-wheel", "validate"])
        XCTAssertEqual(plan.step("git-clone")?.argv, ["git", "clone", "--depth", "1", "--branch", "v2.21.0",
                                                      "https://github.com/tensorflow/tensorflow.git", "/home/ada/tensorflow/tensorflow-src"])
        XCTAssertEqual(plan.step("bazel-build")?.argv.suffix(5),
                       ["/home/ada/.local/bin/bazel", "build", "//tensorflow/tools/pip_package:wheel",
                        "--repo_env=USE_PYWRAP_RULES=1", "--repo_env=WHEEL_NAME=tensorflow"])
        XCTAssertTrue(plan.step("apt-build")?.argv.contains("clang-18") ?? false)
        XCTAssertTrue(plan.step("apt-build")?.argv.contains("llvm-18") ?? false, "TensorFlow's page installs llvm-N with clang-N")
        XCTAssertEqual(plan.step("configure")?.environment["TF_NEED_CUDA"], "0")
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("Building from source takes hours") && $0.contains("tens of GB") })
        XCTAssertTrue(plan.notes.contains("TensorFlow 2.21.0 is built with Bazel 7.4.1 (through Bazelisk) and clang 18.1.8."))
        XCTAssertTrue(plan.notes.contains("clang-18 is not in Ubuntu 22.04.5 LTS's archive: the plan adds LLVM's apt repository (apt.llvm.org) and installs it from there."))
        let noble = try XCTUnwrap(M.plan(answers(.cpu, .source), try facts("ubuntu-24.04")).plan)
        XCTAssertFalse(noble.notes.contains { $0.contains("apt.llvm.org") })
    }

    /// Releases before 2.20 were not built with the pywrap rules; their build page has no such flag.
    func testSourceBuildOfAnOlderReleaseHasNoPywrapFlag() throws {
        var older = answers(.cpu, .source)
        older.version = "2.19"
        let plan = try XCTUnwrap(M.plan(older, try facts("ubuntu-24.04")).plan)
        XCTAssertEqual(plan.step("bazel-build")?.argv.suffix(3),
                       ["build", "//tensorflow/tools/pip_package:wheel", "--repo_env=WHEEL_NAME=tensorflow"])
    }

    func testSourceGPUBuildFlags() throws {
        let plan = try XCTUnwrap(M.plan(answers(.gpu, .source, python: "3.11"), try facts("ubuntu-24.04")).plan)
        XCTAssertEqual(plan.step("bazel-build")?.argv.suffix(2), ["--config=cuda", "--config=cuda_wheel"])
        XCTAssertTrue(plan.step("bazel-build")?.argv.contains("--repo_env=USE_PYWRAP_RULES=1") ?? false)
        // ./configure's CUDA question answered as TensorFlow's page says for a GPU build (cuda=Y).
        XCTAssertEqual(plan.step("configure")?.environment["TF_NEED_CUDA"], "1")
        XCTAssertEqual(plan.step("configure")?.environment["PYTHON_BIN_PATH"], "/home/ubuntu/.pyenv/shims/python3")
    }
}
