import XCTest
@testable import TFWizardCore

/// GPU surroundings, Docker and conda probed from recorded machines (Fixtures/machines/NAME).
final class ToolProbeTests: XCTestCase {
    func testNoGPUNoDockerNoConda() throws {
        let facts = try RecordedMachine("gpu-none-docker-missing").prober().probe()
        XCTAssertEqual(facts.gpu, .none)
        XCTAssertEqual(facts.docker, .absent)
        XCTAssertNil(facts.conda)
        XCTAssertEqual(facts.userName, "ada")
    }

    func testGPUWithoutDriverSecureBootAndOldCUDA() throws {
        let machine = try RecordedMachine("gpu-no-driver")
        let facts = machine.prober().probe()
        XCTAssertTrue(facts.gpu.nvidiaPresent)
        XCTAssertFalse(facts.gpu.driverLoaded)
        XCTAssertNil(facts.gpu.driverVersion)
        XCTAssertEqual(facts.gpu.devices.map(\.pciDeviceID), ["0x2503"])
        XCTAssertEqual(facts.gpu.secureBoot, true, "the 5th byte of the SecureBoot variable is 1")
        XCTAssertEqual(facts.gpu.ubuntuDrivers, "/usr/bin/ubuntu-drivers")
        XCTAssertEqual(facts.gpu.systemCUDA, .init(toolkits: [.init(path: "/usr/local/cuda-11.8", version: "11.8.20220929"),
                                                             .init(path: "/usr/local/cuda-13.0", version: "13.0")],
                                                   libraries: ["libcublas.so.11", "libcudart.so.11.0", "libcudnn.so.8"],
                                                   cudnnVersion: "8"),
                       "libcuda.so.1 belongs to the driver and is not listed; the cuda and cuda-13 links are cuda-13.0")
        XCTAssertFalse(machine.runner.calls.contains { $0[0].hasSuffix("nvidia-smi") }, "no nvidia-smi on this machine")
    }

    func testDriverTooOldForTheRelease() throws {
        let facts = try RecordedMachine("gpu-old-driver").prober().probe()
        XCTAssertEqual(facts.gpu.driverVersion, "470.256.02")
        XCTAssertTrue(facts.gpu.driverLoaded)
        XCTAssertEqual(facts.gpu.devices.first?.name, "Tesla P4")
        XCTAssertEqual(facts.gpu.devices.first?.computeCapability, "6.1")
        XCTAssertEqual(facts.gpu.secureBoot, false)
        XCTAssertNil(facts.gpu.systemCUDA)
    }

    func testComputeCapabilityTooOld() throws {
        let facts = try RecordedMachine("gpu-old-capability").prober().probe()
        XCTAssertEqual(facts.gpu.devices.first?.name, "Tesla K80")
        XCTAssertEqual(facts.gpu.devices.first?.computeCapability, "3.7")
        XCTAssertNil(facts.gpu.secureBoot, "no efivars: a BIOS boot")
    }

    func testModernH200() throws {
        let facts = try RecordedMachine("ubuntu-24.04").prober().probe()
        XCTAssertEqual(facts.gpu.devices.first?.name, "NVIDIA H200")
        XCTAssertEqual(facts.gpu.devices.first?.computeCapability, "9.0")
        XCTAssertEqual(facts.gpu.driverVersion, "580.159.04")
        XCTAssertNil(facts.docker?.clientPath)
        XCTAssertEqual(facts.userName, nil, "the recording has no USER")
    }

    func testDockerWithoutPermissionAndConda() throws {
        let machine = try RecordedMachine("docker-no-permission-conda")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.docker, .init(clientPath: "/usr/bin/docker", clientVersion: "27.5.1", daemon: .permissionDenied,
                                           serverVersion: nil, userInDockerGroup: false, socketExists: true,
                                           nvidiaCTKPath: nil, nvidiaRuntime: false))
        XCTAssertEqual(facts.conda, .init(executable: "/home/ada/miniconda3/bin/conda", kind: .conda, version: "24.9.2",
                                          basePrefix: "/home/ada/miniconda3", environments: []))
        XCTAssertTrue(machine.runner.calls.contains(["/usr/bin/docker", "info"]))
    }

    func testDockerWithoutTheNVIDIAToolkit() throws {
        let facts = try RecordedMachine("docker-no-toolkit").prober().probe()
        XCTAssertEqual(facts.docker?.daemon, .answers)
        XCTAssertEqual(facts.docker?.serverVersion, "27.5.1")
        XCTAssertEqual(facts.docker?.userInDockerGroup, true)
        XCTAssertNil(facts.docker?.nvidiaCTKPath)
        XCTAssertEqual(facts.docker?.nvidiaRuntime, false)
        XCTAssertEqual(facts.gpu.devices.first?.computeCapability, "8.9")
        XCTAssertNil(facts.conda)
    }

    func testDockerInfoParsing() {
        let running = DockerProbe.parseInfo("Server:\n Server Version: 28.0.1\n Runtimes: io.containerd.runc.v2 nvidia runc\n",
                                            succeeded: true)
        XCTAssertEqual(running, .init(daemon: .answers, serverVersion: "28.0.1", runtimes: ["io.containerd.runc.v2", "nvidia", "runc"]))
        let stopped = DockerProbe.parseInfo("Server:\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
                                            succeeded: false)
        XCTAssertEqual(stopped.daemon, .notRunning)
        XCTAssertEqual(DockerProbe.parseClientVersion("Docker version 19.03.13, build 4484c46d9d\n"), "19.03.13")
        XCTAssertEqual(DockerProbe.groupMembers("docker:x:998:ada,bob\n", group: "docker"), ["ada", "bob"])
        XCTAssertEqual(CondaProbe.parseVersion("mamba 1.5.8\nconda 24.3.0\n"), "1.5.8")
        XCTAssertEqual(CondaProbe.parseVersion("2.0.5\n"), "2.0.5")
    }

    func testProbeReportNamesTheTools() throws {
        let facts = try RecordedMachine("docker-no-permission-conda").prober().probe()
        let text = ProbeReport.text(facts, strings: Strings(language: "en"))
        XCTAssertTrue(text.contains("Docker: /usr/bin/docker 27.5.1, daemon refuses this user (permission denied)"), text)
        XCTAssertTrue(text.contains("conda: /home/ada/miniconda3/bin/conda 24.9.2 (environments: -)"), text)
        let gpu = ProbeReport.text(try RecordedMachine("gpu-no-driver").prober().probe(), strings: Strings(language: "en"))
        XCTAssertTrue(gpu.contains("Secure Boot: on"), gpu)
        XCTAssertTrue(gpu.contains("/usr/local/cuda-11.8 (11.8.20220929)"), gpu)
    }
}
