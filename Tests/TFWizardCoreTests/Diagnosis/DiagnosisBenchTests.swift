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
