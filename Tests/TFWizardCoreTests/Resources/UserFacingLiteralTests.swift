import Foundation
import XCTest

/// Words a user reads come from the string tables, in every language. A string literal in Sources that
/// reads as an English sentence (three words or more, two of them among the commonest English words)
/// fails here unless its file is listed below with the count it has, and why those stay in English.
final class UserFacingLiteralTests: XCTestCase {
    /// Files whose English literals are known, with how many there are. A count only goes down.
    static let known: [String: (count: Int, why: String)] = [
        "TFWizardCore/Resources/UsageErrorWording.swift": (1, "ArgumentParser's English sentence frames, recognised to be reworded"),
        "TFWizardCore/Catalog/CatalogLoader.swift": (6, "errors in the built-in compatibility matrix: for developers"),
        "TFWizardCore/Diagnosis/ErrorCatalog.swift": (3, "errors in the built-in error catalog: for developers"),
        "TFWizardCore/Planner/StepChecks.swift": (1, "a shell program a step's check runs, not words"),
        "TFWizardCore/Diagnosis/DiagnosisContext.swift": (1, "errors in the built-in catalog's context rules: for developers"),
        "TFWizardCore/Model/Answers.swift": (1, "a decoding error of the answers' JSON: for programs"),
        "TFWizardCore/Model/EngineEvent.swift": (1, "a documentation example"),
        "TFWizardCore/Probe/CommandRunning.swift": (1, "a probe's internal reason, never shown"),
        "TFWizardCore/Probe/DockerProbe.swift": (2, "Docker's own output, matched"),
        "TFWizardCore/Probe/NvidiaSMIParser.swift": (2, "nvidia-smi's own output, matched"),
        "TFWizardCore/Probe/RecordedMachine.swift": (4, "errors in a recorded machine's commands.json: for developers"),
        "TFWizardCore/Probe/SystemCommandRunner.swift": (1, "a probe's internal reason, never shown"),
        "TFWizardCore/Resources/ResourceStore.swift": (1, "a build without its resources: for developers"),
        "TFWizardYAML/ResourceSchema.swift": (2, "errors in Resources/ that stop the build: for developers"),
        "ResourceEmbedder/JSONListsSource.swift": (2, "errors in Resources/ that stop the build: for developers"),
        "ResourceEmbedder/StringTables.swift": (2, "errors in Resources/ that stop the build: for developers"),
    ]

    static let commonWords: Set<String> = ["the", "is", "are", "and", "not", "of", "to", "was", "with", "for", "this",
                                           "that", "be", "it", "on", "in", "a", "an", "or", "no", "has", "will", "can",
                                           "cannot", "found", "expected"]

    static func englishLiterals(in source: String) throws -> [String] {
        let literal = try NSRegularExpression(pattern: #""((?:[^"\\]|\\.)*)""#)
        let interpolation = try NSRegularExpression(pattern: #"\\\(.*?\)"#)
        var found: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
            for match in literal.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                let text = String(line[Range(match.range(at: 1), in: line)!])
                let plain = interpolation.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                                   withTemplate: "X")
                let words = plain.split { !($0.isASCII && $0.isLetter) }.map { $0.lowercased() }
                if plain.contains(" "), words.count >= 3, words.filter(commonWords.contains).count >= 2 { found.append(text) }
            }
        }
        return found
    }

    func testNoNewEnglishSentenceInSources() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 50)
        var counts: [String: Int] = [:]
        for file in files {
            let name = String(file.standardizedFileURL.path.dropFirst(sources.standardizedFileURL.path.count + 1))
            let literals = try Self.englishLiterals(in: String(contentsOf: file, encoding: .utf8))
            guard !literals.isEmpty else { continue }
            counts[name] = literals.count
            let allowed = Self.known[name]?.count ?? 0
            XCTAssertLessThanOrEqual(literals.count, allowed,
                                     "\(name): English sentences a user may read belong in Resources/strings (en and zh):\n"
                                     + literals.joined(separator: "\n"))
        }
        for (name, entry) in Self.known where (counts[name] ?? 0) < entry.count {
            XCTFail("\(name) has \(counts[name] ?? 0) English literals now: lower its count here to \(counts[name] ?? 0)")
        }
    }

    /// The scan itself: a sentence is caught, a command, a key or a path is not.
    func testTheScanTellsSentencesFromCommands() throws {
        XCTAssertEqual(try Self.englishLiterals(in: #"let a = "the check program did not finish""#).count, 1)
        XCTAssertEqual(try Self.englishLiterals(in: #"let a = "Step \(n) failed: it is a folder""#).count, 1)
        XCTAssertEqual(try Self.englishLiterals(in: #"let a = ["python3", "-m", "pip install --upgrade pip"]"#), [])
        XCTAssertEqual(try Self.englishLiterals(in: #"strings.text("planner.note.index", ["url": url]); let p = "/usr/share""#), [])
    }
}
