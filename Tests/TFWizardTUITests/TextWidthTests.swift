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

    /// Fullwidth punctuation, emoji (and their joiners and variation selectors), combining marks, and
    /// the replacement character invalid bytes decode to, each by its display width.
    func testWidthOfPunctuationEmojiMarksAndInvalidBytes() {
        XCTAssertEqual(TextWidth.width("（）：；！？。、"), 16)
        XCTAssertEqual(TextWidth.width("ＡＢ１"), 6)                 // fullwidth Latin letters and digits
        XCTAssertEqual(TextWidth.width("ｶﾀｶﾅ"), 4)                   // halfwidth katakana stay narrow
        XCTAssertEqual(TextWidth.width("🚀"), 2)
        XCTAssertEqual(TextWidth.width("✅ 完成"), 7)
        XCTAssertEqual(TextWidth.width("\u{200D}\u{FE0F}"), 0)       // a joiner and a variation selector take no column
        XCTAssertEqual(TextWidth.width("中\u{300}文"), 4)            // a combining mark on a wide character
        XCTAssertEqual(TextWidth.width("a\u{0332}\u{0301}"), 1)
        // Invalid UTF-8 from a child decodes to U+FFFD, one column: layout never drifts on it.
        let decoded = String(decoding: [0x61, 0xE4, 0xB8, 0x62, 0xFF, 0x63] as [UInt8], as: UTF8.self)
        XCTAssertEqual(decoded, "a\u{FFFD}b\u{FFFD}c")
        XCTAssertEqual(TextWidth.width(decoded), 5)
        XCTAssertEqual(TextWidth.clip("🚀🚀🚀", to: 5), "🚀🚀")
        XCTAssertEqual(TextWidth.clip("e\u{301}中", to: 2), "e\u{301}")   // the mark stays with its letter
    }

    /// Chinese punctuation does not begin a line: the character before it moves down with it.
    func testClosingPunctuationNeverStartsALine() {
        XCTAssertEqual(TextWidth.wrap("一二三四，五六", to: 8), ["一二三", "四，五六"])
        XCTAssertEqual(TextWidth.wrap("一二三四。", to: 8), ["一二三", "四。"])
        XCTAssertEqual(TextWidth.wrap("一二三）", to: 6), ["一二", "三）"])
        XCTAssertEqual(TextWidth.wrap("安装 pip。然后", to: 8), ["安装", "pip。然", "后"])
        let text = "本向导在这台机器上安装 TensorFlow。它会问几个问题，列出将要运行的每一条命令，在你确认安装计划之前不会运行任何东西。"
        for width in 12...40 {      // from the width of "TensorFlow。" on: a narrower line must cut the word
            let lines = TextWidth.wrap(text, to: width)
            for line in lines {
                XCTAssertLessThanOrEqual(TextWidth.width(line), width, line)
                XCTAssertFalse(line.hasPrefix("，") || line.hasPrefix("。"), "width \(width): \(lines)")
            }
            XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " }, "nothing lost at width \(width)")
        }
    }
}
