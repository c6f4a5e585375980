import XCTest
@testable import TFWizardCore

/// The uninstall plan: the method's removal, the checks that keep tfwizard off what it did not make, and
/// the Debian packages it installed named with the command, never removed.
final class UninstallPlanTests: XCTestCase {
    private typealias M = MachineFixture
    private let venv = "/home/ada/tensorflow/venv"

    private func plan(_ answers: Answers, folder: FolderListing?, packages: [String] = []) -> Result<Plan, PlanRefusal> {
        Uninstaller.plan(answers: answers, facts: M.ubuntu2404(venvInstalled: true), catalog: M.catalog, target: .absent(venv),
                         home: M.home, folder: folder, debianPackages: packages, strings: Strings(language: "en"))
    }

    func testVenvFolderIsRemovedAndAptPackagesAreOnlyNamed() throws {
        let folder = FolderListing(path: venv, exists: true, entries: ["bin", "include", "lib", "lib64", "pyvenv.cfg"])
        let made = try XCTUnwrap(plan(M.answers(), folder: folder, packages: ["python3.12-venv"]).plan)
        XCTAssertEqual(made.steps.map(\.argv), [["rm", "-rf", venv]])
        XCTAssertEqual(made.notes, ["tfwizard also installed these Debian packages: python3.12-venv. Other programs may need "
                                    + "them, so they stay; to remove them: sudo apt-get remove python3.12-venv"])
    }

    /// `uv venv` leaves .lock and CACHEDIR.TAG in the folder; uv's tool environment goes with the venv.
    func testAVenvMadeByUVIsRemovedWithUVsToolEnvironment() throws {
        let folder = FolderListing(path: venv, exists: true,
                                   entries: [".gitignore", ".lock", "CACHEDIR.TAG", "bin", "lib", "lib64", "pyvenv.cfg"])
        var answers = M.answers()
        answers.installer = .uv
        let made = try XCTUnwrap(plan(answers, folder: folder).plan)
        XCTAssertEqual(made.steps.map(\.argv), [["rm", "-rf", venv, M.home + "/.local/share/tfwizard/uv"]])
    }

    func testWhatTfwizardDidNotMakeIsRefused() {
        let more = FolderListing(path: venv, exists: true, entries: ["bin", "data", "lib", "pyvenv.cfg"])
        XCTAssertEqual(plan(M.answers(), folder: more).refusal?.field, "venv")
        XCTAssertTrue(plan(M.answers(), folder: more).refusal?.message.contains("(data)") == true)
        let notVenv = FolderListing(path: venv, exists: true, entries: ["bin"])
        XCTAssertTrue(plan(M.answers(), folder: notVenv).refusal?.message.contains("no pyvenv.cfg") == true)
    }

    func testNothingThereMeansNoSteps() throws {
        let gone = try XCTUnwrap(plan(M.answers(), folder: FolderListing(path: venv, exists: false, entries: [])).plan)
        XCTAssertEqual(gone.steps, [])
        XCTAssertEqual(gone.notes, ["There is nothing at \(venv): the venv is gone already."])
    }

    func testRunStateKnowsTheDebianPackagesItsAptStepsInstalled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-state-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let installPlan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404()).plan)
        let recorder = RunStateRecorder(transcriptPath: folder + "/tfwizard-20260101-000000.transcript", plan: installPlan)
        XCTAssertEqual(RunState.installedDebianPackages(in: folder), [], "nothing ran yet")
        let apt = try XCTUnwrap(installPlan.steps.firstIndex { $0.id == "apt-venv" })
        recorder.observe(.stepStarted(index: apt))
        recorder.observe(.stepFinished(index: apt, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        XCTAssertEqual(RunState.installedDebianPackages(in: folder), ["python3-venv"])
        let state = try XCTUnwrap(RunState.all(in: folder).first?.state)
        XCTAssertFalse(state.finished)
        XCTAssertEqual(state.firstUnfinishedStep, 0, "apt-update did not run")
    }
}
