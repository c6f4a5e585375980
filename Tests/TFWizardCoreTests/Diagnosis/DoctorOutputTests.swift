import Foundation
import XCTest
import TFWizardCore

final class DoctorOutputTests: XCTestCase {
    func testJSONShapeAndEscaping() throws {
        let catalog = try ErrorCatalog.builtIn()
        let text = "2024 I cpu_feature_guard.cc] This TensorFlow binary is optimized to use available CPU instructions\n"
            + "error: externally-managed-environment \"quoted\" \\ tab\there\n"
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: text)
        let json = DoctorOutput.json(diagnosis)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let matches = try XCTUnwrap(object["matches"] as? [[String: Any]])
        XCTAssertEqual(matches.map { $0["id"] as? String }, ["pep668", "cpu-instructions"])
        XCTAssertEqual(matches[0]["severity"] as? String, "fatal")
        XCTAssertEqual(matches[0]["line"] as? Int, 2)
        XCTAssertEqual(matches[0]["text"] as? String, "error: externally-managed-environment \"quoted\" \\ tab here")
        XCTAssertEqual(matches[1]["severity"] as? String, "info")
        XCTAssertNotNil(matches[0]["title"] as? String)
        XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 1)
    }

    func testTextNamesCauseFixAndCommands() throws {
        let catalog = try ErrorCatalog.builtIn()
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: "A module that was compiled using NumPy 1.x cannot be run in\n")
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: Strings(language: "en"))
        XCTAssertTrue(text.hasPrefix("Cause: NumPy 2 is installed"), text)
        XCTAssertTrue(text.contains("[numpy2-abi]"))
        XCTAssertTrue(text.contains("line 1: A module that was compiled"))
        XCTAssertTrue(text.contains("$ python3 -m pip install 'numpy<2'"), text)
        XCTAssertTrue(text.contains("The wizard can apply this fix for you."))
    }

    func testTextForHarmlessAndUnknownLogs() throws {
        let catalog = try ErrorCatalog.builtIn()
        let strings = Strings(language: "en")
        let harmless = Diagnoser(catalog: catalog).diagnose(text: "W py_utils.cc:38] TF-TRT Warning: Could not find TensorRT\n")
        let harmlessText = DoctorOutput.text(harmless, catalog: catalog, strings: strings)
        XCTAssertTrue(harmlessText.hasPrefix("No failure found in 1 lines."), harmlessText)
        XCTAssertTrue(harmlessText.contains("Harmless messages"))
        XCTAssertEqual(DoctorOutput.exitCode(for: harmless), 0)
        let unknown = Diagnoser(catalog: catalog).diagnose(text: "RuntimeError: something new broke\n")
        let unknownText = DoctorOutput.text(unknown, catalog: catalog, strings: strings)
        XCTAssertTrue(unknownText.contains("No known cause found"))
        XCTAssertTrue(unknownText.contains("  RuntimeError: something new broke"))
        XCTAssertEqual(DoctorOutput.exitCode(for: unknown), 0)
    }

    func testRunReportsUnreadableInputWithExitCode2() {
        let result = DoctorOutput.run(path: "/nonexistent/doctor.log", json: false, strings: Strings(language: "en"))
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.output.hasPrefix("cannot read /nonexistent/doctor.log: No such file or directory"), result.output)
    }
}
