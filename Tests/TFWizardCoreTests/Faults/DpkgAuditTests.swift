import XCTest
@testable import TFWizardCore

/// An apt or dpkg run cut short leaves packages half configured: the probe asks `dpkg --audit`, and the
/// plan's first step is `dpkg --configure -a` (with sudo when not root), before anything else.
final class DpkgAuditTests: XCTestCase {
    private typealias M = MachineFixture
    static let halfConfigured = """
        The following packages are only half configured, probably due to problems
        configuring them the first time.  The configuration should be retried using
        dpkg --configure <package> or the configure menu option in dselect:
         python3.12-venv      Interactive high-level object-oriented language (pyvenv binary, version 3.12)

        """

    func testAuditOutputNamesThePackages() {
        XCTAssertEqual(DpkgStatusParser.auditedPackages(Self.halfConfigured), ["python3.12-venv"])
        XCTAssertEqual(DpkgStatusParser.auditedPackages(""), [])
    }

    func testProbeAsksDpkgAudit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-audit-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("usr/bin"), withIntermediateDirectories: true)
        let dpkg = root.appendingPathComponent("usr/bin/dpkg").path
        FileManager.default.createFile(atPath: dpkg, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        let runner = FakeCommandRunner([["/usr/bin/dpkg", "--audit"]: CommandResult(exitCode: 1, output: Self.halfConfigured)])
        let facts = Prober(root: root.path, runner: runner, environment: ["PATH": "/usr/bin"], venvTarget: nil,
                           effectiveUserID: 1000).probe()
        XCTAssertEqual(facts.dpkgHalfDone, ["python3.12-venv"])
    }

    func testThisMachinesDpkgIsHealthy() {
        XCTAssertEqual(MachineProbe.run(root: nil, venv: Answers.defaultVenv).dpkgHalfDone, [])
    }

    func testPlanFinishesDpkgsWorkFirst() throws {
        var facts = M.ubuntu2404()
        facts.dpkgHalfDone = ["python3.12-venv"]
        let plan = try XCTUnwrap(M.plan(M.answers(), facts).plan)
        XCTAssertEqual(plan.steps.first?.id, "dpkg-configure")
        XCTAssertEqual(plan.steps.first?.argv, ["sudo", "dpkg", "--configure", "-a"])
        XCTAssertEqual(plan.steps.first?.why, "dpkg --audit lists python3.12-venv as left half done by an install that was "
                       + "cut short; apt refuses to go on until dpkg --configure -a finishes them.")

        facts.privileges = .init(isRoot: true, sudo: .passwordless)
        XCTAssertEqual(M.plan(M.answers(), facts).plan?.steps.first?.argv, ["dpkg", "--configure", "-a"])

        facts.privileges = .init(isRoot: false, sudo: .absent)
        facts.aptPackages = ["python3.12-venv": "3.12.3", "python3-venv": "3.12.3"]
        facts.pythons = [M.python("3.12.3", path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", externallyManaged: true)]
        let withoutRoot = try XCTUnwrap(M.plan(M.answers(), facts).plan)
        XCTAssertFalse(withoutRoot.steps.contains { $0.id == "dpkg-configure" })
        XCTAssertTrue(withoutRoot.notes.first?.contains("dpkg --configure -a") == true, "\(withoutRoot.notes)")
    }

    func testHealthyDpkgAddsNothing() throws {
        var facts = M.ubuntu2404()
        facts.dpkgHalfDone = []
        XCTAssertNotEqual(M.plan(M.answers(), facts).plan?.steps.first?.id, "dpkg-configure")
    }
}
