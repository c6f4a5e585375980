import Foundation
import XCTest

/// Each branch of the guide's tree (CPU or GPU, then the install method) walked with keys only in an
/// 80x24 tmux pane against a recorded machine: the plan on screen is the one TensorFlow documents today
/// for that machine, and nothing runs.
final class RecordedMachineWalkTests: XCTestCase {
    /// The H200 machine (Ubuntu 24.04, driver 580 loaded): Enter on every screen takes GPU, a venv and uv;
    /// the plan installs tensorflow[and-cuda] and needs no driver step. Then the dry run goes to the end.
    func testGPUOnTheWorkingH200MachineDryRunsToTheEnd() throws {
        let wizard = try RecordedWizard(machine: "ubuntu-24.04")
        try wizard.pressEnter(through: ["Welcome", "CPU or GPU", "Install method", "Package and version", "Python",
                                    "Environment folder"])
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("/bin/uv pip install --python /home/ubuntu/tensorflow/venv/bin/python 'tensorflow[and-cuda]'"), plan)
        XCTAssertTrue(plan.contains("only the NVIDIA driver (>= 525.60.13) must"), plan)
        XCTAssertFalse(plan.contains("ubuntu-drivers"), "a loaded 580 driver needs no driver step:\n\(plan)")
        XCTAssertFalse(plan.contains("install tensorflow-gpu"), plan)

        try wizard.session.send("Enter")
        let finished = try wizard.session.waitFor("The install finished", timeout: 10)
        XCTAssertTrue(finished.contains("4 of 5 steps done, 1 skipped"), finished)
        let check = finished.components(separatedBy: "\n").first { $0.hasPrefix("  5. ") } ?? ""
        XCTAssertTrue(check.contains("skipped"), "the check must read as not run in a dry run: \(check)")
        try wizard.session.send("Enter")
        let done = try wizard.on("Finished", press: "Enter")
        XCTAssertTrue(done.contains("Dry run finished"), done)
        XCTAssertTrue(done.contains("TensorFlow was not checked"), done)
        XCTAssertFalse(done.contains("installed and works"), done)
        let after = try wizard.session.waitFor("EXIT=0", timeout: 10)
        // The screen is gone; the terminal keeps how it went and where the files are.
        XCTAssertTrue(after.contains("Dry run finished"), after)
        XCTAssertTrue(after.contains("Log: ") && after.contains("/dry-run-ubuntu-24.04/"), after)
        // The session log says the same: commands shown, the check not run; it lives apart from this
        // machine's logs and says it is a dry run.
        let logFolder = wizard.stateFolder.appendingPathComponent("tfwizard/dry-run-ubuntu-24.04")
        let log = try FileManager.default.contentsOfDirectory(atPath: logFolder.path).first { $0.hasSuffix(".log") }
        let text = try String(contentsOf: logFolder.appendingPathComponent(try XCTUnwrap(log)), encoding: .utf8)
        XCTAssertTrue(text.contains("would run: /home/ubuntu/.local/share/tfwizard/uv/bin/uv pip install --python /home/ubuntu/tensorflow/venv/bin/python 'tensorflow[and-cuda]'"), text)
        XCTAssertTrue(text.contains("not run: a dry run cannot check TensorFlow"), text)
        XCTAssertFalse(text.contains("passed: true"), text)
        XCTAssertTrue(text.contains("DRY RUN against the recorded machine"), text)
    }

    /// An NVIDIA GPU without a driver (Ubuntu 22.04): the plan installs the driver with ubuntu-drivers and
    /// stops before the check, saying a reboot comes first.
    func testGPUWithoutADriverPlansUbuntuDriversAndAReboot() throws {
        let wizard = try RecordedWizard(machine: "gpu-no-driver")
        try wizard.on("Welcome", press: "Enter")
        try wizard.on("CPU or GPU", press: "Down", "Enter")
        try wizard.pressEnter(through: ["Install method", "Package and version", "Python", "Environment folder"])
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("$ /usr/bin/ubuntu-drivers list"), plan)
        XCTAssertTrue(plan.contains("$ sudo /usr/bin/ubuntu-drivers install"), plan)
        XCTAssertTrue(plan.lowercased().contains("reboot"), plan)
        XCTAssertTrue(plan.contains("'tensorflow[and-cuda]'"), plan)
        XCTAssertFalse(plan.contains("Check that TensorFlow works"), "the check must wait for the reboot:\n\(plan)")
    }

    /// Docker with a GPU on a machine whose Docker lacks the NVIDIA container toolkit: NVIDIA's apt source,
    /// the toolkit, the runtime registered, and `docker run --gpus all`.
    func testDockerGPUWithoutTheToolkitPlansTheToolkit() throws {
        let wizard = try RecordedWizard(machine: "docker-no-toolkit")
        try wizard.pressEnter(through: ["Welcome", "CPU or GPU"])
        try wizard.on("Install method", press: "Down", "Down", "Enter")
        try wizard.pressEnter(through: ["Package and version", "Docker image"])
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("https://nvidia.github.io/libnvidia-container/gpgkey"), plan)
        XCTAssertTrue(plan.contains("sudo apt-get install -y nvidia-container-toolkit"), plan)
        XCTAssertTrue(plan.contains("nvidia-ctk runtime configure '--runtime=docker'"), plan)
        XCTAssertTrue(plan.contains("sudo systemctl restart docker"), plan)
        XCTAssertTrue(plan.contains("docker pull tensorflow/tensorflow:latest-gpu"), plan)
        XCTAssertTrue(plan.contains("--gpus all"), plan)
        XCTAssertFalse(plan.contains("nvidia-docker run"), plan)
    }

    /// conda on the machine: a conda environment with its own Python, TensorFlow installed by pip inside it.
    func testCondaCreatesAnEnvironmentAndInstallsWithPipInside() throws {
        let wizard = try RecordedWizard(machine: "docker-no-permission-conda")
        try wizard.pressEnter(through: ["Welcome", "CPU or GPU"])
        try wizard.on("Install method", press: "Down", "Down", "Down", "Enter")
        try wizard.pressEnter(through: ["Package and version", "Python"])
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("/home/ada/miniconda3/bin/conda create -y -n tf 'python=3.12' pip"), plan)
        XCTAssertTrue(plan.contains("/home/ada/miniconda3/bin/conda run --no-capture-output -n tf python -m pip install tensorflow"), plan)
        XCTAssertFalse(plan.contains("conda install tensorflow"), plan)
    }

    /// From source: Bazelisk, clang and LLVM from apt, the release tag, and the warning about hours and disk.
    func testSourceBuildPlansBazelAndClangWithTheCostWarning() throws {
        let wizard = try RecordedWizard(machine: "ubuntu-24.04")
        try wizard.on("Welcome", press: "Enter")
        try wizard.on("CPU or GPU", press: "Up", "Enter")
        try wizard.on("Install method", press: "Down", "Down", "Down", "Down", "Enter")
        try wizard.pressEnter(through: ["Package and version", "Python", "Environment folder"])
        let plan = try wizard.readPlan()
        XCTAssertTrue(plan.contains("Building from source takes hours"), plan)
        XCTAssertTrue(plan.contains("tens of GB"), plan)
        XCTAssertTrue(plan.contains("clang-18"), plan)
        XCTAssertTrue(plan.contains("https://github.com/bazelbuild/bazelisk/releases/latest/download/bazelisk-"), plan)
        XCTAssertTrue(plan.contains("--branch v2.21.0"), plan)
        XCTAssertTrue(plan.contains("//tensorflow/tools/pip_package:wheel"), plan)
        XCTAssertTrue(plan.contains("--repo_env=USE_PYWRAP_RULES=1"), plan)
    }

    /// System pip where every Python is externally managed (Ubuntu 24.04, PEP 668): refused with the
    /// reason; Enter on it keeps the highlight there and says why, and the user moves to venv.
    func testSystemPipOnAPEP668MachineIsRefusedAndVenvOffered() throws {
        let wizard = try RecordedWizard(machine: "docker-no-toolkit")
        try wizard.pressEnter(through: ["Welcome", "CPU or GPU"])
        let refused = try wizard.on("Install method", press: "Down")
        XCTAssertTrue(refused.contains("not possible here"), refused)
        try wizard.session.waitFor("Not possible here:", timeout: 5)
        let reason = try wizard.settled()
        XCTAssertTrue(reason.contains("Every Python on this machine is externally managed (PEP"), reason)
        try wizard.session.send("Enter")
        try wizard.session.waitFor("> System Python with pip", timeout: 5)
        let stayed = try wizard.settled()
        XCTAssertTrue(stayed.components(separatedBy: "\n").dropLast(2).last?.hasPrefix(" Not possible here: Every Python") ?? false,
                      "the status line says why:\n\(stayed)")
        try wizard.session.send("Up")
        try wizard.session.send("Enter")
        try wizard.on("Package and version")
    }

    /// A folder that is not a recording is refused before anything starts: exit 2, the folder named.
    func testMachineThatIsNotARecordingExitsTwo() throws {
        let folder = try BinaryUnderTest.temporaryFolder("not-a-machine")
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\n".write(to: answers, atomically: true, encoding: .utf8)
        for arguments in [["--machine", folder.path], ["plan", "--machine", folder.path, "--answers", answers.path],
                          ["install", "--machine", folder.path, "--answers", answers.path, "--yes"]] {
            let run = try BinaryUnderTest.run(arguments, timeout: 30)
            XCTAssertEqual(run.exitCode, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(folder.path) && run.stderr.contains("root/"), run.stderr)
        }
        let help = try BinaryUnderTest.run(["--help"], timeout: 30)
        XCTAssertFalse(help.stdout.contains("--machine"), "--machine is hidden from --help")
    }

    /// `install --machine` runs the plan through the dry run, in plain lines: every command shown, none run,
    /// the check reported as not run.
    func testHeadlessInstallOnARecordedMachineIsADryRun() throws {
        let state = try BinaryUnderTest.temporaryFolder("headless-recorded")
        defer { try? FileManager.default.removeItem(at: state) }
        let answers = state.appendingPathComponent("answers.yaml")
        try "device: gpu\nmethod: venv\n".write(to: answers, atomically: true, encoding: .utf8)
        let machine = RecordedWizard.machines.appendingPathComponent("ubuntu-24.04").path
        let run = try BinaryUnderTest.run(["install", "--machine", machine, "--answers", answers.path,
                                           "--log-dir", state.path], timeout: 60)
        XCTAssertEqual(run.exitCode, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("Dry run on the recorded machine ubuntu-24.04"), run.stdout)
        XCTAssertTrue(run.stdout.contains("| would run: /home/ubuntu/tensorflow/venv/bin/python -m pip install 'tensorflow[and-cuda]'"), run.stdout)
        XCTAssertTrue(run.stdout.contains("skipped: not run: a dry run cannot check TensorFlow"), run.stdout)
        XCTAssertFalse(run.stdout.contains("TensorFlow is installed and works"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Dry run finished: 4 steps shown, none run"), run.stdout)
    }
    /// Leaving before anything ran: the terminal says nothing was changed, after the screen is gone.
    func testLeavingEarlyPrintsThatNothingChanged() throws {
        let wizard = try RecordedWizard(machine: "ubuntu-22.04")
        try wizard.on("Welcome", press: "Escape")
        try wizard.session.waitFor("Leave the wizard?", timeout: 10)
        try wizard.session.send("y")
        let after = try wizard.session.waitFor("EXIT=130", timeout: 10)
        XCTAssertTrue(after.contains("left before installing anything; nothing on this machine was changed"), after)
    }
}

extension RecordedWizard {
    /// Enter on each screen in turn, each waited for by its title.
    func pressEnter(through titles: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for title in titles { try on(title, press: "Enter", file: file, line: line) }
    }

}
