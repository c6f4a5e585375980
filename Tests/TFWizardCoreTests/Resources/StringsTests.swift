import XCTest
@testable import TFWizardCore

final class StringsTests: XCTestCase {
    /// Each area has its own strings file; a key in two files would silently show the wrong words.
    func testNoKeyIsDefinedInTwoFiles() throws {
        for language in Strings.availableLanguages() {
            var owner: [String: String] = [:]
            for path in ResourceStore.paths where path.hasPrefix("strings/\(language)/") {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: ResourceStore.data(path)) as? [String: String], path)
                for key in object.keys {
                    XCTAssertNil(owner[key], "\(key) is in both \(owner[key] ?? "") and \(path)")
                    owner[key] = path
                }
            }
        }
    }

    func testPlaceholdersAndFallback() {
        let strings = Strings(language: "en")
        XCTAssertEqual(strings.text("headless.done", ["seconds": "1.5"]), "done in 1.5 s")
        XCTAssertEqual(strings.text("no.such.key"), "no.such.key")
        XCTAssertEqual(Strings.languageFromEnvironment(["LANG": "zh_CN.UTF-8"]), "zh")
        XCTAssertEqual(Strings.languageFromEnvironment(["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]), "en")
        XCTAssertEqual(Strings.languageFromEnvironment([:]), "en")
    }
}
