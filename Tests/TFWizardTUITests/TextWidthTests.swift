@testable import TFWizardTUI
import XCTest

final class TextWidthTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    func testWidthCountsCJKAsTwoColumnsAndCombiningAsNone() {
        XCTAssertEqual(TextWidth.width("abc"), 3)
        XCTAssertEqual(TextWidth.width("中文"), 4)
        XCTAssertEqual(TextWidth.width("安装 TensorFlow"), 15)
        XCTAssertEqual(TextWidth.width("e\u{301}"), 1)        // e + combining acute
        XCTAssertEqual(TextWidth.width("，"), 2)               // full-width comma
    }

    func testClipNeverSplitsAWideCharacter() {
        XCTAssertEqual(TextWidth.clip("中文字", to: 5), "中文")
        XCTAssertEqual(TextWidth.clip("中文字", to: 6), "中文字")
        XCTAssertEqual(TextWidth.clip("abcdef", to: 4, ellipsis: true), "abc…")
        XCTAssertEqual(TextWidth.clip("中文字", to: 4, ellipsis: true), "中…")
        XCTAssertEqual(TextWidth.width(TextWidth.clip("中文字", to: 4, ellipsis: true)), 3)
    }

    func testPadUsesDisplayWidth() {
        XCTAssertEqual(TextWidth.pad("中", to: 4), "中  ")
        XCTAssertEqual(TextWidth.padLeft("中", to: 4), "  中")
        XCTAssertEqual(TextWidth.width(TextWidth.pad("中文字", to: 5)), 5)   // "中文" + one space
    }

    func testWrapBreaksWordsAtSpacesAndChineseAnywhere() {
        XCTAssertEqual(TextWidth.wrap("the quick brown fox", to: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWidth.wrap("一二三四五六七", to: 6), ["一二三", "四五六", "七"])
        XCTAssertEqual(TextWidth.wrap("安装 TensorFlow 到虚拟环境中", to: 16), ["安装 TensorFlow", "到虚拟环境中"])
        XCTAssertEqual(TextWidth.wrap("abcdefghij", to: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWidth.wrap("a\nb", to: 4), ["a", "b"])
        for line in TextWidth.wrap("这是一个很长的中文句子，用来检查换行，每一行都不能超过十个显示列。", to: 10) {
            XCTAssertLessThanOrEqual(TextWidth.width(line), 10)
        }
    }

    func testControlCharactersAreNeutralised() {
        XCTAssertEqual(TextWidth.sanitize("a\u{1b}[2Jb\tc"), "a?[2Jb c")
        XCTAssertEqual(TextWidth.clip("x\u{7}y", to: 10), "x?y")
    }
}
