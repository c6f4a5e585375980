import XCTest
@testable import TFWizardCore

/// Every class of answer-file error, as `plan` and `install` print it: the file, the line and the field.
/// Values the reader accepts but the machine or the catalog refuses (a release that does not exist, an
/// interpreter that is not installed) point at their line too.
final class AnswerFileErrorClassTests: XCTestCase {
    private static let machines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/machines")

    /// The one-line message for `text` as an answer file planned on a recorded machine.
    private func message(_ text: String, machine: String = "ubuntu-24.04") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-answers-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("answers.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let recorded = try TFWizardCore.RecordedMachine(folder: Self.machines.appendingPathComponent(machine).path, strings: Strings(language: "en"))
        let result = Result { () throws(PreparedPlan.Failure) -> PreparedPlan in
            try PreparedPlan.make(answerFile: file.path, strings: Strings(language: "en"), recorded: recorded)
        }
        switch result {
        case .success(let prepared):
            XCTFail("planned \(prepared.plan.steps.map { $0.id })")
            return ""
        case .failure(let failure):
            return failure.description.replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    func testSyntaxError() throws {
        XCTAssertEqual(try message("device: cpu\nmethod: [venv\n"),
                       "answers.yaml:2: not valid YAML: the list opened with '[' on this line is not closed")
    }

    func testUnknownKey() throws {
        XCTAssertEqual(try message("device: cpu\npyhton: \"3.12\"\n"),
                       "answers.yaml:2: pyhton: unknown key 'pyhton' (known keys: device, method, python, package, version, venv, index_url, proxy, docker, pins, installer)")
    }

    func testDuplicateKey() throws {
        XCTAssertEqual(try message("device: cpu\nmethod: venv\ndevice: gpu\n"),
                       "answers.yaml:3: device: the key 'device' appears more than once (first on line 1)")
    }

    func testWrongType() throws {
        XCTAssertEqual(try message("device: cpu\ndocker: { jupyter: \"yes\" }\n"),
                       "answers.yaml:2: docker.jupyter: expected true or false, without quotes")
    }

    func testValueNotAChoice() throws {
        XCTAssertEqual(try message("device: tpu\n"), "answers.yaml:1: device: expected one of cpu, gpu, found \"tpu\"")
    }

    func testInstallerNotAChoice() throws {
        XCTAssertEqual(try message("device: cpu\ninstaller: conda\n"),
                       "answers.yaml:2: installer: expected one of pip, uv, found \"conda\"")
    }

    func testBadPin() throws {
        XCTAssertEqual(try message("device: cpu\npins: [\"numpy<2; rm -rf ~\"]\n"),
                       "answers.yaml:2: pins: expected requirements such as \"numpy<2\", found \"numpy<2; rm -rf ~\"")
    }

    func testReleaseThatDoesNotExist() throws {
        XCTAssertEqual(try message("device: cpu\nmethod: venv\nversion: \"2.99.0\"\n"),
                       "answers.yaml:3: version: TensorFlow 2.99.0 is not a release tfwizard knows (it knows 2.12, 2.13, 2.14, "
                       + "2.15, 2.16, 2.17, 2.18, 2.19, 2.20, 2.21). Use latest or one of those versions.")
    }

    func testInterpreterNotInstalled() throws {
        XCTAssertEqual(try message("device: cpu\nmethod: venv\n\npython: \"3.13\"\n"),
                       "answers.yaml:4: python: Python 3.13 was not found on this machine. Install python3.13 and "
                       + "python3.13-venv first, or choose one that is here: 3.11 (/home/ubuntu/.pyenv/shims/python3), "
                       + "3.12 (/usr/bin/python3), 3.10 (/home/ubuntu/.pyenv/versions/3.10.14/bin/python3).")
    }

    func testInterpreterPathNotInstalled() throws {
        XCTAssertEqual(try message("python: /opt/python3.12/bin/python3\n"), "answers.yaml:1: python: No Python interpreter was found at /opt/python3.12/bin/python3. Interpreters found: "
                       + "3.11 (/home/ubuntu/.pyenv/shims/python3), 3.12 (/usr/bin/python3), 3.10 (/home/ubuntu/.pyenv/versions/3.10.14/bin/python3).")
    }

    func testNestedFieldRefusedByThePlanner() throws {
        XCTAssertEqual(try message("method: docker\ndocker:\n  image_tag: \"_x\"\n", machine: "docker-no-toolkit"),
                       "answers.yaml:3: docker.image_tag: _x is not a Docker image tag. Use latest or a version such as 2.21.0; "
                       + "-gpu and -jupyter are added from the device and the Jupyter choice.")
    }

    func testGPUOnAMachineWithoutOne() throws {
        XCTAssertEqual(try message("method: venv\ndevice: gpu\n", machine: "gpu-none-docker-missing"),
                       "answers.yaml:2: device: No NVIDIA GPU was found on this machine. Choose CPU, or check that the GPU "
                       + "is visible (lspci, nvidia-smi).")
    }

    /// The machine is no answer: the message names the file and what is wrong, without a line to point at.
    func testRefusalOfTheMachineNamesNoLine() throws {
        XCTAssertEqual(try message("method: venv\n", machine: "ubuntu-18.04"),
                       "answers.yaml: machine: This CPU has no AVX instructions, which TensorFlow 2.21.0 needs on x86_64: "
                       + "importing it would stop with 'Illegal instruction'. Use a machine with AVX (nearly every x86_64 CPU "
                       + "since 2011), or build TensorFlow from source without AVX.")
    }
}

/// Fixes applied during a run that change what gets installed are kept in the answers as `pins`.
final class AnswerPinsTests: XCTestCase {
    func testPinsRoundTripAndReachThePipInstall() throws {
        let answers = Answers(venv: "/opt/tf", pins: ["numpy<2", "tf-keras"])
        let text = AnswerFile.render(answers, strings: Strings(language: "en"))
        XCTAssertTrue(text.contains("pins: [\"numpy<2\", \"tf-keras\"]"), text)
        XCTAssertEqual(try AnswerFile.parse(text, fileName: "a.yaml", strings: Strings(language: "en")), answers)
        XCTAssertEqual(try AnswerFile.parse("pins:\n  - numpy<2\n", fileName: "a.yaml", strings: Strings(language: "en")).pins, ["numpy<2"])
    }

    func testPlannedInstallCarriesThePins() throws {
        var answers = MachineFixture.answers()
        answers.pins = ["numpy<2"]
        let install = try XCTUnwrap(MachineFixture.plan(answers, MachineFixture.ubuntu2404()).plan?.step("install-tf"))
        XCTAssertEqual(Array(install.argv.suffix(2)), ["tensorflow", "numpy<2"])
    }

    func testPinningReplacesAnEarlierPinOfTheSamePackage() {
        let answers = Answers(pins: ["numpy<2", "protobuf<3.21"]).pinning(["NumPy<1.27", "tf_keras"])
        XCTAssertEqual(answers.pins, ["protobuf<3.21", "NumPy<1.27", "tf_keras"])
    }

    func testPinsFromAppliedFixes() {
        func fix(_ argv: [String]) -> Step { Step(id: "fix", title: "", why: "", argv: argv) }
        XCTAssertEqual(FixSteps.pins(of: [fix(["/v/bin/python", "-m", "pip", "install", "numpy<2"])]), ["numpy<2"])
        XCTAssertEqual(FixSteps.pins(of: [fix(["/v/bin/python", "-m", "pip", "install", "tf-keras"])]), ["tf-keras"])
        // Upgrades, pip itself, TensorFlow and option values are no pins.
        XCTAssertEqual(FixSteps.pins(of: [fix(["python3", "-m", "pip", "install", "--upgrade", "pip"]),
                                          fix(["python3", "-m", "pip", "install", "--timeout", "120", "--retries", "10", "tensorflow"]),
                                          fix(["python3", "-m", "pip", "cache", "purge"])]), [])
    }
}
