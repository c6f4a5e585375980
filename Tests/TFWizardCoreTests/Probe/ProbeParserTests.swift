import XCTest
@testable import TFWizardCore

final class OSReleaseAndCPUParserTests: XCTestCase {
    func testUbuntuReleasesCopiedWithTheirPromptLines() throws {
        let expected: [(String, String, String, String)] = [
            ("os-release-ubuntu-18.04.txt", "18.04", "bionic", "Ubuntu 18.04.6 LTS"),
            ("os-release-ubuntu-20.04.txt", "20.04", "focal", "Ubuntu 20.04.1 LTS"),
            ("os-release-ubuntu-22.04.txt", "22.04", "jammy", "Ubuntu 22.04.4 LTS"),
            ("os-release-ubuntu-24.04.txt", "24.04", "noble", "Ubuntu 24.04.3 LTS"),
        ]
        for (file, version, codename, pretty) in expected {
            let os = OSReleaseParser.parse(try RecordedMachine.output(file))
            XCTAssertEqual(os, MachineFacts.OperatingSystem(id: "ubuntu", versionID: version, prettyName: pretty,
                                                            codename: codename), file)
            XCTAssertTrue(os.isUbuntu)
        }
    }

    func testQuotingAndCodenameFallback() {
        let os = OSReleaseParser.parse("ID=\"Debian\"\nPRETTY_NAME='Debian \\\"x\\\"'\n# VERSION_ID=1\nUBUNTU_CODENAME=jammy\nnot a field\n")
        XCTAssertEqual(os.id, "debian")
        XCTAssertEqual(os.prettyName, "Debian \\\"x\\\"")   // single quotes keep backslashes
        XCTAssertNil(os.versionID)
        XCTAssertEqual(os.codename, "jammy")
        XCTAssertEqual(OSReleaseParser.parse("").id, "linux")
        XCTAssertEqual(OSReleaseParser.parse("PRETTY_NAME=\"A \\\"B\\\"\"").prettyName, "A \"B\"")
    }

    func testCPUFlagsLines() throws {
        let noAVX = CPUInfoParser.parse(try RecordedMachine.output("cpuinfo-flags-no-avx-core2-q9650.txt"))
        XCTAssertEqual(noAVX, MachineFacts.CPU(model: nil, cores: nil, hasAVX: false, hasAVX2: false, hasFMA: false))
        let ivyBridge = CPUInfoParser.parse(try RecordedMachine.output("cpuinfo-flags-avx-no-avx2-xeon-e3-1245v2.txt"))
        XCTAssertTrue(ivyBridge.hasAVX)
        XCTAssertFalse(ivyBridge.hasAVX2)
        XCTAssertFalse(ivyBridge.hasFMA)
    }

    func testFullCPUInfoCountsProcessorsAndTakesTheFirstModel() {
        let text = "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx avx2 fma\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\nflags\t\t: fpu\n"
        XCTAssertEqual(CPUInfoParser.parse(text),
                       MachineFacts.CPU(model: "AMD EPYC", cores: 2, hasAVX: true, hasAVX2: true, hasFMA: true))
        // "avx512f" alone is not "avx".
        XCTAssertFalse(CPUInfoParser.parse("flags : avx512f avx2\n").hasAVX)
    }
}

final class NvidiaSMIParserTests: XCTestCase {
    private func table(_ file: String) throws -> NvidiaSMIParser.Report {
        NvidiaSMIParser.parseTable(try RecordedMachine.output(file))
    }

    func testTable346WithoutCUDAColumn() throws {
        let report = try table("nvidia-smi-346-old-no-cuda-column.txt")
        XCTAssertEqual(report.driverVersion, "346.46")
        XCTAssertNil(report.cudaVersion)
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:00:03.0", name: "GRID K520", pciDeviceID: nil,
                                              computeCapability: nil, memoryMiB: 4095)])
        XCTAssertFalse(report.driverUnreachable)
    }

    func testTable440TruncatedName() throws {
        let report = try table("nvidia-smi-440-cuda10.2-docker.txt")
        XCTAssertEqual(report.driverVersion, "440.44")
        XCTAssertEqual(report.cudaVersion, "10.2")
        XCTAssertEqual(report.devices.map(\.name), ["GeForce RTX 208..."])
        XCTAssertEqual(report.devices.first?.pciAddress, "0000:02:00.0")
        XCTAssertEqual(report.devices.first?.memoryMiB, 11019)
    }

    func testTable530NoSpaceBeforeBar() throws {
        let report = try table("nvidia-smi-530-cuda12.1-tesla-p4.txt")
        XCTAssertEqual(report.driverVersion, "530.30.02")
        XCTAssertEqual(report.cudaVersion, "12.1")
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:61:00.0", name: "Tesla P4", pciDeviceID: nil,
                                              computeCapability: nil, memoryMiB: 7680)])
    }

    func testTable535WithListLinesAndCutSecondRow() throws {
        let report = try table("nvidia-smi-535-cuda12.2-2x-quadro.txt")
        XCTAssertEqual(report.driverVersion, "535.129.03")
        XCTAssertEqual(report.cudaVersion, "12.2")
        XCTAssertEqual(report.devices.count, 2, "the -L lines name the GPU the cut table lacks")
        XCTAssertEqual(report.devices[0], .init(pciAddress: "0000:06:00.0", name: "Quadro RTX 4000", pciDeviceID: nil,
                                                computeCapability: nil, memoryMiB: 8192))
        XCTAssertEqual(report.devices[1].name, "Quadro RTX 4000")
        XCTAssertNil(report.devices[1].pciAddress)
    }

    func testTable550() throws {
        let report = try table("nvidia-smi-550-cuda12.4-rtx4090d.txt")
        XCTAssertEqual(report.driverVersion, "550.107.02")
        XCTAssertEqual(report.cudaVersion, "12.4")
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:b8:00.0", name: "NVIDIA GeForce RTX 4090 D",
                                              pciDeviceID: nil, computeCapability: nil, memoryMiB: 24564)])
    }

    func testTable580H200() throws {
        let report = try table("nvidia-smi-580-h200-table.txt")
        XCTAssertEqual(report.driverVersion, "580.159.04")
        XCTAssertEqual(report.cudaVersion, "13.0")
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:00:06.0", name: "NVIDIA H200", pciDeviceID: nil,
                                              computeCapability: nil, memoryMiB: 143771)])
    }

    func testTableWSLWithErrFan() throws {
        let report = try table("nvidia-smi-wsl-470-err.txt")
        XCTAssertEqual(report.driverVersion, "475.06", "the Windows driver, not the NVIDIA-SMI version")
        XCTAssertEqual(report.cudaVersion, "11.4")
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:07:00.0", name: "NVIDIA GeForce ...", pciDeviceID: nil,
                                              computeCapability: nil, memoryMiB: 3072)])
    }

    func testDriverNotLoaded() throws {
        let report = try table("nvidia-smi-no-driver.txt")
        XCTAssertTrue(report.driverUnreachable)
        XCTAssertTrue(report.devices.isEmpty)
        XCTAssertNil(report.driverVersion)
        XCTAssertTrue(NvidiaSMIParser.parseQuery(try RecordedMachine.output("nvidia-smi-no-driver.txt")).driverUnreachable)
    }

    func testListOnly() throws {
        let report = try table("nvidia-smi-580-h200-L.txt")
        XCTAssertEqual(report.devices.map(\.name), ["NVIDIA H200"])
    }

    func testQueryCSV() throws {
        let report = NvidiaSMIParser.parseQuery(try RecordedMachine.output("nvidia-smi-580-h200-query.txt"))
        XCTAssertEqual(report.driverVersion, "580.159.04")
        XCTAssertEqual(report.devices, [.init(pciAddress: "0000:00:06.0", name: "NVIDIA H200", pciDeviceID: nil,
                                              computeCapability: "9.0", memoryMiB: 143771)])
        let old = NvidiaSMIParser.parseQuery(try RecordedMachine.output("nvidia-smi-580-h200-query-no-compute-cap.txt"),
                                             withComputeCapability: false)
        XCTAssertEqual(old.devices.first?.memoryMiB, 143771)
        XCTAssertNil(old.devices.first?.computeCapability)
        let two = NvidiaSMIParser.parseQuery("A, 8.6, 550.1, 12288 MiB, 00000000:01:00.0\nB, [N/A], 550.1, [N/A], 00000000:02:00.0\n")
        XCTAssertEqual(two.devices.map(\.name), ["A", "B"])
        XCTAssertEqual(two.devices.map(\.computeCapability), ["8.6", nil])
        XCTAssertEqual(two.devices.map(\.memoryMiB), [12288, nil])
    }

    func testProcDriverVersion() throws {
        XCTAssertEqual(NvidiaDriverVersionParser.parse(try RecordedMachine.output("proc-driver-nvidia-version-580-open.txt")),
                       "580.159.04")
        XCTAssertEqual(NvidiaDriverVersionParser.parse(
            "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.107.02  Wed Jul 24 23:53:00 UTC 2024\nGCC version:  gcc version 12.3.0\n"),
            "550.107.02")
        XCTAssertNil(NvidiaDriverVersionParser.parse("GCC version: 12.3.0\n"))
    }

    func testPCIAddressForms() {
        XCTAssertEqual(PCIAddress.normalize("00000000:B8:00.0"), "0000:b8:00.0")
        XCTAssertEqual(PCIAddress.normalize("0000:5a:00.0"), "0000:5a:00.0")
        XCTAssertEqual(PCIAddress.normalize("07:00.1"), "0000:07:00.1")
        XCTAssertNil(PCIAddress.normalize("GPU-c7b57be0"))
        XCTAssertNil(PCIAddress.normalize("lspci"))
    }
}

final class LspciParserTests: XCTestCase {
    func testTwoUnnamedTeslaCards() throws {
        let devices = LspciParser.nvidiaDisplayDevices(try RecordedMachine.output("lspci-nvidia-2x-tesla-3d-controller.txt"))
        XCTAssertEqual(devices, [
            .init(pciAddress: "0000:5a:00.0", name: nil, pciDeviceID: "0x1db6", computeCapability: nil, memoryMiB: nil),
            .init(pciAddress: "0000:5e:00.0", name: nil, pciDeviceID: "0x1db6", computeCapability: nil, memoryMiB: nil),
        ])
    }

    func testRTX3060WithoutItsAudioFunction() throws {
        let devices = LspciParser.nvidiaDisplayDevices(try RecordedMachine.output("lspci-nvidia-rtx3060-vga-audio.txt"))
        XCTAssertEqual(devices, [.init(pciAddress: "0000:07:00.0", name: "GeForce RTX 3060 Lite Hash Rate",
                                       pciDeviceID: nil, computeCapability: nil, memoryMiB: nil)])
    }

    func testWSLShowsNoNvidia() throws {
        XCTAssertEqual(LspciParser.nvidiaDisplayDevices(try RecordedMachine.output("lspci-wsl2-no-nvidia.txt")), [])
    }

    func testNumericForm() {
        let text = "01:00.0 VGA compatible controller [0300]: NVIDIA Corporation GA106 [GeForce RTX 3060 Lite Hash Rate] [10de:2504] (rev a1)\n01:00.1 Audio device [0403]: NVIDIA Corporation GA106 High Definition Audio Controller [10de:228e] (rev a1)\n"
        XCTAssertEqual(LspciParser.nvidiaDisplayDevices(text), [
            .init(pciAddress: "0000:01:00.0", name: "GeForce RTX 3060 Lite Hash Rate", pciDeviceID: "0x2504",
                  computeCapability: nil, memoryMiB: nil)])
    }
}

final class SmallProbeParserTests: XCTestCase {
    func testDpkgStatusSkipsRemovedPackagesAndContinuationLines() {
        let text = "Package: python3-venv\nStatus: deinstall ok config-files\nVersion: 1\n\nPackage: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9+deb12u4\nDescription: x\n Version: 9\n"
        XCTAssertEqual(DpkgStatusParser.installedPackages(text),
                       [.init(name: "libc6", version: "2.36-9+deb12u4", architecture: "amd64")])
        XCTAssertEqual(DpkgStatusParser.glibcVersion(fromLibc6Version: "2.35-0ubuntu3.8"), "2.35")
        XCTAssertEqual(DpkgStatusParser.glibcVersion(fromLibc6Version: "1:2.39-0ubuntu8"), "2.39")
        XCTAssertNil(DpkgStatusParser.glibcVersion(fromLibc6Version: "garbage"))
    }

    func testPackagesOfInterest() {
        for name in ["python3", "python3.12", "python3-venv", "python3.12-venv", "python3-pip", "python3.11-dev",
                     "nvidia-driver-550", "nvidia-driver", "libc6", "docker.io", "clang-18", "llvm-18"] {
            XCTAssertTrue(DpkgStatusParser.isOfInterest(name), name)
        }
        for name in ["python3-apt", "python3-pip-whl", "python3.", "libc6-dev", "python3.x-venv", "llvm-18-dev"] {
            XCTAssertFalse(DpkgStatusParser.isOfInterest(name), name)
        }
    }

    func testInterpreterNames() {
        XCTAssertEqual(PythonDiscovery.interpreterNames(in: ["python3.12", "python3-config", "python3", "python3.9",
                                                             "python3.12-config", "python3.10", "python2.7"]),
                       ["python3", "python3.9", "python3.10", "python3.12"])
    }

    func testPythonFacts() {
        let output = "noise\nTFWIZARD-PYTHON-FACTS\nversion=3.12.3\npip=\nvenv=1\nensurepip=0\nexternally_managed=1\n"
        XCTAssertEqual(PythonFactsParser.parse(output),
                       .init(version: "3.12.3", pipVersion: nil, venvAvailable: true, ensurepipAvailable: false,
                             externallyManaged: true))
        XCTAssertNil(PythonFactsParser.parse("Traceback (most recent call last):\n"))
    }
}
