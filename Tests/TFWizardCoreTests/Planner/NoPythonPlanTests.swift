import XCTest
@testable import TFWizardCore

/// A minimal image (a cloud or container base) has no Python 3 at all: the plan installs the
/// distribution's own python3 and its venv module with apt, then goes on as usual.
final class NoPythonPlanTests: XCTestCase {
    typealias M = MachineFixture

    private func minimal(_ version: String, codename: String, root: Bool = true,
                         sudo: MachineFacts.Privileges.Sudo = .absent) -> MachineFacts {
        var facts = M.ubuntu2404(root: root, sudo: sudo, pythons: [])
        facts.os = .init(id: "ubuntu", versionID: version, prettyName: "Ubuntu \(version) LTS", codename: codename)
        return facts
    }

    func testFreshUbuntu2204AsRootInstallsPythonAndItsVenvModuleFirst() throws {
        let result = M.plan(M.answers(), minimal("22.04", codename: "jammy"))
        let plan = try XCTUnwrap(result.plan, "refused: \(String(describing: result.refusal))")
        XCTAssertEqual(plan.stepIDs, ["apt-update", "apt-python", "create-venv", "upgrade-pip", "install-tf", "validate"])
        XCTAssertEqual(plan.step("apt-python")?.argv, ["apt-get", "install", "-y", "python3", "python3-venv"])
        XCTAssertEqual(plan.step("create-venv")?.argv, ["/usr/bin/python3", "-m", "venv", "/home/ada/tensorflow/venv"])
        XCTAssertEqual(plan.pythonPath, "/usr/bin/python3")
        XCTAssertEqual(plan.notes.first, "No Python 3 was found: the plan installs Ubuntu 22.04 LTS's own python3 (3.10) with apt first.")
        XCTAssertTrue(plan.notes.contains { $0.contains("installs python3, python3-venv instead") })
    }

    func testFreshUbuntu2404WithSudoUsesSudoAndRefusesSystemPip() throws {
        let facts = minimal("24.04", codename: "noble", root: false, sudo: .needsPassword)
        let plan = try XCTUnwrap(M.plan(M.answers(), facts).plan)
        XCTAssertEqual(plan.step("apt-python")?.argv, ["sudo", "apt-get", "install", "-y", "python3", "python3-venv"])
        XCTAssertTrue(plan.notes.first?.contains("(3.12)") == true)
        XCTAssertEqual(Planner.methodAvailability(.venv, device: .cpu, facts: facts, catalog: M.catalog, strings: Strings(language: "en")), .available)
        guard case .refused = Planner.methodAvailability(.systemPip, device: .cpu, facts: facts, catalog: M.catalog, strings: Strings(language: "en")) else {
            return XCTFail("Ubuntu 24.04's python3 is externally managed: system pip must be refused on the method screen")
        }
    }

    func testSystemPipOn2204InstallsPythonAndPip() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(.cpu, .systemPip), minimal("22.04", codename: "jammy")).plan)
        XCTAssertEqual(plan.step("apt-python")?.argv, ["apt-get", "install", "-y", "python3", "python3-pip"])
        XCTAssertEqual(plan.step("install-tf")?.argv.first, "/usr/bin/python3")
    }

    func testNoRootAndNoSudoIsRefusedOnTheMethodScreen() {
        let facts = minimal("22.04", codename: "jammy", root: false, sudo: .absent)
        guard case let .refused(reason, _) = Planner.methodAvailability(.venv, device: .cpu, facts: facts, catalog: M.catalog, strings: Strings(language: "en")) else {
            return XCTFail("without root nothing can be installed")
        }
        XCTAssertEqual(reason, "No python3 was found on this machine.")
    }

    func testAnUnlistedSystemIsRefusedAndAnOldPythonNamesTheRelease() throws {
        var unknown = minimal("22.04", codename: "jammy")
        unknown.os = .init(id: "fedora", versionID: "40", prettyName: "Fedora 40", codename: nil)
        XCTAssertEqual(M.plan(M.answers(), unknown).refusal?.field, "python")
        // Ubuntu 20.04's python3 is 3.8: TensorFlow 2.21 needs 3.10+, and the refusal says which releases fit.
        let refusal = try XCTUnwrap(M.plan(M.answers(), minimal("20.04", codename: "focal")).refusal)
        XCTAssertEqual(refusal.field, "python")
        XCTAssertTrue(refusal.description.contains("3.8"), refusal.description)
        XCTAssertNotNil(M.plan(M.answers(version: "2.13"), minimal("20.04", codename: "focal")).plan)
    }

    func testEveryListedDistributionHasAPython() throws {
        let catalog = try Catalog.builtIn()
        XCTAssertGreaterThanOrEqual(catalog.distributions.count, 4)
        for os in [("ubuntu", "22.04", "3.10"), ("ubuntu", "24.04", "3.12"), ("debian", "12", "3.11")] {
            XCTAssertEqual(catalog.distributionPython(for: .init(id: os.0, versionID: os.1, prettyName: nil, codename: nil))?.python, os.2)
        }
    }
}

/// Another project's virtual environment is never the base of TensorFlow's, and pip's --user is never
/// planned where pip refuses it (inside a virtual environment).
final class VirtualEnvironmentInterpreterTests: XCTestCase {
    typealias M = MachineFixture

    private func machine() -> MachineFacts {
        var facts = M.ubuntu2404(venvInstalled: true)
        var other = M.python("3.12.3", path: "/home/ada/project/.venv/bin/python3", source: .other)
        other.virtualEnvironment = "/home/ada/project/.venv"
        facts.pythons.insert(other, at: 0)   // first on PATH: an activated venv
        return facts
    }

    func testTheDefaultIsABaseInterpreterNotAnActivatedVenv() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(), machine()).plan)
        XCTAssertEqual(plan.pythonPath, "/usr/bin/python3")
    }

    func testSystemPipNeverPlansUserInsideAVenvAndRefusesWhenOnlyAVenvIsOpen() {
        // Ubuntu 24.04's python3 is externally managed; the only other one is a venv: system pip has no target.
        guard case .refused = Planner.methodAvailability(.systemPip, device: .cpu, facts: machine(), catalog: M.catalog, strings: Strings(language: "en")) else {
            return XCTFail("system pip into another project's venv must be refused")
        }
        var facts = machine()
        facts.privileges = .init(isRoot: false, sudo: .passwordless)
        let plan = M.plan(M.answers(.cpu, .systemPip, python: "/home/ada/project/.venv/bin/python3"), facts).plan
        XCTAssertFalse(plan?.steps.contains { $0.argv.contains("--user") } ?? false, "pip refuses --user in a venv")
    }
}

/// The release offered first is one the machine can run, and the screen says why when it is not the newest.
final class ReleaseRecommendationTests: XCTestCase {
    typealias M = MachineFixture
    let strings = Strings(language: "en")

    func testUbuntu2004WithPython38GetsTheNewestReleaseFor38() throws {
        let recommended = try XCTUnwrap(Planner.recommendedRelease(device: .cpu, facts: M.ubuntu2004(), catalog: M.catalog,
                                                                  strings: strings))
        XCTAssertEqual(recommended.release.minorVersion, "2.13")
        XCTAssertEqual(recommended.reason, "TensorFlow 2.21 needs Python 3.10 to 3.13; this machine has Python 3.8, so 2.13 is the newest release that runs here. (Or install a newer Python first.)")
        XCTAssertNotNil(M.plan(M.answers(version: recommended.release.version), M.ubuntu2004()).plan, "the recommendation plans")
    }

    func testAnOldGPUGetsItsLastReleaseAndAModernOneTheNewest() throws {
        var facts = M.ubuntu2204()
        facts.gpu = .init(nvidiaPresent: true,
                          devices: [.init(pciAddress: "0000:01:00.0", name: "Tesla K80", pciDeviceID: "0x102d",
                                          computeCapability: "3.7", memoryMiB: 11441)],
                          driverVersion: "470.256.02", driverLoaded: true)
        let old = try XCTUnwrap(Planner.recommendedRelease(device: .gpu, facts: facts, catalog: M.catalog, strings: strings))
        XCTAssertEqual(old.release.minorVersion, "2.14")
        XCTAssertTrue(old.reason?.hasPrefix("The Tesla K80 (compute capability 3.7) is too old for TensorFlow 2.21") == true,
                      old.reason ?? "")
        XCTAssertEqual(Planner.recommendedRelease(device: .cpu, facts: facts, catalog: M.catalog, strings: strings)?.reason, nil)
        let modern = Planner.recommendedRelease(device: .gpu, facts: M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060),
                                                catalog: M.catalog, strings: strings)
        XCTAssertEqual(modern?.release.minorVersion, "2.21")
        XCTAssertNil(modern?.reason)
    }
}

/// A source build needs the clang its release was built with; where the system's archive lacks it, the
/// plan adds LLVM's apt source first instead of failing at the build tools step.
final class SourceBuildLLVMTests: XCTestCase {
    typealias M = MachineFixture

    func testUbuntu2204GetsLLVMsAptSourceBeforeTheBuildTools() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(.cpu, .source), M.ubuntu2204()).plan)
        let ids = plan.stepIDs
        let source = try XCTUnwrap(ids.firstIndex(of: "llvm-source"))
        XCTAssertLessThan(try XCTUnwrap(ids.firstIndex(of: "llvm-key")), source)
        XCTAssertLessThan(source, try XCTUnwrap(ids.firstIndex(of: "apt-build")))
        XCTAssertTrue(plan.step("llvm-source")?.argv.contains {
            $0 == "deb [signed-by=/usr/share/keyrings/llvm-snapshot.asc] http://apt.llvm.org/jammy/ llvm-toolchain-jammy-18 main"
        } == true)
        XCTAssertTrue(plan.step("apt-build")?.argv.contains("clang-18") == true)
        XCTAssertTrue(plan.notes.contains { $0.contains("the plan adds LLVM's apt repository") })
    }

    func testUbuntu2404NeedsNoLLVMSource() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(.cpu, .source), M.ubuntu2404(venvInstalled: true)).plan)
        XCTAssertFalse(plan.stepIDs.contains("llvm-source"))
    }
}
