import Foundation
import XCTest
@testable import TFWizardCore

/// Catalog fixes made into steps for the step that failed.
final class FixStepsTests: XCTestCase {
    private let strings = Strings(language: "en")

    private func facts(root: Bool, sudo: MachineFacts.Privileges.Sudo) -> MachineFacts {
        let python = MachineFacts.PythonInterpreter(
            path: "/usr/bin/python3", realPath: "/usr/bin/python3.12", version: "3.12.3", pipVersion: nil,
            venvAvailable: true, ensurepipAvailable: false, externallyManaged: true, source: .system)
        return MachineFacts(
            os: .init(id: "ubuntu", versionID: "24.04", prettyName: "Ubuntu 24.04.1 LTS", codename: "noble"),
            architecture: "x86_64",
            cpu: .init(model: "x", cores: 2, hasAVX: true, hasAVX2: true, hasFMA: true),
            glibcVersion: "2.39", pythons: [python], disk: nil,
            privileges: .init(isRoot: root, sudo: sudo), gpu: .none)
    }

    private func plan(_ steps: [Step]) -> Plan {
        Plan(answers: Answers(), steps: steps, notes: [], tensorflowVersion: "2.21.0", pythonPath: "/usr/bin/python3")
    }

    private func entry(_ id: String) throws -> ErrorCatalogEntry {
        try XCTUnwrap(try ErrorCatalog.builtIn()[id])
    }

    func testVenvMissingInstallsThePackageOfThePlansPythonWithSudo() throws {
        let failed = Step(id: "create-venv", title: "Create", why: "", argv: ["/usr/bin/python3", "-m", "venv", "/home/ada/tf"])
        let steps = try XCTUnwrap(FixSteps.make(for: try entry("venv-missing"), failedStep: failed, plan: plan([failed]),
                                                facts: facts(root: false, sudo: .needsPassword), strings: strings))
        XCTAssertEqual(steps.map(\.argv), [["sudo", "apt-get", "install", "-y", "python3.12-venv"]])
        XCTAssertEqual(steps.first?.needsRoot, true)
        XCTAssertEqual(steps.first?.title, "Apply the fix for venv-missing")
    }

    func testRootRunsWithoutSudoAndNoSudoMeansNoFix() throws {
        let failed = Step(id: "create-venv", title: "Create", why: "", argv: ["/usr/bin/python3", "-m", "venv", "/root/tf"])
        let asRoot = FixSteps.make(for: try entry("venv-missing"), failedStep: failed, plan: plan([failed]),
                                   facts: facts(root: true, sudo: .absent), strings: strings)
        XCTAssertEqual(asRoot?.map(\.argv), [["apt-get", "install", "-y", "python3.12-venv"]])
        XCTAssertNil(FixSteps.make(for: try entry("venv-missing"), failedStep: failed, plan: plan([failed]),
                                   facts: facts(root: false, sudo: .absent), strings: strings))
    }

    func testPipFixesUseTheFailedStepsInterpreterOptionsAndEnvironment() throws {
        let failed = Step(id: "install-tf", title: "Install", why: "",
                          argv: ["/usr/bin/python3", "-m", "pip", "install", "--user", "tensorflow"],
                          environment: ["PIP_INDEX_URL": "https://mirror.example/simple"])
        let venvFailed = Step(id: "validate", title: "Check", why: "", argv: ["/home/ada/tf/bin/python", "-c", "..."],
                              kind: .validation)
        let facts = facts(root: false, sudo: .needsPassword)
        let pip = try XCTUnwrap(FixSteps.make(for: try entry("pip-too-old"), failedStep: failed, plan: plan([failed]),
                                              facts: facts, strings: strings))
        XCTAssertEqual(pip.map(\.argv), [["/usr/bin/python3", "-m", "pip", "install", "--user", "--upgrade", "pip"]])
        XCTAssertEqual(pip.first?.environment, ["PIP_INDEX_URL": "https://mirror.example/simple"])
        let numpy = try XCTUnwrap(FixSteps.make(for: try entry("numpy2-abi"), failedStep: venvFailed, plan: plan([venvFailed]),
                                                facts: facts, strings: strings))
        XCTAssertEqual(numpy.map(\.argv), [["/home/ada/tf/bin/python", "-m", "pip", "install", "numpy<2"]])
        let protobuf = try XCTUnwrap(FixSteps.make(for: try entry("protobuf-descriptors"), failedStep: venvFailed,
                                                   plan: plan([venvFailed]), facts: facts, strings: strings))
        XCTAssertEqual(protobuf.map(\.argv), [["/home/ada/tf/bin/python", "-m", "pip", "install", "protobuf<3.21"]])
    }

    func testFixesThatNeedJudgementAreNotApplied() throws {
        let failed = Step(id: "install-tf", title: "Install", why: "", argv: ["/usr/bin/python3", "-m", "pip", "install", "tensorflow"])
        for id in ["network-error", "pep668", "apt-lock", "no-matching-dist"] {
            XCTAssertNil(FixSteps.make(for: try entry(id), failedStep: failed, plan: plan([failed]),
                                       facts: facts(root: false, sudo: .passwordless), strings: strings), id)
        }
    }

    /// A fix the wizard does not apply (the network) is still shown as this run would run it: the failed
    /// step's interpreter, mirror and proxy; pasted, the line carries them as assignments.
    func testAFixNotAppliedIsStillMadeForTheFailedStep() throws {
        let failed = Step(id: "install-tf", title: "Install", why: "",
                          argv: ["/home/ada/tf/bin/python", "-m", "pip", "install", "tensorflow"],
                          environment: ["PIP_INDEX_URL": "https://ada:pw@mirror.example/simple", "PIP_PROXY": "http://proxy:3128"])
        let entry = try entry("network-error")
        XCTAssertNil(FixSteps.make(for: entry, failedStep: failed, plan: plan([failed]),
                                   facts: facts(root: false, sudo: .needsPassword), strings: strings))
        let proposal = try XCTUnwrap(FixSteps.propose(for: entry, failedStep: failed, plan: plan([failed]),
                                                      facts: facts(root: false, sudo: .needsPassword), strings: strings))
        XCTAssertFalse(proposal.canApply)
        XCTAssertEqual(proposal.steps.first?.argv.first, "/home/ada/tf/bin/python")
        XCTAssertEqual(proposal.steps.first?.environment, failed.environment)
        let shown = CommandDisplay.render(try XCTUnwrap(proposal.steps.first), showingEnvironment: true)
        XCTAssertEqual(shown, "PIP_INDEX_URL='https://ada:****@mirror.example/simple' PIP_PROXY=http://proxy:3128 "
                       + "/home/ada/tf/bin/python -m pip install --timeout 120 --retries 10 tensorflow")
    }
}
