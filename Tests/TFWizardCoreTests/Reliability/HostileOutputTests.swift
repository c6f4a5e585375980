import Foundation
import XCTest
@testable import TFWizardCore

/// A step whose output attacks the terminal: kept byte for byte in the transcript, drawn inert, and
/// never answered (queries such as DSR or DECRQSS get no reply on the child's stdin).
final class HostileOutputTests: XCTestCase {
    /// Everything at once, without a newline (the pty turns "\n" into "\r\n").
    static let payload: [UInt8] = Array("start ".utf8)
        + Array("\u{1b}]0;pwned title\u{07}\u{1b}]2;other title\u{1b}\\".utf8)      // window titles
        + Array("\u{1b}]52;c;ZWNobyBwd25lZA==\u{07}".utf8)                              // clipboard write
        + Array("\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\".utf8)    // hyperlink
        + Array("\u{1b}[2J\u{1b}[1;1H\u{1b}[32mDone\u{1b}[0m\u{1b}[5A".utf8)           // a fake 'Done'
        + Array("\u{1b}P$qm\u{1b}\\\u{1b}[6n\u{1b}[c\u{1b}[>c\u{1b}]11;?\u{07}\u{1b}[21t".utf8)  // queries
        + [0x9b, 0x33, 0x31, 0x6d, 0x9d, 0x30, 0x3b, 0x74, 0x9c]                        // C1 CSI and OSC
        + [0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82]                                          // invalid UTF-8
        + [0x00, 0x41, 0x00]                                                            // NUL
        + Array(" end".utf8)

    /// sh's printf with every byte as an octal escape, so no byte is interpreted on the way.
    static var printfArgument: String {
        payload.map { "\\" + String($0, radix: 8).leftPadded(to: 3) }.joined()
    }

    func testStepOutputIsRecordedFaithfullyAndQueriesAreNeverAnswered() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-hostile-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SessionJournal(directory: folder.path)
        // Non-canonical input with a 1 s read timeout: anything written back to the child's terminal
        // (an answer to a query) would be read and reported.
        let script = "stty -icanon -echo min 0 time 10; printf '\(Self.printfArgument)'; "
            + "reply=$(dd bs=256 count=1 2>/dev/null | od -An -c | tr -d ' \\n'); printf '\\nREPLY[%s]\\n' \"$reply\""
        let step = Step(id: "hostile", title: "Hostile output", why: "test", argv: ["/bin/sh", "-c", script])
        let plan = Plan(answers: Answers(), steps: [step], notes: [], tensorflowVersion: "2.21.0", pythonPath: "/usr/bin/python3")
        let recorder = EventRecorder()
        let engine = Engine(plan: plan, runner: PtyStepRunner(), journal: journal, expectGPU: false, strings: Strings(language: "en")) { recorder.record($0) }
        engine.start()
        XCTAssertTrue(recorder.waitForFinish(timeout: 20))

        var output: [UInt8] = []
        for case .output(_, let bytes) in recorder.events { output += bytes }
        let text = String(decoding: output, as: UTF8.self)
        XCTAssertTrue(text.contains("REPLY[]"), "something was written to the child's input: \(text.suffix(200))")

        let transcript = try Data(contentsOf: URL(fileURLWithPath: journal.transcriptPath))
        XCTAssertNotNil(transcript.range(of: Data(Self.payload)), "the transcript does not hold the output byte for byte")

        var pane = LogBuffer(maxLines: 50)
        pane.append(output)
        pane.finish()
        for line in pane.lines {
            XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value) },
                           "a control character reached the pane: \(line.debugDescription)")
        }
        let shown = pane.lines.joined(separator: "\n")
        XCTAssertTrue(shown.contains("start"), shown)
        XCTAssertTrue(shown.contains("link"), shown)
        XCTAssertTrue(shown.contains("end"), shown)
        XCTAssertFalse(shown.contains("pwned title"), "an OSC title was shown as text: \(shown)")
        XCTAssertFalse(shown.contains("ZWNobyBwd25lZA"), "the OSC 52 payload was shown: \(shown)")
    }

    func testLogBufferMemoryStaysBoundedOverManyLines() {
        var buffer = LogBuffer(maxLines: 5000)
        let chunk = Array((0..<1000).map { "pip progress line \($0) \(String(repeating: "x", count: 60))\n" }.joined().utf8)
        let start = Date()
        for _ in 0..<200 { buffer.append(chunk) }   // 200,000 lines, 16 MB
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(buffer.totalCompletedLines, 200_000)
        XCTAssertEqual(buffer.lineCount, 5000)
        XCTAssertLessThanOrEqual(buffer.storedLineCount, 2 * 5000, "trimmed lines are not released")
        XCTAssertTrue(buffer.lines.last?.hasPrefix("pip progress line 999") == true)
        // The pane keeps up with a child printing 100,000 lines a second (debug build, shared CPU: generous).
        XCTAssertLessThan(seconds, 10, "200,000 lines took \(seconds) s")
    }

    func testLongLineAndUnterminatedOSCStayBoundedAndLaterTextShows() {
        var buffer = LogBuffer(maxLines: 100, maxLineLength: 4096)
        buffer.append(Array(repeating: UInt8(ascii: "y"), count: 10 << 20))       // 10 MB without a newline
        XCTAssertLessThanOrEqual(buffer.lines.count, 100)
        XCTAssertTrue(buffer.lines.allSatisfy { $0.utf8.count <= 4096 })
        buffer.append(Array("\n\u{1b}]0;".utf8) + Array(repeating: UInt8(ascii: "z"), count: 1 << 20))
        buffer.append(Array("\nvisible after\n".utf8))
        XCTAssertTrue(buffer.lines.contains { $0.contains("visible after") }, "\(buffer.lines.suffix(3))")
    }

    func testSecretsAreMaskedInThePane() {
        var buffer = LogBuffer(maxLines: 10, secrets: Redactor.secrets(inURLs: ["http://user:S3cretPass@proxy:3128"]))
        buffer.append(Array("connecting via http://user:S3cr".utf8))
        XCTAssertFalse(buffer.lines.joined().contains("S3cretPass"))
        buffer.append(Array("etPass@proxy:3128\npassword was S3cretPass\n".utf8))
        let shown = buffer.lines.joined(separator: "\n")
        XCTAssertFalse(shown.contains("S3cretPass"), shown)
        XCTAssertTrue(shown.contains("****"), shown)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
