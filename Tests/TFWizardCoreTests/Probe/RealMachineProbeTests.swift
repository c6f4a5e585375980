import XCTest
@testable import TFWizardCore

/// The real Prober on the machine running the tests: values must be sane everywhere, and exact where
/// the machine is the Debian 12 build machine this project is developed on.
final class RealMachineProbeTests: XCTestCase {
    func testProbeThisMachine() throws {
        let environment = ProcessInfo.processInfo.environment
        let facts = Prober(runner: SystemCommandRunner(), environment: environment, venvTarget: nil).probe()

        XCTAssertFalse(facts.os.id.isEmpty)
        XCTAssertFalse(facts.architecture.isEmpty)
        XCTAssertNotEqual(facts.architecture, "unknown")
        let cores = try XCTUnwrap(facts.cpu.cores)
        XCTAssertEqual(cores, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let glibc = try XCTUnwrap(facts.glibcVersion)
        XCTAssertNotNil(glibc.range(of: #"^2\.\d+$"#, options: .regularExpression), glibc)
        let disk = try XCTUnwrap(facts.disk)
        XCTAssertTrue(FileManager.default.fileExists(atPath: disk.path))
        XCTAssertGreaterThan(disk.freeBytes, 0)
        XCTAssertEqual(facts.privileges.isRoot, geteuid() == 0)
        // Deduplicated by real path; a virtual environment counts apart from its base interpreter.
        let keys = facts.pythons.map { python -> String in
            let folder = ((python.path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let isVenv = FileManager.default.fileExists(atPath: folder + "/pyvenv.cfg")
            return (isVenv ? folder + "|" : "") + (python.realPath ?? python.path)
        }
        XCTAssertEqual(Set(keys).count, facts.pythons.count, "\(keys)")
        for python in facts.pythons {
            XCTAssertTrue(python.version.hasPrefix("3."), "\(python.path): \(python.version)")
        }
        let milliseconds = try XCTUnwrap(facts.probeDurationMilliseconds)
        print("probe of this machine: \(milliseconds) ms, \(facts.pythons.count) interpreters")
        XCTAssertLessThan(milliseconds, 2000, "the probe must stay well under a second on an idle machine")

        // The development machine: Debian 12, system Python 3.11 marked externally managed, pyenv 3.11.7.
        guard facts.os.id == "debian", facts.os.versionID == "12",
              FileManager.default.fileExists(atPath: "/usr/lib/python3.11/EXTERNALLY-MANAGED") else { return }
        XCTAssertEqual(facts.os.codename, "bookworm")
        XCTAssertEqual(glibc, "2.36")
        let system = try XCTUnwrap(facts.pythons.first { $0.realPath == "/usr/bin/python3.11" })
        XCTAssertTrue(system.version.hasPrefix("3.11."))
        XCTAssertTrue(system.externallyManaged)
        XCTAssertEqual(system.source, .system)
        if let home = environment["HOME"], FileManager.default.fileExists(atPath: home + "/.pyenv/versions/3.11.7/bin/python3") {
            let pyenv = try XCTUnwrap(facts.pythons.first { $0.version == "3.11.7" })
            XCTAssertEqual(pyenv.source, .pyenv)
            XCTAssertFalse(pyenv.externallyManaged)
            XCTAssertTrue(pyenv.canCreateVenv)
            XCTAssertNotNil(pyenv.pipVersion)
        }
        XCTAssertEqual(facts.aptPackages["python3.11-venv"] != nil, system.ensurepipAvailable)
    }
}
