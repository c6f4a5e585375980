import XCTest
@testable import TFWizardTUI

final class ChoiceListTests: XCTestCase {
    /// The ^/v marks of a scrolling list sit in a column of their own: they never cover a row's tag.
    func testScrollMarksNeverCoverText() {
        let terminal = MemoryTerminal(rows: 24, columns: 40)
        let canvas = Canvas(terminal: terminal, size: TerminalSize(rows: 24, columns: 40))
        let rows = (0..<6).map { ChoiceRow(label: "2.\($0).0", tag: "Python 3.9-3.1\($0)") }
        ChoiceList.render(rows, cursor: 3, canvas: canvas, row: 2, height: 3)
        let lines = terminal.text().components(separatedBy: "\n")
        XCTAssertTrue(lines[2].hasSuffix("Python 3.9-3.11 ^"), lines[2])
        XCTAssertTrue(lines[4].hasSuffix("Python 3.9-3.13 v"), lines[4])
    }

    func testListThatFitsUsesTheWholeWidth() {
        let terminal = MemoryTerminal(rows: 24, columns: 40)
        let canvas = Canvas(terminal: terminal, size: TerminalSize(rows: 24, columns: 40))
        ChoiceList.render([ChoiceRow(label: "one", tag: "tag")], cursor: 0, canvas: canvas, row: 2, height: 3)
        let lines = terminal.text().components(separatedBy: "\n")
        // The tag ends at the body's right edge (column 37 of 40; the margin is trimmed from the dump).
        XCTAssertTrue(lines[2].hasSuffix("tag"), "[\(lines[2])]")
        XCTAssertEqual(lines[2].count, 38, "[\(lines[2])]")
    }
}
