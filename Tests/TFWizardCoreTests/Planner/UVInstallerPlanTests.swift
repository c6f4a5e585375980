import XCTest
@testable import TFWizardCore

/// `installer: uv`: uv from the package index into its tool environment, then `uv venv` and `uv pip install`.
final class UVInstallerPlanTests: XCTestCase {
    typealias M = MachineFixture

    private func uvAnswers(_ device: Answers.Device = .cpu, _ method: Answers.Method = .venv) -> Answers {
        var answers = M.answers(device, method)
        answers.installer = .uv
        return answers
    }

    func testUVStepsReplacePipsOnAFreshUbuntu() throws {
        let plan = try XCTUnwrap(M.plan(uvAnswers(), M.ubuntu2404(sudo: .needsPassword)).plan)
        XCTAssertEqual(plan.stepIDs, ["apt-update", "apt-venv", "create-uv-env", "install-uv", "create-venv", "install-tf", "validate"])
        let tool = "/home/ada/.local/share/tfwizard/uv"
        XCTAssertEqual(plan.step("create-uv-env")?.argv, ["/usr/bin/python3", "-m", "venv", tool])
        XCTAssertEqual(plan.step("install-uv")?.argv, [tool + "/bin/python", "-m", "pip", "install", "uv"])
        XCTAssertEqual(plan.step("create-venv")?.argv,
                       [tool + "/bin/uv", "venv", "--seed", "--allow-existing", "--python", "/usr/bin/python3", "/home/ada/tensorflow/venv"])
        XCTAssertEqual(plan.step("install-tf")?.argv,
                       [tool + "/bin/uv", "pip", "install", "--python", "/home/ada/tensorflow/venv/bin/python", "tensorflow"])
        XCTAssertEqual(plan.step("validate")?.argv.first, "/home/ada/tensorflow/venv/bin/python")
        XCTAssertEqual(plan.step("install-tf")?.environment["UV_SYSTEM_CERTS"], "1")
        XCTAssertEqual(plan.step("install-tf")?.doneCheck?.first, "/home/ada/tensorflow/venv/bin/python")
        XCTAssertEqual(plan.step("install-uv")?.doneCheck, ["test", "-x", tool + "/bin/uv"])
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("uv creates the venv and installs TensorFlow instead of pip") && $0.contains(tool) })
        XCTAssertFalse(plan.steps.contains { $0.id == "upgrade-pip" }, "uv needs no newer pip")
    }

    /// A Python whose own pip works lends it to uv's tool environment: no ensurepip (about three seconds),
    /// and uv goes into the tool environment even where the system's packages hold one.
    func testThePythonsOwnPipInstallsUVWithoutEnsurepip() throws {
        let plan = try XCTUnwrap(M.plan(uvAnswers(), M.ubuntu2204()).plan)
        let tool = "/home/ada/.local/share/tfwizard/uv"
        XCTAssertEqual(plan.step("create-uv-env")?.argv,
                       ["/usr/bin/python3", "-m", "venv", "--without-pip", "--system-site-packages", tool])
        XCTAssertEqual(plan.step("install-uv")?.argv, [tool + "/bin/python", "-m", "pip", "install", "--ignore-installed", "uv"])
        XCTAssertTrue(plan.step("create-uv-env")?.why.contains("borrows this Python's own pip") == true)
        XCTAssertEqual(plan.step("install-uv")?.doneCheck, ["test", "-x", tool + "/bin/uv"])
    }

    func testAPipTooOldForUVsWheelsIsNotBorrowed() throws {
        var facts = M.ubuntu2204()
        facts.pythons[0].pipVersion = "9.0.1"
        let plan = try XCTUnwrap(M.plan(uvAnswers(), facts).plan)
        XCTAssertEqual(plan.step("create-uv-env")?.argv, ["/usr/bin/python3", "-m", "venv", "/home/ada/.local/share/tfwizard/uv"])
        XCTAssertFalse(plan.step("create-uv-env")?.why.contains("borrows") == true)
        XCTAssertEqual(UVInstaller.borrowsPip(M.python("3.10.12", path: "/usr/bin/python3", pip: false)), false)
        XCTAssertEqual(UVInstaller.borrowsPip(M.python("3.10.12", path: "/usr/bin/python3")), true)
    }

    func testPinsAndTheGPUExtraReachUV() throws {
        var answers = uvAnswers(.gpu)
        answers.version = "2.19"
        answers.pins = ["numpy<2"]
        let plan = try XCTUnwrap(M.plan(answers, M.ubuntu2404(venvInstalled: true, gpu: M.rtx3060)).plan)
        XCTAssertEqual(Array(try XCTUnwrap(plan.step("install-tf")?.argv).suffix(2)), ["tensorflow[and-cuda]==2.19.1", "numpy<2"])
    }

    func testMirrorAndProxyGoToUVsEnvironmentAndPipsForUVItself() throws {
        var answers = uvAnswers()
        answers.indexURL = "http://mirror.example:8080/simple"
        answers.proxy = "http://ada:s3cret@proxy.example:3128"
        let plan = try XCTUnwrap(M.plan(answers, M.ubuntu2404(venvInstalled: true)).plan)
        let install = try XCTUnwrap(plan.step("install-tf"))
        XCTAssertEqual(install.environment["UV_DEFAULT_INDEX"], "http://mirror.example:8080/simple")
        XCTAssertEqual(install.environment["UV_INSECURE_HOST"], "mirror.example")
        XCTAssertEqual(install.environment["https_proxy"], "http://ada:s3cret@proxy.example:3128")
        XCTAssertEqual(plan.step("create-venv")?.environment["UV_DEFAULT_INDEX"], "http://mirror.example:8080/simple",
                       "uv venv --seed downloads pip from the index too")
        XCTAssertEqual(plan.step("install-uv")?.environment["PIP_INDEX_URL"], "http://mirror.example:8080/simple")
        XCTAssertFalse(plan.steps.flatMap(\.argv).contains { $0.contains("s3cret") || $0.contains("mirror.example") })
        XCTAssertTrue(plan.notes.contains { $0.hasPrefix("uv and pip download from the package index mirror http://mirror.example:8080/simple") })
        XCTAssertTrue(plan.notes.contains("uv and pip connect through the proxy http://ada:****@proxy.example:3128 (https_proxy, PIP_PROXY)."))
    }

    func testAnInstalledToolAndVenvAreAlreadyDone() throws {
        var target = TargetState(path: "/home/ada/tensorflow/venv", exists: true, isDirectory: true, venvExists: true,
                                 venvPythonVersion: "3.12.3", venvHasPython: true, installedTensorFlow: "2.21.0",
                                 installedTensorFlowPackage: .tensorflow)
        target.uvToolReady = true
        let plan = try XCTUnwrap(M.plan(uvAnswers(), M.ubuntu2404(venvInstalled: true), target: target).plan)
        for id in ["create-uv-env", "install-uv", "create-venv", "install-tf"] {
            guard case .alreadyDone = try XCTUnwrap(plan.step(id)).state else { return XCTFail("\(id) should be already done") }
        }
        guard case .toRun = try XCTUnwrap(plan.step("validate")).state else { return XCTFail("the check always runs") }
    }

    func testOnlyTheVenvMethodTakesUV() throws {
        for method in Answers.Method.allCases where method != .venv {
            let refusal = M.plan(uvAnswers(.cpu, method), M.ubuntu2404(venvInstalled: true)).refusal
            if refusal?.field == "installer" {
                XCTAssertTrue(refusal?.message.contains("only with a virtual environment") == true)
                XCTAssertEqual(refusal?.suggestion, "Choose the venv method, or set installer: pip.")
            } else {
                XCTFail("\(method) with uv: \(String(describing: refusal))")
            }
        }
        XCTAssertEqual(InstallMethods.all[.venv]?.installers, [.pip, .uv])
    }

    func testRemovalTakesUVsToolEnvironmentToo() throws {
        let plan = try XCTUnwrap(M.plan(uvAnswers(), M.ubuntu2404(venvInstalled: true)).plan)
        XCTAssertEqual(VenvMethod().removal(plan.answers, plan: plan),
                       ["rm", "-rf", "/home/ada/tensorflow/venv", "/home/ada/.local/share/tfwizard/uv"])
        let pipPlan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404(venvInstalled: true)).plan)
        XCTAssertEqual(VenvMethod().removal(pipPlan.answers, plan: pipPlan), ["rm", "-rf", "/home/ada/tensorflow/venv"])
    }

    func testAFailedUVStepIsFixedWithTheVenvsPythonAndPipsMirror() throws {
        var answers = uvAnswers()
        answers.indexURL = "https://mirror.example/simple"
        let facts = M.ubuntu2404(venvInstalled: true)
        let plan = try XCTUnwrap(M.plan(answers, facts).plan)
        let install = try XCTUnwrap(plan.step("install-tf"))
        XCTAssertEqual(VenvMethod().fixInterpreter(after: install, plan: plan), "/home/ada/tensorflow/venv/bin/python")
        let entry = try XCTUnwrap(try ErrorCatalog.builtIn().entries.first { $0.id == "network-error" })
        let fix = try XCTUnwrap(FixSteps.propose(for: entry, failedStep: install, plan: plan, facts: facts,
                                                 strings: Strings(language: "en"), user: "ada", home: "/home/ada")?.steps.first)
        XCTAssertEqual(Array(fix.argv.prefix(3)), ["/home/ada/tensorflow/venv/bin/python", "-m", "pip"])
        XCTAssertEqual(fix.environment["PIP_INDEX_URL"], "https://mirror.example/simple", "pip's name for the mirror")
        XCTAssertNil(fix.environment["UV_DEFAULT_INDEX"])
    }
}
