import XCTest
final class PlaceholderTFWizardTUITests: XCTestCase { func testNothing() {} }
