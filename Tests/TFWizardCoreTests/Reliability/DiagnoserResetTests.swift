import Foundation
import XCTest
@testable import TFWizardCore

final class DiagnoserResetTests: XCTestCase {
    func testResetDiagnosesTheNextLogAsAFreshDiagnoser() throws {
        let catalog = try ErrorCatalog.builtIn()
        let reused = Diagnoser(catalog: catalog)
        reused.feed(Array("ERROR: No matching distribution found for tensorflow\npartial line with no end".utf8))
        XCTAssertFalse(reused.finish().matches.isEmpty)
        reused.reset()
        let second = "step 1\nThe current Numpy installation fails to pass a sanity check\nImportError: numpy.core.multiarray failed to import\n"
        reused.feed(Array(second.utf8))
        let fresh = Diagnoser(catalog: catalog).diagnose(text: second)
        XCTAssertEqual(reused.finish(), fresh)
        XCTAssertFalse(reused.finish().matches.contains { $0.id == "no-matching-dist" })
    }
}
