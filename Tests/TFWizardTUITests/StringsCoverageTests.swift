import Foundation
import TFWizardCore
import XCTest

/// Every key the screens use exists in Resources/strings/en/tui.json (a gap would show as the raw key).
final class StringsCoverageTests: XCTestCase {
    func testEveryUsedKeyExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/TFWizardTUI")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 10)
        // Keys passed to text(...), and the key names and labels of the key tables ("help.back").
        let pattern = try NSRegularExpression(pattern: #"(?:\b(?:text|t)\(|[\[(,:?] *)"((?:[a-z][a-z0-9-]*\.[a-z0-9.-]+))""#)
        var keys = Set<String>()
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                keys.insert(String(source[Range(match.range(at: 1), in: source)!]))
            }
        }
        // Keys built from names at run time.
        keys.formUnion(["install.log", "install.log-focused", "install.log-done", "install.finished-ok", "install.finished-ok-no-check", "install.finished-failed",
                        "validation.passed", "validation.failed", "validation.no-gpu", "validation.no-gpu-cpu"])
        keys.formUnion(["welcome", "device", "method", "package", "python", "venv", "plan", "install", "failure",
                        "fullLog", "validation", "done", "troubleshoot", "fixConfirm", "logPath", "indexSettings"].map { "screen.\($0)" })
        keys.formUnion(Answers.Method.allCases.flatMap { ["method.\($0.rawValue)", "method.\($0.rawValue).line"] })
        keys.formUnion(Answers.Package.allCases.map { "package.\($0.rawValue).line" })
        keys.formUnion(["system", "pyenv", "conda", "other"].map { "python.source.\($0)" })
        keys.formUnion(["pending", "running", "done", "failed", "skipped", "cancelled"].map { "status.\($0)" })
        keys.formUnion(["retry", "troubleshoot", "skip", "log", "abort"].map { "failure.\($0)" })
        keys.formUnion(["apply", "back", "from-log", "cannot-apply-here", "run-yourself"].map { "troubleshoot.\($0)" })
        keys.formUnion(["install", "diagnose"].map { "welcome.choice.\($0)" })
        let strings = Strings(language: "en")
        let missing = keys.filter { !strings.hasKey($0) }.sorted()
        XCTAssertEqual(missing, [])
        XCTAssertGreaterThan(keys.count, 100)
    }
}
