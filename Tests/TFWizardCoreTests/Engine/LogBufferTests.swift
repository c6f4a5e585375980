import XCTest
@testable import TFWizardCore

final class LogBufferTests: XCTestCase {
    private func lines(_ chunks: [[UInt8]], maxLines: Int = 100) -> [String] {
        var buffer = LogBuffer(maxLines: maxLines)
        for chunk in chunks { buffer.append(chunk) }
        return buffer.lines
    }

    private func lines(_ text: String) -> [String] { lines([Array(text.utf8)]) }

    /// No scalar that a terminal would act on survives.
    private func assertNoControls(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in lines {
            for scalar in text.unicodeScalars {
                let value = scalar.value
                XCTAssertFalse(value < 0x20 || (0x7F...0x9F).contains(value),
                               "control U+\(String(value, radix: 16)) in \(text.debugDescription)", file: file, line: line)
            }
        }
    }

    func testPlainLinesAndCRLF() {
        XCTAssertEqual(lines("one\ntwo\r\nthree"), ["one", "two", "three"])
        XCTAssertEqual(lines("a\r\n\r\nb\n"), ["a", "", "b"])
    }

    func testClearScreenAndColoursAreDropped() {
        XCTAssertEqual(lines("before\u{1B}[2J\u{1B}[H after\n"), ["before after"])
        XCTAssertEqual(lines("\u{1B}[1;31mred\u{1B}[0m plain\u{1B}[?25l\n"), ["red plain"])
    }

    func testOSC52ClipboardWriteIsDropped() {
        XCTAssertEqual(lines("x\u{1B}]52;c;ZXZpbA==\u{07}y\n"), ["xy"])
        XCTAssertEqual(lines("x\u{1B}]52;c;ZXZpbA==\u{1B}\\y\n"), ["xy"])
        XCTAssertEqual(lines("x\u{1B}]0;title\u{9C}y\n"), ["xy"])
    }

    func testDCSAndAPCStringsAreDropped() {
        XCTAssertEqual(lines("a\u{1B}P1$r0m\u{1B}\\b\u{1B}_payload\u{1B}\\c\u{1B}^pm\u{07}d\n"), ["abcd"])
    }

    func testUnterminatedOSCIsBoundedAndLaterTextShows() {
        var buffer = LogBuffer(maxLines: 50, maxLineLength: 1000)
        buffer.append(Array("\u{1B}]0;".utf8))
        let megabyte = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 20)
        for start in stride(from: 0, to: megabyte.count, by: 65536) {
            buffer.append(Array(megabyte[start..<min(start + 65536, megabyte.count)]))
        }
        buffer.append(Array("\nvisible\n".utf8))
        XCTAssertLessThanOrEqual(buffer.lines.count, 50)
        XCTAssertEqual(buffer.lines.last, "visible")
        XCTAssertTrue(buffer.lines.allSatisfy { $0.unicodeScalars.count <= 1000 })
        assertNoControls(buffer.lines)
    }

    func testEightBitC1IsNeutralised() {
        // A raw 0x9B byte is not UTF-8: it shows as U+FFFD and starts nothing.
        XCTAssertEqual(lines([[0x61, 0x9B, 0x33, 0x31, 0x6D, 0x62, 0x0A]]), ["a\u{FFFD}31mb"])
        // U+009B (C2 9B) is the C1 CSI: the sequence is swallowed.
        XCTAssertEqual(lines([[0x61, 0xC2, 0x9B, 0x33, 0x31, 0x6D, 0x62, 0x0A]]), ["ab"])
        // Other C1 controls (U+0085 NEL, U+008D RI) are dropped.
        XCTAssertEqual(lines([[0x61, 0xC2, 0x85, 0xC2, 0x8D, 0x62, 0x0A]]), ["ab"])
    }

    func testInvalidUTF8SplitAcrossChunks() {
        XCTAssertEqual(lines([[0x63, 0x61, 0x66, 0xC3], [0xA9, 0x0A]]), ["café"])
        XCTAssertEqual(lines([[0xE2], [0x82], [0xAC, 0x0A]]), ["€"])
        XCTAssertEqual(lines([[0xC3], [0x41, 0x0A]]), ["\u{FFFD}A"])
        XCTAssertEqual(lines([[0xF0, 0x9F], [0x98, 0x80], [0xFF, 0x0A]]), ["😀\u{FFFD}"])
        XCTAssertEqual(lines([[0xED, 0xA0, 0x80, 0x0A]]), ["\u{FFFD}\u{FFFD}\u{FFFD}"])  // a surrogate is ill-formed
    }

    func testDanglingPartialCharacterAtEnd() {
        var buffer = LogBuffer()
        buffer.append([0x41, 0xE2, 0x82])
        buffer.finish()
        XCTAssertEqual(buffer.lines, ["A\u{FFFD}"])
    }

    func testCarriageReturnProgressRewritesInPlace() {
        XCTAssertEqual(lines("Downloading\n 10%\r 55%\r100%\ndone\n"), ["Downloading", "100%", "done"])
        XCTAssertEqual(lines([Array("  1%|#".utf8), Array("\r 50%|#####".utf8)]), [" 50%|#####"])
        // A bare \r keeps the old text visible until something replaces it.
        XCTAssertEqual(lines("waiting\r"), ["waiting"])
    }

    func testNULBellDeleteDroppedTabExpandedBackspaceHonoured() {
        XCTAssertEqual(lines("a\u{0}b\u{7}c\u{7F}d\n"), ["abcd"])
        XCTAssertEqual(lines("a\tb\n"), ["a       b"])
        XCTAssertEqual(lines("abx\u{8}c\n"), ["abc"])
    }

    func testTenMegabyteLineStaysBounded() {
        var buffer = LogBuffer(maxLines: 100)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
        for _ in 0..<(10 * 16) { buffer.append(chunk) }
        XCTAssertLessThanOrEqual(buffer.lines.count, 100)
        XCTAssertEqual(buffer.lineCount, buffer.lines.count)
        XCTAssertTrue(buffer.lines.allSatisfy { $0.utf8.count <= 4096 })
        XCTAssertEqual(buffer.lines.first?.utf8.count, 4096)
        XCTAssertGreaterThan(buffer.totalCompletedLines, 2000)
    }

    func testOnlyMaxLinesAreKept() {
        var buffer = LogBuffer(maxLines: 3)
        for number in 1...2000 { buffer.append(Array("line \(number)\n".utf8)) }
        buffer.append(Array("partial".utf8))
        XCTAssertEqual(buffer.lines, ["line 1999", "line 2000", "partial"])
        XCTAssertEqual(buffer.lastLines(2), ["line 2000", "partial"])
        XCTAssertEqual(buffer.lines(in: 0..<1), ["line 1999"])
        XCTAssertEqual(buffer.totalCompletedLines, 2000)
    }

    func testRandomBytesNeverLeakControls() {
        var generator = SeededRandom(seed: 42)
        var buffer = LogBuffer(maxLines: 10_000, maxLineLength: 200)
        var interesting: [UInt8] = [0x1B, 0x5B, 0x5D, 0x50, 0x5C, 0x07, 0x9B, 0x9D, 0xC2, 0x0D, 0x0A, 0x08, 0x00, 0x18]
        interesting += Array("0123;?m".utf8)
        for _ in 0..<2000 {
            let chunk = (0..<Int(generator.next() % 64)).map { _ -> UInt8 in
                generator.next() % 2 == 0 ? interesting[Int(generator.next() % UInt64(interesting.count))]
                                          : UInt8(truncatingIfNeeded: generator.next())
            }
            buffer.append(chunk)
        }
        assertNoControls(buffer.lines)
    }
}

