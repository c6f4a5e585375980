import XCTest
final class PlaceholderTFWizardCoreTests: XCTestCase { func testNothing() {} }
