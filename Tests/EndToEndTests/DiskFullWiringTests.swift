import Foundation
import XCTest
@testable import tfwizard
import TFWizardCore

/// The wizard's troubleshoot screen: a `disk-full` cause's explanation quotes the free space measured
/// before the start; other causes do not.
final class DiskFullWiringTests: XCTestCase {
    func testDiskFullExplanationQuotesTheMeasuredFreeSpace() throws {
        let catalog = try ErrorCatalog.builtIn()
        let strings = Strings(language: "en")
        let disk = DiskPreflight(disk: MachineFacts.Disk(path: "/home/ada", freeBytes: 900 << 20),
                                 neededBytes: DiskPreflight.neededBytes(for: .cpu))
        let full = TroubleshootWiring.diagnoseOutput(["ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device"],
                                                     catalog: catalog, disk: disk, strings: strings)
        XCTAssertEqual(full.cause?.finding.id, "disk-full")
        XCTAssertTrue(full.cause?.explanation.hasSuffix("Free space measured before the start: 900.0 MB in /home/ada; the install needs about 3.0 GB.") == true,
                      full.cause?.explanation ?? "")
        let network = TroubleshootWiring.diagnoseOutput(["ReadTimeoutError: Read timed out."], catalog: catalog, disk: disk, strings: strings)
        XCTAssertEqual(network.cause?.finding.id, "network-error")
        XCTAssertFalse(network.cause?.explanation.contains("Free space") == true)
    }
}
