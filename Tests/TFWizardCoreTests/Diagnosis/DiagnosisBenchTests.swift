import Foundation
import XCTest
import TFWizardCore

/// Timing of the matcher on a large log, for bench/doctor.sh. Runs only when TFWIZARD_BENCH_LOG names a
/// file; prints the time instead of asserting it (timings depend on the machine). With
/// TFWIZARD_BENCH_PATTERNS it also writes the catalog's patterns as a `grep -E -f` file to compare with.
final class DiagnosisBenchTests: XCTestCase {
    func testBenchLargeLog() throws {
        let environment = ProcessInfo.processInfo.environment
        let catalog = try ErrorCatalog.builtIn()
        if let patternsPath = environment["TFWIZARD_BENCH_PATTERNS"] {
            try Self.grepPatterns(catalog).write(toFile: patternsPath, atomically: true, encoding: .utf8)
        }
        guard let logPath = environment["TFWIZARD_BENCH_LOG"] else { throw XCTSkip("set TFWIZARD_BENCH_LOG to run") }
        let start = Date()
        let diagnosis = try Diagnoser(catalog: catalog).diagnose(path: logPath)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "DOCTOR_BENCH seconds=%.3f lines=%d matches=%d cause=%@", seconds, diagnosis.linesRead,
                     diagnosis.matches.count, diagnosis.fatalCause?.id ?? "none"))
        XCTAssertGreaterThan(diagnosis.linesRead, 0)
    }

    /// Always runs: an 8 MB log fed in 64 KiB chunks; prints the throughput (a debug build is far slower
    /// than release) and checks that the result does not depend on where chunks split.
    func testThroughputOnGeneratedLog() throws {
        let catalog = try ErrorCatalog.builtIn()
        var block = ""
        for index in 0..<200 {
            block += "Collecting package-\(index) (from tensorflow)\n"
            block += "\r   \u{1B}[32m━━━━━━━━━━━━\u{1B}[0m 12.3/615.0 MB 48.2 MB/s eta 0:00:05\n"
            block += "2026-11-26 I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.\n"
        }
        let bytes = Array((String(repeating: block, count: 8 * 1024 * 1024 / block.utf8.count)
            + "error: externally-managed-environment\n").utf8)
        let diagnoser = Diagnoser(catalog: catalog)
        let start = Date()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 65536)
            bytes[offset..<end].withUnsafeBufferPointer { diagnoser.feed($0) }
            offset = end
        }
        let diagnosis = diagnoser.finish()
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "DOCTOR_THROUGHPUT %.1f MB/s (%d bytes in %.3f s)",
                     Double(bytes.count) / 1_048_576 / seconds, bytes.count, seconds))
        XCTAssertEqual(diagnosis.fatalCause?.id, "pep668")
        XCTAssertEqual(diagnosis.matches.map(\.id), ["pep668", "onednn-notice"])
        XCTAssertEqual(Diagnoser(catalog: catalog).diagnose(text: String(decoding: bytes, as: UTF8.self)), diagnosis)
    }

    /// Each pattern as an ERE: its regex, or its literal with ERE metacharacters escaped.
    static func grepPatterns(_ catalog: ErrorCatalog) -> String {
        var lines: [String] = []
        for entry in catalog.entries {
            for pattern in entry.patterns {
                if let regex = pattern.regex {
                    lines.append(regex)
                } else {
                    var escaped = ""
                    for character in pattern.literal {
                        if "\\.[]()*+?{}|^$".contains(character) { escaped.append("\\") }
                        escaped.append(character)
                    }
                    lines.append(escaped)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
