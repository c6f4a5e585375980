import XCTest
@testable import TFWizardCore

/// ArgumentParser's usage errors reworded: each known frame, a sentence it does not know kept whole.
final class UsageErrorWordingTests: XCTestCase {
    private let zh = Strings(language: "zh")

    func testKnownSentencesAreRewordedAndTheRestIsKept() {
        let message = """
            Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text' or 'json'.
            Usage: tfwizard plan --answers <answers>
              See 'tfwizard plan --help' for more information.
            """
        XCTAssertEqual(UsageErrorWording.localize(message, strings: zh), """
            错误：'--format <format>' 的值 'xml' 无效。可用的值：'text' or 'json'。
            用法：tfwizard plan --answers <answers>
              详见 'tfwizard plan --help'。
            """)
        XCTAssertEqual(UsageErrorWording.localize("Error: Missing expected argument '--answers <answers>'", strings: zh),
                       "错误：缺少必需的参数 '--answers <answers>'")
        XCTAssertEqual(UsageErrorWording.localize("Error: Something new happened", strings: zh), "错误：Something new happened")
        XCTAssertEqual(UsageErrorWording.localize(message, strings: Strings(language: "en")), message)
    }

    func testTheLanguageOfACommandLineNotParsedYet() {
        let environment = ["LANG": "C.UTF-8"]
        XCTAssertEqual(LanguageChoice.choose(arguments: ["tfwizard", "--lang", "zh", "--help"], environment: environment).language, "zh")
        XCTAssertEqual(LanguageChoice.choose(arguments: ["tfwizard", "--lang=zh"], environment: environment).language, "zh")
        XCTAssertEqual(LanguageChoice.choose(arguments: ["tfwizard", "--lang", "xx"], environment: environment).language, "en")
    }
}
