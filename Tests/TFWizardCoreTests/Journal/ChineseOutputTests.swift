import Foundation
import XCTest
@testable import TFWizardCore

/// pip under zh_CN prints Chinese: split anywhere across the pty's reads, it shows whole in the log pane's
/// lines and reaches the session log whole.
final class ChineseOutputTests: XCTestCase {
    static let pipOutput = "正在收集 tensorflow\r\n  正在下载 tensorflow-2.21.0-cp312-manylinux_2_27_x86_64.whl（620.3 MB）\r\n错误：找不到满足要求的版本\r\n"

    func testEverySplitOfTheBytesGivesTheSameLines() {
        let bytes = Array(Self.pipOutput.utf8)
        var whole = LogBuffer(maxLines: 50)
        whole.append(bytes)
        XCTAssertEqual(whole.lines.prefix(3), ["正在收集 tensorflow", "  正在下载 tensorflow-2.21.0-cp312-manylinux_2_27_x86_64.whl（620.3 MB）",
                                               "错误：找不到满足要求的版本"])
        for cut in 1..<bytes.count {
            var split = LogBuffer(maxLines: 50)
            split.append(Array(bytes[..<cut]))
            split.append(Array(bytes[cut...]))
            XCTAssertEqual(split.lines, whole.lines, "cut at byte \(cut)")
        }
    }

    func testTheSessionLogHoldsItWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-zh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let journal = try SessionJournal(directory: root)
        let step = Step(id: "install-tf", title: "安装 tensorflow", why: "下载 TensorFlow",
                        argv: ["/opt/venv/bin/python", "-m", "pip", "install", "tensorflow"])
        journal.stepStarted(index: 0, of: 1, step: step)
        let bytes = Array(Self.pipOutput.utf8)
        // Reads that end inside a character, as a pty gives them.
        for start in stride(from: 0, to: bytes.count, by: 7) {
            journal.stepOutput(index: 0, bytes: Array(bytes[start..<min(start + 7, bytes.count)]))
        }
        journal.stepFinished(index: 0, step: step, outcome: StepOutcome(status: .failed, exitCode: 1, signal: nil,
                                                                        durationSeconds: 2))
        let log = try String(contentsOfFile: try journal.export(), encoding: .utf8)
        XCTAssertTrue(log.contains("正在下载 tensorflow-2.21.0-cp312-manylinux_2_27_x86_64.whl（620.3 MB）"), log)
        XCTAssertTrue(log.contains("错误：找不到满足要求的版本"), log)
        XCTAssertTrue(log.contains("安装 tensorflow"), log)
        XCTAssertFalse(log.contains("\u{FFFD}"), "a character cut between reads came out broken:\n\(log)")
    }
}
