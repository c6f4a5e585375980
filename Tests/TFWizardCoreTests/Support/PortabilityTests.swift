import Foundation
import XCTest
@testable import TFWizardCore

/// The small replacements for full Foundation that keep ICU out of the static binary.
final class PortabilityTests: XCTestCase {
    func testPathTextActsLikeNSStringPaths() {
        // (path, deletingLastPathComponent, lastPathComponent, appendingPathComponent("x"))
        let cases: [(String, String, String, String)] = [
            ("/a/b/c", "/a/b", "c", "/a/b/c/x"),
            ("/a/b/c/", "/a/b", "c", "/a/b/c/x"),
            ("/a", "/", "a", "/a/x"),
            ("/", "/", "/", "/x"),
            ("a", "", "a", "a/x"),
            ("a/b", "a", "b", "a/b/x"),
            ("", "", "", "x"),
            ("~/venv", "~", "venv", "~/venv/x"),
        ]
        for (path, parent, last, appended) in cases {
            XCTAssertEqual(path.deletingLastPathComponent, parent, "deletingLastPathComponent of '\(path)'")
            XCTAssertEqual(path.lastPathComponent, last, "lastPathComponent of '\(path)'")
            XCTAssertEqual(path.appendingPathComponent("x"), appended, "appendingPathComponent of '\(path)'")
        }
        XCTAssertEqual("/a/./b/../c/".standardizingPath, "/a/c")
        XCTAssertEqual("/../a".standardizingPath, "/a")
        XCTAssertEqual("a/../../b".standardizingPath, "../b")
    }

    func testPosixRegexReadsExtendedSyntaxAndGroups() throws {
        let regex = try PosixRegex("Could not resolve( host)?:? ")
        XCTAssertTrue(regex.matches("curl: (6) Could not resolve host: example"))
        XCTAssertFalse(regex.matches("resolved fine"))
        let ignoring = try PosixRegex("no matching distribution", ignoreCase: true)
        XCTAssertTrue(ignoring.matches("ERROR: No Matching Distribution found"))
        let token = try PosixRegex("([?&](token|key)=)[^&]+")
        XCTAssertEqual(token.replacingMatches(in: "x?token=abc&key=d&z=1", with: "$1***"), "x?token=***&key=***&z=1")
        let matches = token.matches(in: "?token=abc")
        XCTAssertEqual(matches.count, 1)
        XCTAssertEqual(matches[0].groups[2], 1..<6)
        // An empty match moves on instead of looping; text around multi-byte characters survives.
        XCTAssertEqual(try PosixRegex("x*").replacingMatches(in: "ab", with: "-"), "-a-b-")
        XCTAssertEqual(try PosixRegex("b").replacingMatches(in: "a中b文", with: "B"), "a中B文")
        XCTAssertThrowsError(try PosixRegex("(unclosed"))
    }

    func testConditionTimedWaitExpiresAndWakes() {
        let condition = Condition()
        condition.lock()
        XCTAssertFalse(condition.wait(seconds: 0.05))
        condition.unlock()

        let semaphore = Semaphore(value: 0)
        nonisolated(unsafe) var ran = false
        DetachedThread.start {
            ran = true
            semaphore.signal()
        }
        semaphore.wait()
        XCTAssertTrue(ran)
    }

    func testTimeStampsHaveFixedShape() {
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        XCTAssertEqual(TimeStamp.iso8601UTC(date), "2026-11-30T00:53:20Z")
        XCTAssertEqual(TimeStamp.localFileStamp(date).count, 15)
    }

    /// Full Foundation on Linux links ICU's data (about 34 MB) into a static binary; the shipped targets
    /// import FoundationEssentials only.
    func testShippedSourcesDoNotImportFullFoundation() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        var offenders: [String] = []
        for target in ["TFWizardYAML", "TFWizardCore", "TFWizardTUI", "tfwizard"] {
            let folder = sources.appendingPathComponent(target)
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let file = walker?.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    if words.contains("import"), let module = words.last,
                       ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML", "Yams"].contains(String(module)) {
                        offenders.append("\(target)/\(file): \(line)")
                    }
                }
            }
        }
        XCTAssertEqual(offenders, [], "shipped code must import FoundationEssentials, not full Foundation")
    }
}
