import XCTest
@testable import TFWizardCore

/// The Docker and conda plans run by the real engine and pty runner against small shell scripts that
/// stand in for docker, conda, apt-get and friends (first on PATH, in a temporary folder).
final class MethodEngineTests: XCTestCase {
    private var folder = ""
    private var bin: String { folder + "/bin" }
    private var callLog: String { folder + "/calls.log" }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-methods-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A script that logs its name and arguments, then runs `body`.
    private func fake(_ name: String, at path: String? = nil, _ body: String) throws {
        let file = path ?? bin + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let script = "#!/bin/sh\nPATH=/usr/bin:/bin\necho \"\(name) $*\" | tr '\\n' ' ' | cut -c1-90 >> '\(callLog)'\n" + body + "\n"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o755)
    }

    private static let checkOutput = """
        echo 'TFWIZARD_VERSION=2.21.0'
        echo 'TFWIZARD_REDUCE_SUM=-512.1234'
        echo "TFWIZARD_GPUS=$GPUS"
        echo 'TFWIZARD_OK'
        """

    private func run(_ plan: Plan, expectGPU: Bool, decisions: [FailureDecision] = []) -> EventRecorder {
        let recorder = EventRecorder()
        let runner = PtyStepRunner(baseEnvironment: ["PATH": bin + ":/usr/bin:/bin", "HOME": folder, "TERM": "dumb", "LC_ALL": "C"])
        let engine = Engine(plan: plan, runner: runner, journal: nil, expectGPU: expectGPU, strings: Strings(language: "en")) { recorder.record($0) }
        engine.start()
        for (count, decision) in decisions.enumerated() {
            XCTAssertTrue(recorder.waitForDecisionRequest(count: count + 1, timeout: 20))
            engine.decide(decision)
        }
        XCTAssertTrue(recorder.waitForFinish(timeout: 30))
        return recorder
    }

    private func finishedSteps(_ recorder: EventRecorder, _ plan: Plan) -> [String] {
        recorder.events.compactMap { event in
            if case .stepFinished(let index, let outcome) = event { return "\(plan.steps[index].id):\(outcome.status.rawValue)" }
            return nil
        }
    }

    private var calls: [String] {
        ((try? String(contentsOfFile: callLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    // MARK: - Docker

    private func dockerFacts() -> MachineFacts {
        var facts = MachineFixture.ubuntu2404(root: true, gpu: MachineFixture.rtx3060)
        facts.userName = "root"
        facts.docker = .init(clientPath: bin + "/docker", clientVersion: "27.5.1", daemon: .answers, serverVersion: "27.5.1",
                             userInDockerGroup: false, socketExists: true, nvidiaCTKPath: nil, nvidiaRuntime: false)
        return facts
    }

    private func installDockerFakes() throws {
        for tool in ["curl", "apt-get", "systemctl"] { try fake(tool, "echo \"$0: ok\"") }
        try fake("sh", "echo \"would write $5\"")   // the apt source step: never touch /etc in a test
        try fake("nvidia-ctk", "echo 'INFO[0000] Wrote updated config to /etc/docker/daemon.json'")
        // The first pull hits Docker Hub's rate limit; the retry succeeds.
        try fake("docker", """
            case "$1" in
            pull)
              if [ ! -e '\(folder)/pulled-once' ]; then
                : > '\(folder)/pulled-once'
                echo 'Error response from daemon: toomanyrequests: You have reached your pull rate limit.'
                exit 1
              fi
              echo "$2: Pulling from tensorflow/tensorflow"
              echo 'Digest: sha256:4b2e1f0c'
              echo "Status: Downloaded newer image for $2" ;;
            run)
              case "$*" in *"--gpus all"*) GPUS=/physical_device:GPU:0 ;; *) GPUS= ;; esac
              \(Self.checkOutput) ;;
            *) echo "unexpected docker $1"; exit 2 ;;
            esac
            """)
    }

    func testDockerGPUPlanRunsInOrderAndRetriesAFailedPull() throws {
        try installDockerFakes()
        let answers = Answers(device: .gpu, method: .docker)
        let plan = try XCTUnwrap(MachineFixture.plan(answers, dockerFacts()).plan)
        XCTAssertEqual(plan.stepIDs, ["toolkit-key", "toolkit-source", "apt-update-toolkit", "apt-toolkit", "toolkit-configure",
                                      "docker-restart", "docker-pull", "validate"])
        let recorder = run(plan, expectGPU: true, decisions: [.retry])
        XCTAssertEqual(finishedSteps(recorder, plan), [
            "toolkit-key:done", "toolkit-source:done", "apt-update-toolkit:done", "apt-toolkit:done", "toolkit-configure:done",
            "docker-restart:done", "docker-pull:failed", "docker-pull:done", "validate:done"])
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
        let report = recorder.events.compactMap { event -> ValidationReport? in
            if case .validated(_, let report) = event { return report } else { return nil }
        }.first
        XCTAssertEqual(report?.passed, true)
        XCTAssertEqual(report?.gpuDevices, ["/physical_device:GPU:0"])
        XCTAssertEqual(calls.map { String($0.prefix { $0 != " " }) },
                       ["curl", "sh", "apt-get", "apt-get", "nvidia-ctk", "systemctl", "docker", "docker", "docker"])
        XCTAssertTrue(calls.last?.hasPrefix("docker run --rm --gpus all tensorflow/tensorflow:latest-gpu python -c") ?? false, "\(calls)")
    }

    func testDockerCheckWithoutGPUFailsTheGPUInstall() throws {
        try installDockerFakes()
        try fake("docker", """
            case "$1" in
            pull) echo 'Status: Image is up to date' ;;
            run) GPUS=; \(Self.checkOutput) ;;
            esac
            """)
        var facts = dockerFacts()
        facts.docker?.nvidiaCTKPath = "/usr/bin/nvidia-ctk"
        facts.docker?.nvidiaRuntime = true
        let plan = try XCTUnwrap(MachineFixture.plan(Answers(device: .gpu, method: .docker), facts).plan)
        XCTAssertEqual(plan.stepIDs, ["docker-pull", "validate"])
        let recorder = run(plan, expectGPU: true, decisions: [.abort])
        XCTAssertEqual(finishedSteps(recorder, plan), ["docker-pull:done", "validate:failed"])
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: false))
    }

    // MARK: - conda

    private func condaFacts() -> MachineFacts {
        var facts = MachineFixture.ubuntu2404()
        facts.conda = .init(executable: folder + "/miniconda3/bin/conda", kind: .conda, version: "24.9.2",
                            basePrefix: folder + "/miniconda3", environments: [])
        return facts
    }

    /// `conda create` puts the environment's python in place (a fake that runs the check); `conda run` runs pip.
    private func installCondaFakes(pipFails: Bool = false) throws {
        let base = folder + "/miniconda3"
        try fake("python", at: folder + "/staged/python", "GPUS=\n" + Self.checkOutput)
        try fake("conda", at: base + "/bin/conda", """
            case "$1" in
            create)
              echo 'Channels:'; echo ' - defaults'; echo 'Solving environment: done'
              mkdir -p '\(base)/envs/tf/bin'
              cp '\(folder)/staged/python' '\(base)/envs/tf/bin/python'
              echo '# To activate this environment, use'; echo '#     $ conda activate tf' ;;
            run)
              \(pipFails ? "echo 'ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)'; echo 'ERROR: No matching distribution found for tensorflow'; exit 1"
                         : "echo 'Collecting tensorflow'; echo 'Successfully installed tensorflow-2.21.0'") ;;
            esac
            """)
    }

    func testCondaPlanCreatesTheEnvironmentThenChecksInIt() throws {
        try installCondaFakes()
        let plan = try XCTUnwrap(MachineFixture.plan(Answers(device: .cpu, method: .conda, python: "3.12"), condaFacts()).plan)
        let recorder = run(plan, expectGPU: false)
        XCTAssertEqual(finishedSteps(recorder, plan), ["conda-create:done", "install-tf:done", "validate:done"])
        XCTAssertEqual(recorder.events.last, .finished(success: true, cancelled: false))
        XCTAssertEqual(calls.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }, ["conda create", "conda run", "python -c"])
    }

    func testCondaPipFailureWaitsAndAbortStopsBeforeTheCheck() throws {
        try installCondaFakes(pipFails: true)
        let plan = try XCTUnwrap(MachineFixture.plan(Answers(device: .cpu, method: .conda), condaFacts()).plan)
        let recorder = run(plan, expectGPU: false, decisions: [.abort])
        XCTAssertEqual(finishedSteps(recorder, plan), ["conda-create:done", "install-tf:failed"])
        XCTAssertEqual(recorder.events.last, .finished(success: false, cancelled: false))
        let output = recorder.events.compactMap { event -> String? in
            if case .output(_, let bytes) = event { return String(decoding: bytes, as: UTF8.self) } else { return nil }
        }.joined()
        XCTAssertTrue(output.contains("No matching distribution found for tensorflow"))
        XCTAssertFalse(calls.contains { $0.hasPrefix("python") }, "the check did not run")
    }
}
