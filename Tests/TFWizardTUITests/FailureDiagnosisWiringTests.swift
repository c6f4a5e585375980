import Foundation
import XCTest
import TFWizardCore
@testable import TFWizardTUI

/// The wizard and headless `install` diagnose a failed step the same way, from the same raw output tail.
final class FailureDiagnosisWiringTests: XCTestCase {
    let strings = Strings(language: "en")
    let disk = DiskPreflight(disk: MachineFacts.Disk(path: "/home/ada", freeBytes: 900 << 20),
                             neededBytes: DiskPreflight.neededBytes(for: .cpu))

    private func wizardView(_ output: String) throws -> DiagnosisView {
        TroubleshootWiring.diagnoseOutput(Array(output.utf8), catalog: try ErrorCatalog.builtIn(), disk: disk,
                                          strings: strings, user: "ada", home: "/home/ada")
    }

    func testDiskFullExplanationQuotesTheMeasuredFreeSpaceInBothPaths() throws {
        let output = "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n"
        let full = try wizardView(output)
        XCTAssertEqual(full.cause?.finding.id, "disk-full")
        let measured = "Free space measured before the start: 900.0 MB in /home/ada; the install needs about 3.0 GB."
        XCTAssertTrue(full.cause?.explanation.hasSuffix(measured) == true, full.cause?.explanation ?? "")
        let headless = Troubleshooter.summaryLines(for: Array(output.utf8), strings: strings, disk: disk)
        XCTAssertTrue(headless.contains("  " + measured), headless.joined(separator: "\n"))
        let network = try wizardView("ReadTimeoutError: Read timed out.\n")
        XCTAssertEqual(network.cause?.finding.id, "network-error")
        XCTAssertFalse(network.cause?.explanation.contains("Free space") == true)
    }

    /// Text inside a terminal control string (DCS here) is never shown to the user, so it is not a cause;
    /// and a cause far back in a long output is still found (the tail is 4 MB, not the pane's 400 lines).
    func testBothPathsReadTheSameRawTail() throws {
        let hidden = "\u{1B}P No space left on device \u{1B}\\"
        var output = hidden + "\nERROR: externally-managed-environment\n"
        output += String(repeating: "Collecting something-else\n", count: 2_000)
        let view = try wizardView(output)
        XCTAssertEqual(view.cause?.finding.id, "pep668")
        let headless = Troubleshooter.summaryLines(for: Array(output.utf8), strings: strings, disk: disk)
        XCTAssertTrue(headless.first?.contains("[pep668]") == true, headless.joined(separator: "\n"))
    }
}
