import XCTest
@testable import TFWizardCore

/// The sanitiser appends runs of printable ASCII at once; fed a byte at a time every run is one byte,
/// which is the character-by-character path it had before. Both give the same lines on the hostile
/// output, the diagnosis logs and the secret lines, at every wrap width.
final class SanitizerRunTests: XCTestCase {
    func testRunsGiveTheSameLinesAsOneByteAtATime() throws {
        for text in try SecretMaskerTests.corpus() {
            for width in [16, 80, 4096] {
                XCTAssertEqual(Self.lines(text, width: width, chunk: text.count), Self.lines(text, width: width, chunk: 1),
                               "width \(width)")
                XCTAssertEqual(Self.lines(text, width: width, chunk: 4095), Self.lines(text, width: width, chunk: 1))
            }
        }
    }

    func testWrapsInsideARunAndRewritesAfterCarriageReturn() {
        XCTAssertEqual(Self.lines(Array("abcdefghijklmnopqrstuvwxyz0123456789\n".utf8), width: 16, chunk: 100),
                       ["abcdefghijklmnop", "qrstuvwxyz012345", "6789"])
        XCTAssertEqual(Self.lines(Array("10%\r50%\rdone\n".utf8), width: 80, chunk: 100), ["done"])
    }

    static func lines(_ bytes: [UInt8], width: Int, chunk: Int) -> [String] {
        var sanitizer = TerminalTextSanitizer(maxLineLength: width)
        var lines: [String] = []
        var offset = 0
        while offset < bytes.count {
            sanitizer.feed(bytes[offset..<min(bytes.count, offset + chunk)]) { lines.append($0) }
            offset += chunk
        }
        sanitizer.finish { lines.append($0) }
        return lines
    }
}
