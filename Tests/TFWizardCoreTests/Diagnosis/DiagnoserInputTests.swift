import Foundation
import XCTest
import TFWizardCore

/// Hostile input: escapes, carriage returns, CRLF, invalid UTF-8, huge lines, odd chunking.
final class DiagnoserInputTests: XCTestCase {
    var catalog: ErrorCatalog!
    override func setUpWithError() throws { catalog = try ErrorCatalog.builtIn() }

    private func diagnose(_ bytes: [UInt8], chunk: Int = 1 << 20) -> Diagnosis {
        let diagnoser = Diagnoser(catalog: catalog)
        var start = 0
        while start < bytes.count {
            diagnoser.feed(Array(bytes[start..<min(bytes.count, start + chunk)]))
            start += chunk
        }
        return diagnoser.finish()
    }

    func testANSIColoursAroundAndInsideTheMessage() {
        let text = "\u{1B}[1;31merror\u{1B}[0m: \u{1B}[1mexternally-\u{1B}[0mmanaged-environment\n\u{1B}]0;title\u{07}done\n"
        let diagnosis = diagnose(Array(text.utf8))
        XCTAssertEqual(diagnosis.fatalCause?.id, "pep668")
        XCTAssertEqual(diagnosis.fatalCause?.lineNumber, 1)
        XCTAssertEqual(diagnosis.fatalCause?.text, "error: externally-managed-environment")
    }

    func testEscapeSequenceSplitAcrossChunks() {
        let text = "ok\n\u{1B}[38;5;196mERROR: No matching distribution found for tensorflow\u{1B}[0m\n"
        for chunk in [1, 2, 3, 7] {
            let diagnosis = diagnose(Array(text.utf8), chunk: chunk)
            XCTAssertEqual(diagnosis.fatalCause?.id, "no-matching-dist", "chunk \(chunk)")
            XCTAssertEqual(diagnosis.fatalCause?.lineNumber, 2, "chunk \(chunk)")
        }
    }

    func testCarriageReturnProgressAndCRLF() {
        var text = "Collecting tensorflow\r\n"
        for percent in stride(from: 0, through: 100, by: 5) { text += "\r  Downloading \(percent)% ━━━━━━━━" }
        text += "\r\nERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\r\n"
        let diagnosis = diagnose(Array(text.utf8), chunk: 13)
        XCTAssertEqual(diagnosis.fatalCause?.id, "disk-full")
        XCTAssertEqual(diagnosis.fatalCause?.lineNumber, 3)
        XCTAssertFalse(diagnosis.fatalCause?.text.contains("\r") ?? true)
        XCTAssertEqual(diagnosis.linesRead, 3)
    }

    func testInvalidUTF8DoesNotHideAMatch() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0xC3, 0x28, 10]
        bytes += Array("\u{FFFD}garbage ".utf8) + [0xE2, 0x82] + Array("Illegal instruction (core dumped)\n".utf8)
        let diagnosis = diagnose(bytes, chunk: 3)
        XCTAssertEqual(diagnosis.fatalCause?.id, "no-avx")
        XCTAssertEqual(diagnosis.fatalCause?.lineNumber, 2)
    }

    func testMegabyteLineIsCappedAndLaterLinesStillMatch() {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        bytes += Array(" 1. Downgrade the protobuf package to 3.20.x or lower.\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 20)
        bytes += Array("\nE: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (apt)\n".utf8)
        let diagnosis = diagnose(bytes, chunk: 65536)
        // The literal-only pattern matches even beyond the kept part of the line; the kept text stays short.
        XCTAssertEqual(Set(diagnosis.matches.map(\.id)), ["protobuf-descriptors", "apt-lock"])
        XCTAssertEqual(diagnosis.matches.first { $0.id == "apt-lock" }?.lineNumber, 3)
        for match in diagnosis.matches { XCTAssertLessThanOrEqual(match.text.count, Diagnoser.maxDisplayLength + 1) }
    }

    func testLastLineWithoutNewlineAndEmptyInput() {
        XCTAssertEqual(diagnose(Array("ok\nERROR: No matching distribution found for tensorflow".utf8)).fatalCause?.lineNumber, 2)
        let empty = diagnose([])
        XCTAssertNil(empty.fatalCause)
        XCTAssertTrue(empty.matches.isEmpty)
        XCTAssertEqual(empty.linesRead, 0)
    }

    func testUnknownFailureGivesTheLastErrorLines() {
        let text = "step 1 ok\nTraceback (most recent call last):\n  File \"x.py\", line 1\nModuleNotFoundError: No module named 'foo'\nbye\n"
        let diagnosis = diagnose(Array(text.utf8))
        XCTAssertNil(diagnosis.fatalCause)
        XCTAssertEqual(diagnosis.lastErrorLines, ["Traceback (most recent call last):", "ModuleNotFoundError: No module named 'foo'"])
    }

    func testHarmlessLinesAreNotErrorLines() {
        let text = "2024-01-01 E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282] failed call to cuInit: UNKNOWN ERROR (303)\n"
        let diagnosis = diagnose(Array(text.utf8))
        XCTAssertNil(diagnosis.fatalCause)
        XCTAssertEqual(diagnosis.matches.map(\.id), ["cuda-drivers-absent-cpu"])
        XCTAssertTrue(diagnosis.lastErrorLines.isEmpty)
        XCTAssertTrue(diagnosis.isClean)
    }

    func testRankingPrefersTheRootCause() {
        let text = """
        WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(': Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')'
        ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)
        ERROR: No matching distribution found for tensorflow
        """
        let diagnosis = diagnose(Array(text.utf8))
        XCTAssertEqual(diagnosis.matches.map(\.id), ["network-error", "no-matching-dist"])
    }

    func testFinishIsIdempotentAndFeedAfterFinishIsIgnored() {
        let diagnoser = Diagnoser(catalog: catalog)
        diagnoser.feed(Array("Illegal instruction\n".utf8))
        let first = diagnoser.finish()
        diagnoser.feed(Array("error: externally-managed-environment\n".utf8))
        XCTAssertEqual(diagnoser.finish(), first)
    }

    func testFileAndDescriptorInput() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString).log")
        try Data("x\nCould not get lock /var/lib/dpkg/lock\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try Diagnoser(catalog: catalog).diagnose(path: url.path).fatalCause?.id, "apt-lock")
        XCTAssertThrowsError(try Diagnoser(catalog: catalog).diagnose(path: url.path + ".missing")) { error in
            guard case DoctorInputError.unreadable(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix(".missing"))
        }
        XCTAssertThrowsError(try Diagnoser(catalog: catalog).diagnose(path: FileManager.default.temporaryDirectory.path))
    }
}
