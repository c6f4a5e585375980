import XCTest
@testable import TFWizardCore

/// The whole Prober against recorded machines (Fixtures/machines/NAME/root + commands.json).
final class RecordedMachineProbeTests: XCTestCase {
    private static let smiQuery = ["/usr/bin/nvidia-smi", "--query-gpu=name,compute_cap,driver_version,memory.total,pci.bus_id",
                                   "--format=csv,noheader"]

    func testUbuntu1804CoreTwoWithoutAVX() throws {
        let machine = try RecordedMachine("ubuntu-18.04")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.os, .init(id: "ubuntu", versionID: "18.04", prettyName: "Ubuntu 18.04.6 LTS", codename: "bionic"))
        XCTAssertEqual(facts.cpu, .init(model: "Intel(R) Core(TM)2 Quad CPU    Q9650  @ 3.00GHz", cores: 4,
                                        hasAVX: false, hasAVX2: false, hasFMA: false))
        XCTAssertEqual(facts.architecture, "x86_64", "from libc6's dpkg architecture amd64")
        XCTAssertEqual(facts.glibcVersion, "2.27")
        XCTAssertEqual(facts.pythons, [.init(path: "/usr/bin/python3", realPath: "/usr/bin/python3.6", version: "3.6.9",
                                             pipVersion: nil, venvAvailable: true, ensurepipAvailable: false,
                                             externallyManaged: false, source: .system)])
        XCTAssertFalse(facts.pythons[0].canCreateVenv)
        XCTAssertEqual(facts.privileges, .init(isRoot: false, sudo: .needsPassword))
        XCTAssertEqual(facts.gpu, .none, "an Intel display function is not an NVIDIA GPU")
        XCTAssertEqual(facts.aptPackages, ["libc6": "2.27-3ubuntu1.6", "python3": "3.6.7-1~18.04",
                                           "python3.6": "3.6.9-1~18.04ubuntu1.12"],
                       "python3-venv has only config files left; python3-apt is not of interest")
        XCTAssertFalse(machine.runner.calls.contains { $0[0].hasSuffix("nvidia-smi") })
        XCTAssertFalse(machine.runner.calls.contains { $0[0].hasSuffix("python3.6") }, "python3.6 is the same binary as python3")
        XCTAssertNotNil(facts.probeDurationMilliseconds)
    }

    func testUbuntu2004GPUWithDriverNotLoaded() throws {
        let machine = try RecordedMachine("ubuntu-20.04")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.os.codename, "focal")
        XCTAssertEqual(facts.cpu, .init(model: "Intel(R) Xeon(R) CPU E3-1245 V2 @ 3.40GHz", cores: 8,
                                        hasAVX: true, hasAVX2: false, hasFMA: false))
        XCTAssertEqual(facts.gpu, .init(nvidiaPresent: true,
                                        devices: [.init(pciAddress: "0000:07:00.0", name: nil, pciDeviceID: "0x2504",
                                                        computeCapability: nil, memoryMiB: nil)],
                                        driverVersion: nil, driverLoaded: false))
        XCTAssertTrue(machine.runner.calls.contains(Self.smiQuery))
        XCTAssertEqual(machine.runner.calls.filter { $0[0] == "/usr/bin/nvidia-smi" }.count, 1,
                       "a driver that does not answer is not asked again")
        XCTAssertEqual(facts.privileges, .init(isRoot: true, sudo: .absent))
        XCTAssertTrue(facts.privileges.canBecomeRoot)
        XCTAssertEqual(facts.pythons.map(\.version), ["3.8.10"])
        XCTAssertTrue(facts.pythons[0].canCreateVenv)
        XCTAssertEqual(facts.aptPackages["nvidia-driver-535"], "535.183.01-0ubuntu0.20.04.1")
        XCTAssertEqual(facts.disk?.path, "/", "no /root in the recorded tree: its nearest existing parent")
    }

    func testUbuntu2204ContainerUsesLspciAndLdd() throws {
        let machine = try RecordedMachine("ubuntu-22.04")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.os.versionID, "22.04")
        XCTAssertEqual(facts.architecture, "x86_64")
        XCTAssertEqual(facts.glibcVersion, "2.35", "no dpkg status: from `ldd --version`")
        XCTAssertEqual(facts.aptPackages, [:])
        XCTAssertEqual(facts.gpu.devices.map(\.pciAddress), ["0000:5a:00.0", "0000:5e:00.0"])
        XCTAssertEqual(facts.gpu.devices.map(\.pciDeviceID), ["0x1db6", "0x1db6"])
        XCTAssertTrue(facts.gpu.nvidiaPresent)
        XCTAssertFalse(facts.gpu.driverLoaded)
        XCTAssertEqual(facts.pythons.first?.version, "3.10.12")
        XCTAssertEqual(facts.pythons.first?.ensurepipAvailable, false)
        XCTAssertEqual(facts.privileges, .init(isRoot: false, sudo: .passwordless))
        XCTAssertTrue(facts.cpu.hasAVX2)
    }

    func testUbuntu2404H200PEP668AndPyenv() throws {
        let machine = try RecordedMachine("ubuntu-24.04")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.os.codename, "noble")
        XCTAssertEqual(facts.glibcVersion, "2.39")
        XCTAssertEqual(facts.gpu, .init(nvidiaPresent: true,
                                        devices: [.init(pciAddress: "0000:00:06.0", name: "NVIDIA H200", pciDeviceID: "0x2335",
                                                        computeCapability: "9.0", memoryMiB: 143771)],
                                        driverVersion: "580.159.04", driverLoaded: true))
        let home = "/home/ubuntu/.pyenv"
        XCTAssertEqual(facts.pythons, [
            .init(path: "\(home)/shims/python3", realPath: "\(home)/versions/3.11.7/bin/python3.11", version: "3.11.7",
                  pipVersion: "23.2.1", venvAvailable: true, ensurepipAvailable: true, externallyManaged: false, source: .pyenv),
            .init(path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", version: "3.12.3", pipVersion: "24.0",
                  venvAvailable: true, ensurepipAvailable: true, externallyManaged: true, source: .system),
            .init(path: "\(home)/versions/3.10.14/bin/python3", realPath: "\(home)/versions/3.10.14/bin/python3.10",
                  version: "3.10.14", pipVersion: "23.0.1", venvAvailable: true, ensurepipAvailable: true,
                  externallyManaged: false, source: .pyenv),
        ], "shim python3.11, /usr/bin/python3.12 and /bin/python3 (usrmerge link) are the same binaries again")
        XCTAssertFalse(machine.runner.calls.contains { $0[0].contains("/shims/") }, "shims are resolved, not run")
        XCTAssertEqual(facts.disk?.path, "/home/ubuntu")
        XCTAssertGreaterThan(facts.disk?.freeBytes ?? 0, 0)
        XCTAssertEqual(facts.privileges, .init(isRoot: false, sudo: .passwordless))
        XCTAssertEqual(facts.aptPackages["nvidia-driver-580-open"], "580.159.04-0ubuntu0.24.04.1")
    }

    func testDebian12NoSudoAndABrokenInterpreter() throws {
        let machine = try RecordedMachine("debian-12")
        let facts = machine.prober().probe()
        XCTAssertEqual(facts.os, .init(id: "debian", versionID: "12", prettyName: "Debian GNU/Linux 12 (bookworm)",
                                       codename: "bookworm"))
        XCTAssertTrue(facts.os.isDebianFamily)
        XCTAssertEqual(facts.glibcVersion, "2.36")
        XCTAssertEqual(facts.pythons.map(\.path), ["/home/user/tf-venv/bin/python3", "/usr/bin/python3"],
                       "a venv counts apart from its base interpreter; python3.9 fails to start and is left out")
        XCTAssertEqual(facts.pythons.map(\.realPath), ["/usr/bin/python3.11", "/usr/bin/python3.11"],
                       "the venv's absolute link resolves inside the recorded root")
        XCTAssertEqual(facts.pythons.map(\.source), [.other, .system])
        XCTAssertEqual(facts.pythons.map(\.externallyManaged), [false, true], "PEP 668 does not apply inside a venv")
        XCTAssertTrue(machine.runner.calls.contains(["/usr/local/bin/python3.9", "-c", FakeCommandRunner.pythonScriptPlaceholder]))
        XCTAssertEqual(facts.privileges, .init(isRoot: false, sudo: .absent))
        XCTAssertFalse(facts.privileges.canBecomeRoot)
        XCTAssertEqual(facts.disk?.path, "/", "/opt/tf/venv does not exist in the tree")
        XCTAssertEqual(facts.gpu, .none)
        XCTAssertNil(facts.aptPackages["python3-pip-whl"])
        XCTAssertEqual(facts.aptPackages["python3.11-venv"], "3.11.2-6+deb12u6")
    }

    func testAMissingRootGivesEmptyButValidFacts() {
        let runner = FakeCommandRunner()
        let facts = Prober(root: "/nonexistent-machine-root", runner: runner, environment: ["PATH": "/usr/bin"],
                           venvTarget: "/x", effectiveUserID: 1000).probe()
        XCTAssertEqual(facts.os.id, "linux")
        XCTAssertEqual(facts.architecture, "unknown")
        XCTAssertNil(facts.glibcVersion)
        XCTAssertEqual(facts.pythons, [])
        XCTAssertEqual(facts.gpu, .none)
        XCTAssertEqual(runner.calls, [])
    }

    func testFakeRunnerGetsTheRealScript() throws {
        let script = try ResourceStore.text("probe/interpreter_facts.py")
        XCTAssertTrue(script.contains(PythonFactsParser.marker))
        XCTAssertTrue(script.contains("EXTERNALLY-MANAGED"))
    }
}

final class NoCommandRunnerProbeTests: XCTestCase {
    /// `tfwizard probe --root DIR`: files are read, nothing of this machine answers for the recorded one.
    func testRecordedRootWithoutCommands() throws {
        let machine = try RecordedMachine("ubuntu-24.04")
        let facts = Prober(root: machine.rootPath, runner: NoCommandRunner(), environment: machine.recording.environment,
                           venvTarget: nil, effectiveUserID: 1000).probe()
        XCTAssertEqual(facts.os.versionID, "24.04")
        XCTAssertEqual(facts.pythons, [])
        XCTAssertEqual(facts.gpu.driverVersion, "580.159.04", "from /proc/driver/nvidia/version")
        XCTAssertEqual(facts.gpu.devices.map(\.pciDeviceID), ["0x2335"])
        XCTAssertNil(facts.gpu.devices.first?.name)
        XCTAssertEqual(facts.privileges.sudo, .needsPassword, "sudo -n could not be asked")
    }
}
