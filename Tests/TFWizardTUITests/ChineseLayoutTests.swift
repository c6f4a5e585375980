import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// Chinese text takes two columns a character: the layout must follow display width, not character count.
final class ChineseLayoutTests: XCTestCase {
    static let chinese: [String: String] = [
        "frame.title": "TensorFlow 安装向导 - {screen}",
        "frame.position": "第 {index} 步，共 {count} 步",
        "screen.method": "安装方式",
        "method.question": "用什么方式安装 TensorFlow？",
        "method.venv": "虚拟环境（venv）",
        "method.system-pip": "系统 Python 加 pip",
        "method.docker": "Docker 容器",
        "method.conda": "Conda 环境",
        "method.source": "从源码编译",
        "method.venv.line": "独立的 Python 环境，放在单独的文件夹中：系统中的其他东西都不会改变。这一行很长，用来检查按显示宽度换行是否正确。",
        "tag.recommended": "推荐",
        "tag.refused": "此处不可用",
        "tag.not-yet": "尚未提供",
        "key.up": "上", "key.down": "下", "key.enter": "回车", "key.esc": "Esc", "key.ctrl-c": "Ctrl-C",
        "help.choose": "选择", "help.next": "继续", "help.back": "返回", "help.quit": "退出", "help.help": "帮助",
    ]

    func testMethodScreenInChinese() {
        var driver = WizardDriver(TestMachine.environment(overrides: Self.chinese))
        driver.press(.enter, .enter)
        let screen = driver.screen()
        assertSnapshot(screen, named: "20-method-zh")
        // Every row fits in 80 columns of display width.
        for line in screen.split(separator: "\n") {
            XCTAssertLessThanOrEqual(TextWidth.width(String(line)), 80, String(line))
        }
        // Tags end in the same column although the labels mix wide and narrow characters.
        let rows = screen.split(separator: "\n").map(String.init).filter { $0.contains("虚拟环境") || $0.contains("Conda 环境") }
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.map { TextWidth.width($0) }, [78, 78], "tags end at the right margin")
        XCTAssertTrue(rows[0].hasSuffix("推荐") && rows[1].hasSuffix("此处不可用"))
        // The long description wraps between Chinese characters, using the full width.
        let wrapped = screen.split(separator: "\n").map(String.init).first { $0.contains("独立的") } ?? ""
        XCTAssertGreaterThan(TextWidth.width(wrapped), 70, wrapped)
    }

    func testWideCharactersOccupyTwoCells() {
        TestLocale.useUTF8()
        let terminal = MemoryTerminal(rows: 2, columns: 10)
        terminal.draw("中文ab", row: 0, column: 0, style: .normal)
        XCTAssertEqual(terminal.text(), "中文ab\n\n")
        terminal.draw("x", row: 0, column: 1, style: .normal)   // half of 中 overwritten
        XCTAssertEqual(terminal.text(), " x文ab\n\n")
        terminal.draw("一二三四五六", row: 1, column: 0, style: .normal)  // 12 columns into 10: the sixth is dropped
        XCTAssertEqual(terminal.text().split(separator: "\n").last, "一二三四五")
    }
}
