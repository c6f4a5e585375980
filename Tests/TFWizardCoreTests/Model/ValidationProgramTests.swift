import XCTest
@testable import TFWizardCore

final class ValidationProgramTests: XCTestCase {
    /// A pty turns every "\n" into "\r\n"; the report must read those lines too.
    func testReadsMarkersFromPtyOutputWithCRLF() {
        let output = "W0000 noise\r\nTFWIZARD_VERSION=2.21.0\r\nTFWIZARD_REDUCE_SUM=802.8685\r\nTFWIZARD_GPUS=\r\nTFWIZARD_OK\r\n"
        let report = ValidationProgram.report(from: output, exitCode: 0, expectGPU: false, strings: Strings(language: "en"))
        XCTAssertTrue(report.passed, report.problem ?? "")
        XCTAssertEqual(report.tensorflowVersion, "2.21.0")
        XCTAssertEqual(report.reduceSum, "802.8685")
        XCTAssertEqual(report.gpuDevices, [])
    }

    func testGPUInstallThatSeesNoGPUFails() {
        let output = "TFWIZARD_VERSION=2.21.0\nTFWIZARD_REDUCE_SUM=1.0\nTFWIZARD_GPUS=\nTFWIZARD_OK\n"
        let report = ValidationProgram.report(from: output, exitCode: 0, expectGPU: true, strings: Strings(language: "en"))
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.problem, "TensorFlow sees no GPU")
    }

    func testListsGPUs() {
        let output = "TFWIZARD_VERSION=2.21.0\nTFWIZARD_REDUCE_SUM=1.0\nTFWIZARD_GPUS=/physical_device:GPU:0,/physical_device:GPU:1\nTFWIZARD_OK\n"
        let report = ValidationProgram.report(from: output, exitCode: 0, expectGPU: true, strings: Strings(language: "en"))
        XCTAssertTrue(report.passed)
        XCTAssertEqual(report.gpuDevices, ["/physical_device:GPU:0", "/physical_device:GPU:1"])
    }

    func testImportErrorIsTheProblem() {
        let output = "TFWIZARD_IMPORT_ERROR=ModuleNotFoundError: No module named 'tensorflow'\r\nTraceback...\r\n"
        let report = ValidationProgram.report(from: output, exitCode: 1, expectGPU: false, strings: Strings(language: "en"))
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.problem, "import tensorflow failed: ModuleNotFoundError: No module named 'tensorflow'")
    }

    func testUnfinishedProgramFails() {
        let report = ValidationProgram.report(from: "TFWIZARD_VERSION=2.21.0\n", exitCode: nil, expectGPU: false, strings: Strings(language: "en"))
        XCTAssertFalse(report.passed)
    }
}
