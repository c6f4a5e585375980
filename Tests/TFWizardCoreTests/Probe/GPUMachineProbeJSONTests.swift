import XCTest
@testable import TFWizardCore

/// `tfwizard probe --json` as the static release binary printed it on a real machine with an NVIDIA
/// H200 (Ubuntu 24.04, driver 580): the JSON must still decode, and the GPU plans built from it must
/// be what TensorFlow documents today.
final class GPUMachineProbeJSONTests: XCTestCase {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/probe-json/ubuntu-24.04-h200-release-binary.json")

    func facts() throws -> MachineFacts {
        try JSONDecoder().decode(MachineFacts.self, from: Data(contentsOf: Self.file))
    }

    func testDecodesTheRecordedGPUMachine() throws {
        let facts = try facts()
        XCTAssertEqual(facts.os.id, "ubuntu")
        XCTAssertEqual(facts.os.versionID, "24.04")
        XCTAssertTrue(facts.gpu.nvidiaPresent)
        XCTAssertTrue(facts.gpu.driverLoaded)
        XCTAssertEqual(facts.gpu.driverVersion, "580.159.04")
        XCTAssertEqual(facts.gpu.devices.first?.name, "NVIDIA H200")
        XCTAssertEqual(facts.gpu.devices.first?.computeCapability, "9.0")
        XCTAssertEqual(facts.glibcVersion, "2.39")
        XCTAssertTrue(facts.pythons.contains { $0.path == "/usr/bin/python3" && $0.externallyManaged })
        // Re-encoding gives the same facts: the JSON is the whole of what the probe knows.
        let again = try JSONDecoder().decode(MachineFacts.self, from: Data(ProbeReport.json(facts).utf8))
        XCTAssertEqual(again, facts)
    }

    func testGPUVenvPlanOnTheRecordedMachine() throws {
        let facts = try facts()
        let catalog = try Catalog.builtIn()
        let answers = Answers(device: .gpu, method: .venv, venv: "/tmp/tf-gpu-venv")
        let plan = try Planner.plan(answers: answers, facts: facts, catalog: catalog,
                                    target: .absent("/tmp/tf-gpu-venv"), home: "/root", strings: Strings(language: "en")).get()
        let install = try XCTUnwrap(plan.steps.first { $0.argv.contains("tensorflow[and-cuda]") })
        XCTAssertEqual(install.argv.suffix(4), ["-m", "pip", "install", "tensorflow[and-cuda]"])
        // A working driver newer than 525.60.13: no driver steps, no reboot.
        XCTAssertFalse(plan.steps.contains { $0.argv.contains("ubuntu-drivers") })
        XCTAssertEqual(plan.steps.last?.kind, .validation)
        // System pip is refused there (PEP 668 on the system Python).
        if case .available = Planner.methodAvailability(.systemPip, device: .gpu, facts: facts, strings: Strings(language: "en")) {
            let usable = facts.pythons.contains { !$0.externallyManaged }
            XCTAssertTrue(usable, "system pip offered although every Python is externally managed")
        }
    }
}
