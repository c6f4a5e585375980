import XCTest
@testable import TFWizardCore

final class LanguageChoiceTests: XCTestCase {
    private func choose(_ environment: [String: String], lang: String? = nil, fullScreen: Bool = false) -> LanguageChoice {
        LanguageChoice.choose(requested: lang, environment: environment, fullScreen: fullScreen)
    }

    func testSimplifiedChineseLocales() {
        for locale in ["zh_CN.UTF-8", "zh_CN.utf8", "zh_SG.UTF-8", "zh_Hans.UTF-8", "zh_Hans_CN.UTF-8", "zh.UTF-8"] {
            XCTAssertEqual(choose(["LANG": locale]), LanguageChoice(language: "zh", localeIsUTF8: true), locale)
        }
    }

    func testTraditionalChineseFallsBackToSimplifiedWithANote() {
        for locale in ["zh_TW.UTF-8", "zh_HK.UTF-8", "zh_MO.UTF-8", "zh_Hant.UTF-8", "zh_Hant_TW.UTF-8"] {
            XCTAssertEqual(choose(["LANG": locale]),
                           LanguageChoice(language: "zh", noteKey: "language.note.traditional", localeIsUTF8: true), locale)
        }
        XCTAssertTrue(Strings(language: "zh").hasKey("language.note.traditional"))
    }

    /// LC_ALL over LC_MESSAGES over LANG, as the C library reads them; empty values do not count.
    func testPrecedenceOfTheLocaleVariables() {
        XCTAssertEqual(choose(["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]).language, "en")
        XCTAssertEqual(choose(["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"]).language, "zh")
        XCTAssertEqual(choose(["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]).language, "en")
        XCTAssertEqual(choose(["LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]).language, "zh")
        XCTAssertEqual(choose(["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]).language, "zh")
        XCTAssertEqual(choose([:]).language, "en")
        XCTAssertEqual(choose(["LANG": "fr_FR.UTF-8"]).language, "en", "a language without a table is English")
        XCTAssertEqual(choose(["LANG": "C.UTF-8"]), LanguageChoice(language: "en", localeIsUTF8: true))
    }

    /// Chinese bytes on a GBK or Latin-1 terminal would be garbled: such a locale gets English and says why.
    func testNonUTF8LocaleGetsEnglish() {
        for locale in ["zh_CN.GBK", "zh_CN.GB18030", "zh_CN", "zh_TW.Big5"] {
            XCTAssertEqual(choose(["LANG": locale]),
                           LanguageChoice(language: "en", noteKey: "language.note.not-utf8", localeIsUTF8: false), locale)
        }
        XCTAssertEqual(choose(["LANG": "en_US.ISO-8859-1"], lang: "zh").language, "en")
        // The character set comes from LC_CTYPE where LC_ALL is unset.
        XCTAssertEqual(choose(["LANG": "zh_CN.UTF-8", "LC_CTYPE": "zh_CN.GBK"]).language, "en")
    }

    /// --lang wins over the locale; on a locale that names no character set it is kept for line output,
    /// but the full screen (ncurses) needs UTF-8 for it.
    func testExplicitLanguage() {
        XCTAssertEqual(choose(["LANG": "en_US.UTF-8"], lang: "zh").language, "zh")
        XCTAssertEqual(choose(["LANG": "zh_CN.UTF-8"], lang: "en").language, "en")
        XCTAssertEqual(choose([:], lang: "zh").language, "zh")
        XCTAssertEqual(choose([:], lang: "zh", fullScreen: true).language, "en")
        XCTAssertEqual(choose(["LANG": "C.UTF-8"], lang: "zh", fullScreen: true).language, "zh")
    }

    /// The accepted --lang values come from the tables present, not from a list in the code.
    func testSupportedCodesComeFromTheResources() {
        XCTAssertEqual(Set(Strings.availableLanguages()), ["en", "zh"])
        XCTAssertEqual(LanguageChoice.supportedCode("zh"), "zh")
        XCTAssertEqual(LanguageChoice.supportedCode("zh_CN"), "zh")
        XCTAssertEqual(LanguageChoice.supportedCode("zh-Hans"), "zh")
        XCTAssertEqual(LanguageChoice.supportedCode("EN"), "en")
        XCTAssertNil(LanguageChoice.supportedCode("fr"))
        XCTAssertEqual(LanguageChoice.supportedCode("fr", available: ["en", "fr"]), "fr")
    }
}
